/** ESLint-style valid/invalid cases for one rule, with exact 0-based ranges [line, char, endLine, endChar]. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/containerfile/model';
import { runContainerfileRules as lintModel } from '../../server/src/lint';
import type { ClusterFacts, Diagnostic } from '../../server/src/core/types';
import type { ContainerfileRule } from '../../server/src/containerfile/rule';
import { LineIndex } from '../../server/src/core/lineIndex';

export type Case = string | { code: string; ocp?: string; cluster?: ClusterFacts };
export interface Invalid {
  code: string;
  ocp?: string;
  /** The connected cluster's facts, for cluster-aware rules. */
  cluster?: ClusterFacts;
  errors: { range: [number, number, number, number]; message?: RegExp }[];
  /** The text after applying the first fix of the first diagnostic. */
  output?: string;
}

export function lintWith(rule: ContainerfileRule, code: string, ocp?: string, cluster?: ClusterFacts): Diagnostic[] {
  return lintModel(buildModel(code), [rule], { ocpVersion: ocp, cluster }, (l) => l).diagnostics;
}

export function applyFix(code: string, d: Diagnostic): string {
  const fix = d.fixes[0];
  assert.ok(fix, `expected a fix for ${d.ruleId}`);
  const idx = new LineIndex(code);
  const edits = [...fix.edits].sort((a, b) => idx.offsetAt(b.range.start) - idx.offsetAt(a.range.start));
  let out = code;
  for (const e of edits) out = out.slice(0, idx.offsetAt(e.range.start)) + e.newText + out.slice(idx.offsetAt(e.range.end));
  return out;
}

export function ruleTest(rule: ContainerfileRule, cases: { valid: Case[]; invalid: Invalid[] }): void {
  const id = rule.meta.id;
  cases.valid.forEach((c, i) => {
    const { code, ocp, cluster } = typeof c === 'string' ? { code: c, ocp: undefined, cluster: undefined } : c;
    test(`${id} valid #${i + 1}`, () => {
      assert.deepEqual(lintWith(rule, code, ocp, cluster).map((d) => d.message), []);
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${id} invalid #${i + 1}`, () => {
      const diags = lintWith(rule, c.code, c.ocp, c.cluster);
      const got = diags.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
      assert.deepEqual(got, c.errors.map((e) => e.range), `ranges for:\n${c.code}\n${diags.map((d) => d.message).join('\n')}`);
      c.errors.forEach((e, k) => {
        if (e.message) assert.match(diags[k]!.message, e.message);
        assert.equal(diags[k]!.severity, rule.meta.severity);
      });
      if (c.output !== undefined) assert.equal(applyFix(c.code, diags[0]!), c.output);
    });
  });
}

/** A pinned base image line, to keep cases short. */
export const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

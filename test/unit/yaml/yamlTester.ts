/** valid/invalid cases for one YAML rule, with exact 0-based ranges [line, char, endLine, endChar]. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildYamlModel } from '../../../server/src/machineconfig/model';
import { runYamlRules } from '../../../server/src/lint';
import type { ClusterFacts } from '../../../server/src/core/types';
import type { MachineConfigRule } from '../../../server/src/machineconfig/rule';
import { applyFix } from '../ruleTester';

export interface YInvalid {
  code: string;
  ocp?: string;
  cluster?: ClusterFacts;
  errors: { range: [number, number, number, number]; message?: RegExp }[];
  output?: string;
  /** Which fix of the first diagnostic `output` applies (default 0). */
  fix?: number;
}

export function yamlRuleTest(rule: MachineConfigRule, cases: { valid: (string | { code: string; ocp?: string; cluster?: ClusterFacts })[]; invalid: YInvalid[] }): void {
  const id = rule.meta.id;
  const run = (code: string, ocp?: string, cluster?: ClusterFacts) => runYamlRules(buildYamlModel(code), [rule], { ocpVersion: ocp, cluster }, (l) => l).diagnostics;
  cases.valid.forEach((c, i) => {
    const { code, ocp, cluster } = typeof c === 'string' ? { code: c, ocp: undefined, cluster: undefined } : c;
    test(`${id} valid #${i + 1}`, () => assert.deepEqual(run(code, ocp, cluster).map((d) => d.message), []));
  });
  cases.invalid.forEach((c, i) => {
    test(`${id} invalid #${i + 1}`, () => {
      const diags = run(c.code, c.ocp, c.cluster);
      const got = diags.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
      assert.deepEqual(got, c.errors.map((e) => e.range), diags.map((d) => d.message).join('\n'));
      c.errors.forEach((e, k) => {
        if (e.message) assert.match(diags[k]!.message, e.message);
        assert.equal(diags[k]!.severity, rule.meta.severity);
      });
      if (c.output !== undefined) {
        const d = diags[0]!;
        assert.equal(applyFix(c.code, { ...d, fixes: [d.fixes[c.fix ?? 0]!] }), c.output);
      }
    });
  });
}

/** A MachineConfig with a role label and the given spec lines (each indented two spaces). */
export function mc(spec: string[], name = '99-worker-x', role: string | null = 'worker'): string {
  return [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    `  name: ${name}`,
    ...(role ? ['  labels:', `    machineconfiguration.openshift.io/role: ${role}`] : []),
    'spec:',
    ...spec.map((l) => `  ${l}`),
  ].join('\n') + '\n';
}

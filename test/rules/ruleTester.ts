/**
 * ESLint-style valid/invalid cases for one rule, named by its id, with exact 0-based ranges
 * [line, char, endLine, endChar]. The rule is looked up in the registries, and `rule.meta.kind`
 * says how to run it; `runRule` is the only place that calls the engine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/containerfile/model';
import { buildYamlModel } from '../../server/src/machineconfig/model';
import { runContainerfileRules, runYamlRules } from '../../server/src/lint';
import { containerfileRules } from '../../server/src/containerfile/rules';
import { yamlRules } from '../../server/src/machineconfig/rules';
import type { ClusterFacts, Diagnostic, LintOptions, Severity, WorkspaceFacts } from '../../server/src/core/types';
import type { ContainerfileRule } from '../../server/src/containerfile/rule';
import type { MachineConfigRule } from '../../server/src/machineconfig/rule';
import { LineIndex } from '../../server/src/core/lineIndex';

export type AnyRule = ContainerfileRule | MachineConfigRule;

/** What a case can set besides its text; each becomes a LintOptions field. */
export interface CaseOptions {
  ocp?: string;
  /** The connected cluster's facts, for cluster-aware rules. */
  cluster?: ClusterFacts;
  /** Facts from the other files of the workspace, for cross-file rules. */
  workspace?: WorkspaceFacts;
}
export type Valid = string | ({ code: string } & CaseOptions);
export interface Invalid extends CaseOptions {
  code: string;
  /** `severity` defaults to the rule's `meta.severity`; set it where the finding's severity depends on the version. */
  errors: { range: [number, number, number, number]; message?: RegExp; severity?: Severity }[];
  /** The text after applying a fix (see `fix`) of the first diagnostic. */
  output?: string;
  /** Which fix of the first diagnostic `output` applies (default 0). */
  fix?: number;
}

/** The registered rule with this id (containerfileRules or yamlRules); throws for an unknown id. */
export function findRule(id: string): AnyRule {
  const rule = [...containerfileRules, ...yamlRules].find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule \`${id}\` in containerfileRules or yamlRules`);
  return rule;
}

const isContainerfileRule = (r: AnyRule): r is ContainerfileRule => r.meta.kind === 'containerfile';

/** Runs one rule over `code` the way the engine does; the one function to edit when the engine's API changes. */
export function runRule(rule: AnyRule, code: string, options: LintOptions): Diagnostic[] {
  const result = isContainerfileRule(rule)
    ? runContainerfileRules(buildModel(code), [rule], options, (l) => l)
    : runYamlRules(buildYamlModel(code), [rule], options, (l) => l);
  // The engine keeps a rule's exception apart (lint-incomplete); in a rule's own test it is a failure, not a clean result.
  const failure = result.failures[0];
  if (failure) throw new Error(`${rule.meta.id} threw: ${failure.error}`);
  return result.diagnostics;
}

/** The diagnostics of the rule with this id for `code`. */
export function lintWith(ruleId: string, code: string, options: LintOptions = {}): Diagnostic[] {
  return runRule(findRule(ruleId), code, options);
}

const optionsOf = (c: CaseOptions): LintOptions => ({ ocpVersion: c.ocp, cluster: c.cluster, workspace: c.workspace });

export function applyFix(code: string, d: Diagnostic): string {
  const fix = d.fixes[0];
  assert.ok(fix, `expected a fix for ${d.ruleId}`);
  const idx = new LineIndex(code);
  const edits = [...fix.edits].sort((a, b) => idx.offsetAt(b.range.start) - idx.offsetAt(a.range.start));
  let out = code;
  for (const e of edits) out = out.slice(0, idx.offsetAt(e.range.start)) + e.newText + out.slice(idx.offsetAt(e.range.end));
  return out;
}

export function ruleTest(ruleId: string, cases: { valid: Valid[]; invalid: Invalid[] }): void {
  const rule = findRule(ruleId);
  const id = rule.meta.id;
  cases.valid.forEach((c, i) => {
    const { code, ...options } = typeof c === 'string' ? { code: c } : c;
    test(`${id} valid #${i + 1}`, () => {
      assert.deepEqual(
        runRule(rule, code, optionsOf(options)).map((d) => d.message),
        [],
      );
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${id} invalid #${i + 1}`, () => {
      const diags = runRule(rule, c.code, optionsOf(c));
      const got = diags.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
      assert.deepEqual(
        got,
        c.errors.map((e) => e.range),
        `ranges for:\n${c.code}\n${diags.map((d) => d.message).join('\n')}`,
      );
      c.errors.forEach((e, k) => {
        if (e.message) assert.match(diags[k]!.message, e.message);
        assert.equal(diags[k]!.severity, e.severity ?? rule.meta.severity);
      });
      if (c.output !== undefined) {
        const d = diags[0]!;
        assert.equal(applyFix(c.code, { ...d, fixes: [d.fixes[c.fix ?? 0]!] }), c.output);
      }
    });
  });
}

/** A pinned base image line, to keep cases short. */
export const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

/** A MachineConfig with a role label and the given spec lines (each indented two spaces). */
export function mc(spec: string[], name = '99-worker-x', role: string | null = 'worker'): string {
  return (
    [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: MachineConfig',
      'metadata:',
      `  name: ${name}`,
      ...(role ? ['  labels:', `    machineconfiguration.openshift.io/role: ${role}`] : []),
      'spec:',
      ...spec.map((l) => `  ${l}`),
    ].join('\n') + '\n'
  );
}

/** A MachineConfig whose spec has an Ignition config of this version, with `rest` under `config:`. */
export function ign(version: string, rest: string[] = []): string {
  return mc(['config:', '  ignition:', `    version: ${version}`, ...rest.map((l) => `  ${l}`)]);
}

/** A MachineOSConfig for pool worker whose one Containerfile has these lines. */
export function mosc(name: string, content: string[]): string {
  return (
    [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: MachineOSConfig',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  machineConfigPool:',
      '    name: worker',
      '  imageBuilder:',
      '    imageBuilderType: Job',
      '  renderedImagePushSecret:',
      '    name: push',
      '  renderedImagePushSpec: registry.example.com/os:latest',
      '  containerFile:',
      '    - containerfileArch: NoArch',
      '      content: |',
      ...content.map((l) => `        ${l}`),
    ].join('\n') + '\n'
  );
}

/** A MachineOSConfig v1alpha1 (4.16–4.17 shape) for pool worker whose one `noarch` Containerfile has these lines. */
export function moscV1alpha1(content: string[], pushSpec = 'registry.example.com/os:latest'): string {
  return (
    [
      'apiVersion: machineconfiguration.openshift.io/v1alpha1',
      'kind: MachineOSConfig',
      'metadata:',
      '  name: worker',
      'spec:',
      '  machineConfigPool:',
      '    name: worker',
      '  buildInputs:',
      '    imageBuilder:',
      '      imageBuilderType: PodImageBuilder',
      '    baseImagePullSecret:',
      '      name: pull',
      '    renderedImagePushSecret:',
      '      name: push',
      `    renderedImagePushspec: ${pushSpec}`,
      '    containerFile:',
      '      - containerfileArch: noarch',
      '        content: |',
      ...content.map((l) => `          ${l}`),
    ].join('\n') + '\n'
  );
}

/** openshift-docs coreos-layering-configuring-on-modifying.adoc: `apiVersion: …/v1` with the v1alpha1 spellings. */
export const MOSC_DOCS_EXAMPLE = [
  'apiVersion: machineconfiguration.openshift.io/v1',
  'kind: MachineOSConfig',
  'metadata:',
  '  name: worker',
  'spec:',
  '  machineConfigPool:',
  '    name: worker',
  '  containerFile:',
  '  - containerfileArch: noarch',
  '    content: |-',
  '      FROM configs AS final',
  '  imageBuilder:',
  '    imageBuilderType: PodImageBuilder',
  '  renderedImagePushspec: image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-images:latest',
  '  renderedImagePushSecret:',
  '    name: new-secret-name',
  '',
].join('\n');

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mc, mosc, moscV1alpha1 } from '../rules/ruleTester';
import { lint, lintYaml } from '../../server/src/lint';
import { buildYamlModel } from '../../server/src/machineconfig/model';

test('the embedded Containerfile is linted with the Containerfile rules at its YAML position', () => {
  const text = mosc('worker', ['FROM configs AS final', 'RUN rpm-ostree install tree && \\', '    rpm-ostree kargs --append=nosmt']);
  // 4.18: the first version with MachineOSConfig v1 (mosc-api-version).
  const d = lintYaml(text, { ocpVersion: '4.18' }).diagnostics;
  const got = d.map((x) => `${x.ruleId} ${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character}`);
  assert.deepEqual(got, [
    'missing-ostree-commit 16:8-16:11',
    'rpm-ostree-no-cleanup 16:12-16:30',
    'rpm-ostree-unsupported-verb 17:23-17:28',
  ]);
  const line = text.split('\n')[17]!;
  assert.equal(line.slice(23, 28), 'kargs');
});

test('the Containerfile of a v1alpha1 MachineOSConfig (spec.buildInputs.containerFile) is linted too, at its YAML position', () => {
  const text = moscV1alpha1(['FROM configs AS final', 'RUN rpm-ostree install tree && \\', '    rpm-ostree kargs --append=nosmt']);
  const d = lintYaml(text, { ocpVersion: '4.16' }).diagnostics.filter((x) => x.ruleId === 'rpm-ostree-unsupported-verb');
  assert.deepEqual(
    d.map((x) => [x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character]),
    [[20, 25, 20, 30]],
  );
  assert.equal(text.split('\n')[20]!.slice(25, 30), 'kargs');
});

test('an embedded Containerfile whose linting throws makes the file say it was not fully checked', () => {
  // The Containerfile parser gives up on a 10,000-link && chain that holds a `$(…)` (test/engine/incomplete.test.ts); inside a MachineOSConfig too.
  const chain = 'RUN $(true) && ' + Array.from({ length: 10_000 }, (_, i) => `echo ${i}`).join(' && ');
  const r = lint(mosc('worker', ['FROM configs AS final', chain]), 'yaml');
  assert.ok(
    r.failures.some((f) => f.ruleId.includes('embedded Containerfile')),
    JSON.stringify(r.failures),
  );
  const incomplete = r.diagnostics.filter((x) => x.ruleId === 'lint-incomplete');
  assert.equal(incomplete.length, 1);
  assert.match(incomplete[0]!.message, /could not be fully checked: \(parser\) \(embedded Containerfile\) failed/);
});

test('other documents and other YAML files are left alone', () => {
  assert.deepEqual(lintYaml('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: machineconfig-like\ndata: {a: [}\n').diagnostics, []);
  assert.deepEqual(lintYaml('key: value\n').diagnostics, []);
  assert.deepEqual(lintYaml('apiVersion: apps/v1\nkind: Deployment\nspec:\n  kernelType: nope # machineconfig\n').diagnostics, []);
});

test('multi-document files count lines over the whole file', () => {
  const text =
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n' +
    mosc('worker', ['FROM configs AS final', 'RUN rpm-ostree kargs x && ostree container commit']);
  const d = lintYaml(text).diagnostics.find((x) => x.ruleId === 'rpm-ostree-unsupported-verb')!;
  assert.equal(d.range.start.line, 20);
  assert.equal(text.split('\n')[20]!.slice(d.range.start.character, d.range.end.character), 'kargs');
});

test('tabs and non-UTF-8 bytes in YAML get a clear diagnostic or silence, never a crash', () => {
  const tabs = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n\tname: x\n';
  const d = lintYaml(tabs).diagnostics;
  assert.equal(d[0]!.ruleId, 'yaml-syntax');
  assert.match(d[0]!.message, /^YAML: .*tab/i);
  const bytes = Buffer.concat([
    Buffer.from(
      'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n  labels: {machineconfiguration.openshift.io/role: worker}\nspec:\n  kernelType: ',
    ),
    Buffer.from([0xff, 0xfe, 0x80]),
    Buffer.from('\n'),
  ]).toString('utf8');
  const d2 = lintYaml(bytes).diagnostics;
  assert.deepEqual(
    d2.map((x) => x.ruleId),
    ['mc-kernel-type'],
  );
});

test('a multi-megabyte base64 file keeps its exact value (valid and invalid data URLs)', () => {
  const head =
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n  labels: {machineconfiguration.openshift.io/role: worker}\nspec:\n  config:\n    ignition: {version: 3.2.0}\n    storage:\n      files:\n        - path: /etc/big\n          contents:\n            source: ';
  const good = Buffer.alloc(300_000, 9).toString('base64');
  assert.deepEqual(lintYaml(`${head}data:;base64,${good}\n`).diagnostics, []);
  const bad = good.slice(0, 200_000) + '!' + good.slice(200_000);
  assert.deepEqual(
    lintYaml(`${head}"data:;base64,${bad}"\n`).diagnostics.map((d) => d.ruleId),
    ['mc-data-url'],
  );
  const truncated = good.slice(0, -3);
  assert.deepEqual(
    lintYaml(`${head}data:;base64,${truncated}=\n`).diagnostics.map((d) => d.ruleId),
    ['mc-data-url'],
  );
});

test('values are read as oc reads them (go-yaml v2, YAML 1.1), with or without aliases in the file', () => {
  const body = 'mode: 0644\ndirMode: 0o755\nenabled: yes\noverwrite: off\nquoted: "0644"\nplain: 644\n';
  const fast = buildYamlModel(body).docs[0]!.value;
  const tree = buildYamlModel(`anchor: &a 1\nref: *a\n${body}`).docs[0]!.value as Record<string, unknown>;
  assert.deepEqual(fast, { mode: 420, dirMode: 493, enabled: true, overwrite: false, quoted: '0644', plain: 644 });
  // The positioned parser, used when the file has aliases or syntax errors, agrees.
  assert.deepEqual({ ...tree, anchor: undefined, ref: undefined }, { ...(fast as object), anchor: undefined, ref: undefined });
});

test('repeated identical kernelArguments get no finding: MCO keeps duplicates on purpose (OCPBUGS-19708)', () => {
  const text = mc(['kernelArguments:', '  - hugepagesz=1G', '  - hugepages=4', '  - hugepagesz=2M', '  - hugepages=4']);
  for (const ocpVersion of ['4.14', '4.19', undefined]) assert.deepEqual(lintYaml(text, { ocpVersion }).diagnostics, []);
});

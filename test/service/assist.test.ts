import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeYaml } from '../../server/src/service/yamlCompletion';
import { hoverYaml } from '../../server/src/service/yamlHover';

const DOC = `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: x
spec:
  kernelType: 
  extensions:
    - 
  osImageURL: quay.io/a/b
  
`;

test('completion offers the spec fields not yet written', () => {
  const labels = completeYaml(DOC, { line: 9, character: 2 }).map((c) => c.label);
  assert.deepEqual(labels.sort(), ['baseOSExtensionsContainerImage', 'config', 'fips', 'kernelArguments']);
});

test('completion offers kernelType values and the extensions of the OpenShift version', () => {
  assert.deepEqual(
    completeYaml(DOC, { line: 5, character: 14 }).map((c) => c.label),
    ['""', 'default', 'realtime', '64k-pages'],
  );
  const exts = completeYaml(DOC, { line: 7, character: 6 }, '4.17')
    .map((c) => c.label)
    .sort();
  assert.deepEqual(exts, ['ipsec', 'kerberos', 'kernel-devel', 'sandboxed-containers', 'usbguard', 'wasm']);
  assert.ok(completeYaml(DOC, { line: 7, character: 6 }, '4.19').some((c) => c.label === 'two-node-ha'));
});

test('completion inside a MachineOSConfig containerFile item', () => {
  const mosc =
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineOSConfig\nmetadata:\n  name: worker\nspec:\n  containerFile:\n    - containerfileArch: \n';
  assert.deepEqual(
    completeYaml(mosc, { line: 6, character: 25 }).map((c) => c.label),
    ['ARM64', 'AMD64', 'PPC64LE', 'S390X', 'NoArch'],
  );
});

test('hover over a key shows its schema description', () => {
  const h = hoverYaml(DOC, { line: 8, character: 5 })!;
  assert.match(h, /^\*\*spec\.osImageURL\*\* \(string\)/);
  assert.match(h, /by digest/);
  assert.match(hoverYaml(DOC, { line: 5, character: 4 })!, /Values: ``, `default`, `realtime`, `64k-pages`/);
  assert.equal(hoverYaml(DOC, { line: 8, character: 20 }), null);
});

test('completion and hover know MachineConfiguration node disruption policies', () => {
  const mcfg =
    'apiVersion: operator.openshift.io/v1\nkind: MachineConfiguration\nmetadata:\n  name: cluster\nspec:\n  nodeDisruptionPolicy:\n    files:\n      - path: /etc/x\n        actions:\n          - type: \n';
  assert.deepEqual(
    completeYaml(mcfg, { line: 9, character: 18 }).map((c) => c.label),
    ['Reboot', 'Drain', 'Reload', 'Restart', 'DaemonReload', 'None'],
  );
  assert.match(hoverYaml(mcfg, { line: 5, character: 5 })!, /^\*\*spec\.nodeDisruptionPolicy\*\*/);
});

test('completion knows PinnedImageSet fields', () => {
  const pis = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: PinnedImageSet\nmetadata:\n  name: x\nspec:\n  \n';
  assert.deepEqual(
    completeYaml(pis, { line: 5, character: 2 }).map((c) => c.label),
    ['pinnedImages'],
  );
});

/** Apply MachineConfig on its own, without a cluster: which MachineConfig of the editor's YAML it applies. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { impactMessage, machineConfigsIn } from '../../client/src/cluster/apply';

const MC = (name: string) => `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: ${name}
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  osImageURL: quay.io/example/layered@sha256:${'a'.repeat(64)}
`;

test('the MachineConfig of a one-document file, as plain JSON', () => {
  const mcs = machineConfigsIn(MC('os-layer-worker'));
  assert.equal(mcs.length, 1);
  assert.equal(mcs[0]!.metadata.name, 'os-layer-worker');
  assert.equal(mcs[0]!.metadata.labels?.['machineconfiguration.openshift.io/role'], 'worker');
  assert.match(String(mcs[0]!.spec?.['osImageURL']), /@sha256:a{64}$/);
});

test('other kinds and empty documents are skipped, so a pool next to its MachineConfig still applies', () => {
  const pool = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata:\n  name: infra\n';
  assert.deepEqual(
    machineConfigsIn(`---\n${pool}---\n${MC('os-layer-infra')}---\n`).map((m) => m.metadata.name),
    ['os-layer-infra'],
  );
});

test('the count the command reports when it is not exactly one', () => {
  assert.equal(machineConfigsIn(`${MC('a')}---\n${MC('b')}`).length, 2);
  assert.equal(machineConfigsIn('').length, 0);
  assert.equal(machineConfigsIn('kind: ConfigMap\n').length, 0);
});

test('a paused pool: the modal says the change is queued until the pool is resumed, not that nodes reboot', () => {
  assert.equal(
    impactMessage([{ name: 'worker', total: 3, paused: true }]),
    'Pool worker is paused: the change is queued and no node updates until it is resumed',
  );
  assert.equal(
    impactMessage([{ name: 'worker', total: 3, paused: false }]),
    '3 nodes in pool worker will be cordoned, drained and rebooted',
  );
  assert.equal(
    impactMessage([
      { name: 'worker', total: 3, paused: false },
      { name: 'infra', total: 2, paused: true },
    ]),
    '3 nodes in pool worker will be cordoned, drained and rebooted; pool infra is paused: the change is queued and no node ' +
      'updates until it is resumed',
  );
});

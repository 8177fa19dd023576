/** Roll Back Layered Image: which MachineConfigs it offers to delete, and in which order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appliedFromVsCode, layerMachineConfig } from '../../client/src/cluster/apply';
import { rollbackCandidates } from '../../client/src/cluster/rollback';
import type { Obj } from '../../client/src/cluster/cluster';

const IMAGE = 'quay.io/example/layered@sha256:' + 'a'.repeat(64);
const ROLE = 'machineconfiguration.openshift.io/role';
const mc = (name: string, spec: Record<string, unknown>, role = 'worker'): Obj => ({
  kind: 'MachineConfig',
  metadata: { name, labels: { [ROLE]: role } },
  spec,
});
const names = (mcs: Obj[]) => mcs.map((m) => m.metadata.name);

test('only MachineConfigs that set an osImageURL are offered; rendered ones and empty osImageURL are not', () => {
  const offered = rollbackCandidates([
    mc('00-worker', { config: { ignition: { version: '3.4.0' } } }),
    mc('rendered-worker-0123abcd', { osImageURL: IMAGE }),
    mc('50-empty-image', { osImageURL: '' }),
    mc('60-not-a-string', { osImageURL: 42 }),
    mc('99-hotfix', { osImageURL: IMAGE }),
  ]);
  assert.deepEqual(names(offered), ['99-hotfix']);
});

test('the ones applied from VS Code come first, then the others; each group by name', () => {
  const offered = rollbackCandidates([
    mc('zz-vendor-layer', { osImageURL: IMAGE }),
    layerMachineConfig('worker', IMAGE),
    mc('aa-manual-layer', { osImageURL: IMAGE }, 'infra'),
    layerMachineConfig('infra', IMAGE),
  ]);
  assert.deepEqual(names(offered), ['os-layer-infra', 'os-layer-worker', 'aa-manual-layer', 'zz-vendor-layer']);
  assert.deepEqual(offered.map(appliedFromVsCode), [true, true, false, false]);
});

test('nothing to roll back when no MachineConfig layers an image', () => {
  assert.deepEqual(rollbackCandidates([mc('00-worker', {}), mc('rendered-worker-1', { osImageURL: IMAGE })]), []);
});

/**
 * The "Apply to pool worker (12 nodes)" lens: on a file with exactly one MachineConfig, with the
 * pools and node counts of the simulator's cluster, or the role label when no cluster is known.
 * And reading one node for its read-only document.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { Cluster } from '../../client/src/cluster/cluster';
import type { Obj } from '../../client/src/cluster/cluster';
import { applyLens } from '../../client/src/cluster/applyLens';

let sim: Simulator;
let pools: Obj[];
let c: Cluster;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-lens-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { master: 3, worker: 12, infra: 2 } }));
  c = await Cluster.connect({ explicit: sim.kubeconfig });
  pools = (await c.list('machineconfigpools')).items;
});
after(async () => {
  await sim.stop();
});

const mc = (role: string, extra = '') => `# 99-${role}-ssh.yaml
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-${role}-ssh
  labels:
    machineconfiguration.openshift.io/role: ${role}
spec:
  config:
    ignition:
      version: 3.4.0${extra}
`;

test('above a MachineConfig: the pools that select it and their nodes, on the line of its first key', () => {
  // A custom pool selects the worker MachineConfigs too (matchExpressions role In [worker, infra]), as on OpenShift.
  assert.deepEqual(applyLens(mc('worker'), pools, 'sim'), {
    line: 1,
    title: 'Apply to pools infra, worker (14 nodes)',
    tooltip: 'Dry-run, review and apply this MachineConfig on sim; nothing is written before you confirm',
  });
  assert.equal(applyLens(mc('infra'), pools)?.title, 'Apply to pool infra (2 nodes)');
  assert.equal(applyLens(mc('master'), pools)?.title, 'Apply to pool master (3 nodes)');
  assert.equal(applyLens(mc('gpu'), pools)?.title, 'Apply MachineConfig (no pool selects role gpu)');
});

test('without a cluster the role label names the pool; no role label, no lens', () => {
  assert.equal(applyLens(mc('worker'), undefined)?.title, 'Apply to pool worker');
  assert.equal(applyLens(mc('worker').replace(/ {2}labels:\n.*\n/, ''), undefined), undefined);
});

test('no lens on other YAML, on two MachineConfigs in one file, or on a file that does not parse', () => {
  assert.equal(applyLens('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n', pools), undefined);
  assert.equal(applyLens(`${mc('worker')}---\n${mc('master')}`, pools), undefined, 'Apply MachineConfig applies one');
  assert.equal(applyLens(mc('worker', '\n  bad: [unclosed'), pools), undefined);
  assert.equal(applyLens(mc('worker').replace('machineconfiguration.openshift.io/v1\n', 'example.com/v1\n'), pools), undefined);
  // A pool and its MachineConfig in one file: the lens sits above the MachineConfig.
  const both = `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata: {name: gpu}\n---\n${mc('worker')}`;
  assert.equal(applyLens(both, pools)?.line, 5);
});

test('a node is read by name for its read-only document; a missing one is null', async () => {
  const n = await c.getNode('worker-11');
  assert.equal(n?.metadata.name, 'worker-11');
  assert.equal(n?.metadata.labels?.['node-role.kubernetes.io/worker'], '');
  assert.equal(await c.getNode('worker-99'), null);
});

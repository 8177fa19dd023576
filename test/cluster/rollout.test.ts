/** The rollout model on its own: pool membership, what changed, and the transitions that notify. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RolloutModel } from '../../client/src/cluster/rollout';
import type { Obj } from '../../client/src/cluster/cluster';

const ANN = 'machineconfiguration.openshift.io/';
const pool = (name: string, conds: Record<string, string>, extra: Record<string, unknown> = {}): Obj => ({
  metadata: { name },
  spec: {
    nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${name}`]: '' } },
    machineConfigSelector: {
      matchExpressions: [{ key: `${ANN}role`, operator: 'In', values: name === 'worker' ? ['worker'] : ['worker', name] }],
    },
    configuration: { name: `rendered-${name}-1` },
    ...extra,
  },
  status: {
    machineCount: 2,
    updatedMachineCount: 1,
    degradedMachineCount: 0,
    unavailableMachineCount: 1,
    conditions: Object.entries(conds).map(([type, status]) => ({
      type,
      status,
      message: type === 'NodeDegraded' ? 'Node w-1 is reporting: "boom"' : '',
    })),
  },
});
const node = (name: string, roles: string[], ann: Record<string, string> = {}, unschedulable = false): Obj => ({
  metadata: {
    name,
    labels: Object.fromEntries(roles.map((r) => [`node-role.kubernetes.io/${r}`, ''])),
    annotations: Object.fromEntries(Object.entries(ann).map(([k, v]) => [`${ANN}${k}`, v])),
  },
  spec: unschedulable ? { unschedulable: true } : {},
  status: { conditions: [{ type: 'Ready', status: ann['state'] === 'Rebooting' ? 'False' : 'True' }] },
});

test('a node in a custom pool belongs to it, not to worker; nodes sort by number', () => {
  const m = new RolloutModel();
  m.list('machineconfigpools', [pool('worker', { Updated: 'True' }), pool('infra', { Updated: 'True' })]);
  m.list('nodes', [node('w-10', ['worker']), node('w-2', ['worker']), node('i-0', ['worker', 'infra'])]);
  assert.deepEqual(m.nodesOf('worker'), ['w-2', 'w-10']);
  assert.deepEqual(m.nodesOf('infra'), ['i-0']);
});

test('node views: state, cordon, configs and the degraded reason', () => {
  const m = new RolloutModel();
  m.list('machineconfigpools', [pool('worker', { Updating: 'True' })]);
  m.list('nodes', [
    node('w-0', ['worker'], { state: 'Working', currentConfig: 'a', desiredConfig: 'b' }, true),
    node('w-1', ['worker'], { state: 'Degraded', reason: 'manifest unknown' }),
    node('w-2', ['worker'], { state: 'Rebooting' }, true),
  ]);
  assert.deepEqual(
    [m.node('w-0')!.state, m.node('w-0')!.cordoned, m.node('w-0')!.currentConfig, m.node('w-0')!.desiredConfig],
    ['Working', true, 'a', 'b'],
  );
  assert.deepEqual([m.node('w-1')!.state, m.node('w-1')!.reason], ['Degraded', 'manifest unknown']);
  assert.equal(m.node('w-2')!.state, 'Rebooting');
});

test('changes name what to refresh; Updating -> Updated and -> Degraded are transitions, once', () => {
  const m = new RolloutModel();
  m.list('machineconfigpools', [pool('worker', { Updating: 'True' })]);
  m.list('nodes', [node('w-0', ['worker'])]);
  const c1 = m.event('nodes', 'MODIFIED', node('w-0', ['worker'], { state: 'Working' }, true));
  assert.deepEqual(
    [[...c1.nodes], [...c1.pools], [...c1.structure]],
    [['w-0'], ['worker'], []],
    'an annotation change refreshes the node and its pool only',
  );
  const c2 = m.event('machineconfigpools', 'MODIFIED', pool('worker', { Updated: 'True' }));
  assert.deepEqual(
    c2.transitions.map((t) => `${t.to}: ${t.message}`),
    ['Updated: Pool worker finished updating: 1/2 nodes on rendered-worker-1.'],
  );
  assert.deepEqual(m.event('machineconfigpools', 'MODIFIED', pool('worker', { Updated: 'True' })).transitions, []);
  const c3 = m.event('machineconfigpools', 'MODIFIED', pool('worker', { Degraded: 'True', NodeDegraded: 'True' }));
  assert.deepEqual(
    c3.transitions.map((t) => t.to),
    ['Degraded'],
  );
  assert.match(c3.transitions[0]!.message, /Node w-1 is reporting: "boom"/);
  const c4 = m.event('nodes', 'MODIFIED', node('w-0', ['infra']));
  assert.deepEqual([...c4.structure], ['worker'], "a node that leaves a pool changes the pool's children");
});

test('MachineConfigs under each pool, by selector; ours are marked; a paused pool says so', () => {
  const m = new RolloutModel();
  m.list('machineconfigpools', [pool('worker', { Updated: 'True' }), pool('infra', { Updated: 'True' }, { paused: true })]);
  m.list('machineconfigs', [
    { metadata: { name: 'rendered-worker-1', labels: {} } },
    { metadata: { name: '00-worker', labels: { [`${ANN}role`]: 'worker' } }, spec: {} },
    {
      metadata: { name: 'os-layer-infra', labels: { [`${ANN}role`]: 'infra', 'app.kubernetes.io/managed-by': 'rhcos-layering-vscode' } },
      spec: { osImageURL: 'q/x@sha256:1' },
    },
  ]);
  assert.deepEqual(
    m.machineConfigsOf('worker').map((x) => x.name),
    ['00-worker'],
  );
  assert.deepEqual(m.machineConfigsOf('infra'), [
    { name: '00-worker', osImageURL: undefined, ours: false },
    { name: 'os-layer-infra', osImageURL: 'q/x@sha256:1', ours: true },
  ]);
  assert.equal(m.pool('infra')!.state, 'Paused');
  const c = m.event('machineconfigs', 'ADDED', { metadata: { name: '99-infra', labels: { [`${ANN}role`]: 'infra' } }, spec: {} });
  assert.deepEqual([...c.structure], ['infra']);
});

test('a relist after a disconnection puts a node that changed pools meanwhile under its new pool', () => {
  const m = new RolloutModel();
  m.list('machineconfigpools', [pool('worker', { Updated: 'True' }), pool('infra', { Updated: 'True' })]);
  m.list('nodes', [node('w-0', ['worker']), node('w-1', ['worker'])]);
  assert.deepEqual(m.nodesOf('worker'), ['w-0', 'w-1']);
  // While the watch was down, w-1 was labelled into infra; the watcher relists.
  const c = m.list('nodes', [node('w-0', ['worker']), node('w-1', ['worker', 'infra'])]);
  assert.deepEqual([m.nodesOf('worker'), m.nodesOf('infra')], [['w-0'], ['w-1']]);
  assert.deepEqual([...c.structure].sort(), ['infra', 'worker'], 'both pools re-read their children');
});

test('pool members follow every kind of membership change, and the not-Done count agrees with the node views', () => {
  const m = new RolloutModel();
  m.list('machineconfigpools', [pool('worker', { Updated: 'True' }), pool('infra', { Updated: 'True' })]);
  m.list('nodes', [
    node('w-1', ['worker'], { state: 'Working' }),
    node('w-0', ['worker'], { state: 'Rebooting' }),
    node('w-2', ['worker']),
  ]);
  assert.deepEqual(m.nodesOf('worker'), ['w-0', 'w-1', 'w-2']);
  // What a caller does with the list is its own: the next caller gets the members again.
  m.nodesOf('worker').reverse();
  assert.deepEqual(m.nodesOf('worker'), ['w-0', 'w-1', 'w-2']);
  m.event('nodes', 'ADDED', node('w-10', ['worker'], { state: 'Degraded' }));
  assert.deepEqual(m.nodesOf('worker'), ['w-0', 'w-1', 'w-2', 'w-10']);
  m.event('nodes', 'MODIFIED', node('w-1', ['worker', 'infra'], { state: 'Done' }));
  assert.deepEqual([m.nodesOf('worker'), m.nodesOf('infra')], [['w-0', 'w-2', 'w-10'], ['w-1']]);
  m.event('nodes', 'DELETED', node('w-0', ['worker']));
  assert.deepEqual(m.nodesOf('worker'), ['w-2', 'w-10']);
  // A pool whose selector changes takes its nodes with it.
  m.event('machineconfigpools', 'MODIFIED', pool('infra', { Updated: 'True' }, { nodeSelector: { matchLabels: { none: 'x' } } }));
  assert.deepEqual([m.nodesOf('worker'), m.nodesOf('infra')], [['w-1', 'w-2', 'w-10'], []]);
  const views = [...m.nodes.keys()].filter((n) => m.node(n)!.state !== 'Done');
  assert.deepEqual([m.notDone(), views], [1, ['w-10']]);
  m.event('nodes', 'MODIFIED', node('w-2', ['worker'], { state: 'Working' }));
  assert.equal(m.notDone(), 2);
});

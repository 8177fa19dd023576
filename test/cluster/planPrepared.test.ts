/** After the write: each node's MachineConfigNode UpdatePrepared message against the plan (MCO pkg/daemon/update.go). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Obj } from '../../client/src/cluster/cluster';
import { PlanMismatches, updatePrepared } from '../../client/src/cluster/plan/prepared';
import type { PoolPlan } from '../../client/src/cluster/plan/describe';

const T0 = Date.parse('2026-11-30T13:00:00Z');
const mcn = (node: string, message: string, at = '2026-11-30T13:00:05Z'): Obj => ({
  metadata: { name: node },
  spec: { pool: { name: 'worker' } },
  status: { conditions: [{ type: 'UpdatePrepared', status: 'True', message, lastTransitionTime: at }] },
});
const planOf = (drain: boolean | 'maybe', reboot: boolean): PoolPlan => ({
  pool: 'worker',
  nodes: 3,
  paused: false,
  layered: false,
  minor: 19,
  unchanged: false,
  imageChange: false,
  behind: 0,
  decision: {
    actions: [{ type: reboot ? 'Reboot' : 'Reload', reload: reboot ? undefined : { serviceName: 'crio.service' } }],
    drain,
    reason: '',
  },
  waves: { maxUnavailable: 1, waves: 3, zones: [] },
});

test("the daemon's message is parsed: drain and the legacy action list", () => {
  assert.deepEqual(updatePrepared(mcn('a', 'Update Compatible. Post Cfg Actions: [] Drain Required: false')), {
    at: Date.parse('2026-11-30T13:00:05Z'),
    drain: false,
    actions: [],
    message: 'Update Compatible. Post Cfg Actions: [] Drain Required: false',
  });
  assert.deepEqual(updatePrepared(mcn('a', 'Update Compatible. Post Cfg Actions: [reboot] Drain Required: true'))?.actions, ['reboot']);
  // MCO's upgrade monitor prefixes the config it updates to.
  assert.equal(
    updatePrepared(mcn('a', 'Action during update to rendered-worker-1a2b: Update Compatible. Post Cfg Actions: [] Drain Required: true'))
      ?.drain,
    true,
  );
  assert.equal(updatePrepared(mcn('a', 'Update Failed compatibility validation. MachineConfigs a and b are not compatible.')), null);
});

test('a node that drains when the plan said no drain is a mismatch, shown on the node; agreeing nodes have none', () => {
  const m = new PlanMismatches();
  m.expect([planOf(false, false)], T0);
  assert.equal(m.observe('a', 'worker', mcn('a', 'Update Compatible. Post Cfg Actions: [] Drain Required: false')), undefined);
  assert.equal(
    m.observe('b', 'worker', mcn('b', 'Update Compatible. Post Cfg Actions: [] Drain Required: true')),
    "planned no drain, the node's UpdatePrepared says Drain Required: true",
  );
  assert.equal(m.mismatch('a'), undefined);
  assert.equal(m.mismatch('b'), "planned no drain, the node's UpdatePrepared says Drain Required: true");
  // Reported once; the next observation of the same state says nothing new but the node keeps it.
  assert.equal(m.observe('b', 'worker', mcn('b', 'Update Compatible. Post Cfg Actions: [] Drain Required: true')), undefined);
  assert.equal(m.mismatch('b'), "planned no drain, the node's UpdatePrepared says Drain Required: true");
});

test('a report from before the plan (an earlier update) is ignored; a registries.conf plan (maybe drain) never mismatches on drain', () => {
  const m = new PlanMismatches();
  m.expect([planOf(false, false)], T0);
  assert.equal(
    m.observe('a', 'worker', mcn('a', 'Update Compatible. Post Cfg Actions: [] Drain Required: true', '2026-11-30T12:00:00Z')),
    undefined,
  );
  m.expect([planOf('maybe', false)], T0);
  assert.equal(m.observe('a', 'worker', mcn('a', 'Update Compatible. Post Cfg Actions: [] Drain Required: true')), undefined);
});

test('first-boot style action lists: a reboot where none was planned is a mismatch', () => {
  const m = new PlanMismatches();
  m.expect([planOf(true, false)], T0);
  assert.equal(
    m.observe('a', 'worker', mcn('a', 'Update Compatible. Post Cfg Actions: [reboot] Drain Required: true')),
    'planned no reboot, the node prepared [reboot]',
  );
});

test('a mismatch on a pool that was still rolling out when planned says the node took the earlier change too', () => {
  const m = new PlanMismatches();
  m.expect([{ ...planOf(false, false), behind: 2 }], T0);
  assert.equal(
    m.observe('b', 'worker', mcn('b', 'Update Compatible. Post Cfg Actions: [] Drain Required: true')),
    "planned no drain, the node's UpdatePrepared says Drain Required: true (the pool was still rolling out when planned: this node took the earlier change too)",
  );
});

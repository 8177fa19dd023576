/**
 * Issue 12's fault run as a test: 52 faults of every kind during rollouts of 50-node pools, through
 * the fault proxy. After every fault the model equals the API server within 10 s (this
 * asserts convergence, not speed), no final state goes unseen, and no watch asks more than twice a
 * second during an outage. The per-kind table is printed for the CI log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_KINDS } from '../harness/faultProxy';
import type { FaultKind } from '../harness/faultProxy';
import { faultTable, perWatchPerSecond, runFaults } from '../harness/faultRun';
import type { RunResult } from '../harness/faultRun';

/**
 * Two pools of 50 nodes, each behind its own proxy and watched by its own feed, take their faults at
 * the same time: the waits (a watch retries no sooner than a second after a failure) overlap, so 52
 * faults fit in about a minute. Every kind comes at least five times.
 */
const PLANS: FaultKind[][] = [
  [...FAULT_KINDS, ...FAULT_KINDS, ...FAULT_KINDS],
  [...FAULT_KINDS, ...FAULT_KINDS, ...(['cut', 'truncate', '410', '503', '401', 'refuse', '500'] as const)],
];
const FAULT_MS = 300;

test(`${PLANS.flat().length} faults during rollouts of 50-node pools: the model converges after each, nothing is lost, no retry storm`, async () => {
  const plan = PLANS.flat();
  const started = Date.now();
  const runs = await Promise.all(
    PLANS.map((p) => runFaults(p, { workers: 50, faultMs: FAULT_MS, limitMs: 10_000, speed: 30, silenceMs: 2_000 })),
  );
  const r: RunResult = {
    faults: runs.flatMap((x) => x.faults),
    unseenFinal: runs.flatMap((x) => x.unseenFinal),
    rollouts: runs.reduce((n, x) => n + x.rollouts, 0),
    memory: runs[0]!.memory,
  };
  console.log(
    `${plan.length} faults of ${FAULT_MS} ms during ${r.rollouts} rollouts of two 50-node pools, ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
      faultTable(r),
  );
  assert.ok(plan.length >= 50);
  const late = r.faults.filter((f) => f.convergedMs === null).map((f, i) => `#${i} ${f.kind}`);
  assert.deepEqual(late, [], 'faults after which the model did not equal the API server within 10 s');
  assert.deepEqual(
    r.faults.flatMap((f) => f.lost.map((s) => `${f.kind}: ${s}`)),
    [],
    'final states the server reached that the model never showed',
  );
  assert.deepEqual(r.unseenFinal, [], 'nodes whose last state was never shown');
  const busy = FAULT_KINDS.filter((k) => k !== 'cut')
    .map((k) => [k, perWatchPerSecond(r.faults.filter((f) => f.kind === k))] as const)
    .filter(([, rate]) => rate > 2)
    .map(([k, rate]) => `${k}: ${rate.toFixed(2)}/s`);
  assert.deepEqual(busy, [], 'no more than 2 requests a second per watch during an outage');
  assert.ok(
    runs.every((x) => x.rollouts >= 3),
    `faults spread over several rollouts (${runs.map((x) => x.rollouts).join(', ')})`,
  );
});

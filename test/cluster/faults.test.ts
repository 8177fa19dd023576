/** The Rollouts model under injected faults: through the fault proxy, during rollouts of a small pool. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_KINDS } from '../harness/faultProxy';
import { faultTable, perWatchPerSecond, runFaults } from '../harness/faultRun';

test('after every kind of fault the model equals the API server within 5 s, and no final node state goes unseen', async () => {
  const r = await runFaults([...FAULT_KINDS, ...FAULT_KINDS], { workers: 12, faultMs: 1_500, limitMs: 5_000 });
  const late = r.faults.filter((f) => f.convergedMs === null).map((f) => f.kind);
  assert.deepEqual(late, [], 'faults after which the model did not match the server within 5 s');
  assert.deepEqual(r.unseenFinal, [], 'nodes whose final state was never shown');
  assert.deepEqual(
    r.faults.flatMap((f) => f.lost),
    [],
    'final states the server reached that the model never showed',
  );
  console.log(faultTable(r));
  const busy = r.faults
    .filter((f) => f.kind !== 'cut' && perWatchPerSecond([f]) > 2)
    .map((f) => `${f.kind}: ${perWatchPerSecond([f]).toFixed(1)}/s`);
  assert.deepEqual(busy, [], 'no more than 2 requests a second per watch during an outage');
});

/**
 * The Rollouts model under injected faults: every fault kind of test/harness/faultProxy.ts, ROUNDS
 * times each, during rollouts of a WORKERS-node pool with BIG_MC MachineConfigs of 1 MB file
 * contents; prints per kind the time from the end of the fault until the model equals the API server
 * (min / median / max), lost updates, requests per second per watch during the faults, and what
 * the model retains (JSON and heap).
 *   npm run bench:faults  [WORKERS=50 ROUNDS=7 FAULT_MS=2000 BIG_MC=2]
 */
import { FAULT_KINDS } from '../test/harness/faultProxy';
import type { FaultKind } from '../test/harness/faultProxy';
import { faultTable, runFaults } from '../test/harness/faultRun';

const WORKERS = Number(process.env.WORKERS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const FAULT_MS = Number(process.env.FAULT_MS ?? 2000);
const BIG_MC = Number(process.env.BIG_MC ?? 2);

async function main(): Promise<void> {
  const plan: FaultKind[] = [];
  for (let i = 0; i < ROUNDS; i++) plan.push(...FAULT_KINDS);
  const heapBefore = process.memoryUsage().heapUsed;
  const r = await runFaults(plan, {
    workers: WORKERS,
    faultMs: FAULT_MS,
    limitMs: 30_000,
    bigMachineConfigs: { count: BIG_MC, bytes: 1024 * 1024 },
    onFault: (f) => process.stderr.write(`${f.kind} ${f.convergedMs ?? 'not converged'} ms; `),
  });
  process.stderr.write('\n');
  console.log(
    `${plan.length} faults of ${FAULT_MS} ms during ${r.rollouts} rollouts of a ${WORKERS}-node pool, ${BIG_MC} MachineConfigs of 1 MB`,
  );
  console.log(faultTable(r));
  console.log(`final node states never shown: ${r.unseenFinal.length}${r.unseenFinal.length ? ` (${r.unseenFinal.join(', ')})` : ''}`);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    `model at the end: ${mb(r.memory.modelJsonBytes)} of JSON; heap it holds: ${
      r.memory.modelHeapBytes === null ? 'run with node --expose-gc' : mb(r.memory.modelHeapBytes)
    }; process heap ${mb(heapBefore)} before the run`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * The Rollouts model under injected faults: every fault kind of test/harness/faultProxy.ts, ROUNDS
 * times each, during rollouts of a WORKERS-node pool; prints per kind the time from the end of the
 * fault until the model equals the API server (min / median / max), and requests per second per
 * watch during the fault.
 *   npm run bench:faults  [WORKERS=50 ROUNDS=7 FAULT_MS=2000]
 */
import { FAULT_KINDS } from '../test/harness/faultProxy';
import type { FaultKind } from '../test/harness/faultProxy';
import { runFaults } from '../test/harness/faultRun';

const WORKERS = Number(process.env.WORKERS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const FAULT_MS = Number(process.env.FAULT_MS ?? 2000);

async function main(): Promise<void> {
  const plan: FaultKind[] = [];
  for (let i = 0; i < ROUNDS; i++) plan.push(...FAULT_KINDS);
  const r = await runFaults(plan, {
    workers: WORKERS,
    faultMs: FAULT_MS,
    limitMs: 30_000,
    onFault: (f) => process.stderr.write(`${f.kind} ${f.convergedMs ?? 'not converged'} ms; `),
  });
  const rows = FAULT_KINDS.map((kind) => {
    const f = r.faults.filter((x) => x.kind === kind);
    const ms = f
      .map((x) => x.convergedMs)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    const rate = Math.max(...f.map((x) => x.perWatchPerSecond));
    const at = (q: number) => (ms.length ? String(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]) : '-');
    return [
      kind,
      String(f.length),
      at(0),
      at(0.5),
      ms.length ? String(ms[ms.length - 1]) : '-',
      String(f.length - ms.length),
      rate.toFixed(2),
    ];
  });
  const head = ['fault', 'n', 'min ms', 'median ms', 'max ms', 'not converged', 'max req/s per watch'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`${plan.length} faults of ${FAULT_MS} ms during rollouts of a ${WORKERS}-node pool`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`final node states never shown: ${r.unseenFinal.length}${r.unseenFinal.length ? ` (${r.unseenFinal.join(', ')})` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

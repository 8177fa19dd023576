/**
 * The long fuzz run (test/fuzz/services.fuzz.test.ts is its short CI version): seeded mutations of real
 * Containerfiles and MachineConfigs through the engine, hover, completion and the suppression fix.
 *   npm run bench:fuzz -- [--inputs 1000000] [--seed 1]
 * Prints each finding as it happens, progress every 10,000 inputs and a summary: inputs, exceptions, inputs over 1 s, silent skips
 * (something threw and the file showed no diagnostic), ranges outside the document; the first few of
 * each are printed with the input's number, which `--seed S --only N` replays.
 */
import { inputs, run } from '../test/fuzz/fuzzer';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const N = Number(arg('inputs', '1000000'));
const SEED = Number(arg('seed', '1'));
const ONLY = Number(arg('only', '0'));

// Loading the parsers (mvdan-sh, yaml) and the first lint of each kind are not the inputs' cost.
run({ kind: 'containerfile', text: 'FROM a\nRUN rpm-ostree install x', at: { line: 1, character: 5 } });
run({ kind: 'yaml', text: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\n', at: { line: 1, character: 3 } });
const next = inputs(SEED);
const counts = { inputs: 0, exceptions: 0, over1s: 0, over1sCpu: 0, silentSkips: 0, outOfRange: 0 };
const shown: string[] = [];
const show = (what: string) => {
  console.log(what);
  if (shown.length < 20) shown.push(what);
};
let slowest = 0;
const t0 = performance.now();
const summary = () =>
  `inputs ${counts.inputs}, exceptions ${counts.exceptions}, inputs over 1 s ${counts.over1s} (over 1 s of CPU ${counts.over1sCpu}), ` +
  `silent skips ${counts.silentSkips}, ranges outside the document ${counts.outOfRange}, slowest ${slowest.toFixed(0)} ms, ` +
  `${((performance.now() - t0) / 1000).toFixed(0)} s (seed ${SEED})`;
for (let n = 1; n <= N; n++) {
  const input = next();
  if (ONLY && n !== ONLY) continue;
  if (ONLY) console.log(JSON.stringify(input));
  const cpu0 = process.cpuUsage();
  const o = run(input);
  const cpu = process.cpuUsage(cpu0);
  // Wall time counts what a shared machine's load adds; CPU time is what the input costs.
  if ((cpu.user + cpu.system) / 1000 > 1000) counts.over1sCpu++;
  counts.inputs++;
  slowest = Math.max(slowest, o.ms);
  if (o.exceptions.length) {
    counts.exceptions++;
    show(`#${n} exception: ${o.exceptions[0]!.split('\n').slice(0, 3).join(' | ')}`);
  }
  if (o.ms > 1000) {
    counts.over1s++;
    show(
      `#${n} took ${o.ms.toFixed(0)} ms, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU (${input.kind}, ${input.text.length} characters)`,
    );
  }
  if (o.silentSkip) counts.silentSkips++;
  if (o.outOfRange.length) {
    counts.outOfRange++;
    show(`#${n} out of range: ${o.outOfRange[0]}`);
  }
  if (n % 10_000 === 0) console.log(summary());
}
console.log('first findings:');
for (const s of shown) console.log(s);
console.log(summary());
process.exitCode = counts.exceptions || counts.over1sCpu || counts.silentSkips || counts.outOfRange ? 1 : 0;

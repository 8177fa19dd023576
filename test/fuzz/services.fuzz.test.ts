/**
 * Fuzzing with a time budget, both languages and the services: seeded mutations of real files
 * (test/fuzz/fuzzer.ts) through lint, hover, completion and the suppression fix, for FUZZ_SECONDS
 * (default 30). No exception, no file that looks clean because something threw, no range outside the
 * document. A failure prints the seed and the input's number: `FUZZ_SEED=<seed>` replays the run, and
 * `npm run bench:fuzz -- --seed <seed> --only <n>` that one input. `npm run bench:fuzz` is the long run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inputs, run } from './fuzzer';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

test(`fuzzing lint, hover, completion and code actions for ${SECONDS} s (seed ${SEED}) finds nothing`, (t) => {
  const next = inputs(SEED);
  const found: string[] = [];
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const kinds = { containerfile: 0, yaml: 0 };
  while (performance.now() < end && found.length < 10) {
    n++;
    const input = next();
    kinds[input.kind]++;
    const o = run(input);
    const where = `seed ${SEED} input #${n} (${input.kind})`;
    for (const e of o.exceptions) found.push(`${where} threw: ${e.split('\n')[0]}`);
    if (o.silentSkip) found.push(`${where} ended with no diagnostic after something threw`);
    for (const r of o.outOfRange) found.push(`${where} range outside the document: ${r}`);
  }
  t.diagnostic(`${n} inputs: ${kinds.containerfile} Containerfiles, ${kinds.yaml} YAML`);
  assert.ok(kinds.containerfile > 0 && kinds.yaml > 0, `too few inputs in ${SECONDS} s: ${n}`);
  assert.deepEqual(found, []);
});

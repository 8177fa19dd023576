/**
 * In-process cost of the Containerfile linter on 1k, 10k and 50k-line files, which npm run bench (end to end
 * over LSP) cannot split up: per size, the model build after a one-word edit, five lints alternating the edited
 * and the original text (cache hits and misses), and every rule that takes more than 0.3 ms on its own.
 *   npm run bench:rules
 * Output per size: `<lines> model <ms> lint <ms,...> <rule-id>=<ms> ...`
 */
import { buildModel } from '../server/src/containerfile/model';
import { containerfileRules } from '../server/src/containerfile/rules';
import { lintContainerfile, runContainerfileRules } from '../server/src/lint';

for (const N of [1000, 10000, 50000]) {
  const lines: string[] = ['FROM quay.io/x/y@sha256:' + 'a'.repeat(64)];
  for (let i = 0; lines.length < N; i++) {
    lines.push(`# step ${i}`, `RUN rpm-ostree install tool${i} && \\`, `    rpm-ostree cleanup -m && \\`, `    ostree container commit`);
    lines.push(`COPY a${i} /etc/a${i}`, `ENV X${i}=1`, '');
  }
  const text = lines.join('\n');
  lintContainerfile(text);
  const edited = text.replace('# step 5', '# stap 5');
  let t = performance.now();
  const model = buildModel(edited);
  const modelMs = performance.now() - t;
  // Each rule alone, whole-file and per-RUN checks (the per-RUN cache is cold for the edited model's new scripts only).
  const perRule: string[] = [];
  for (const r of containerfileRules) {
    const t1 = performance.now();
    runContainerfileRules(model, [r], {}, (l) => l);
    const d = performance.now() - t1;
    if (d > 0.3) perRule.push(`${r.meta.id}=${d.toFixed(1)}`);
  }
  const lintMs: number[] = [];
  for (let k = 0; k < 5; k++) {
    t = performance.now();
    lintContainerfile(k % 2 ? text : edited);
    lintMs.push(performance.now() - t);
  }
  console.log(N, 'model', modelMs.toFixed(1), 'lint', lintMs.map((x) => x.toFixed(1)).join(','), perRule.join(' '));
}

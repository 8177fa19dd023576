// npm run bench: this language server side by side with dockerfile-language-server-nodejs (Containerfiles) and
// yaml-language-server with the MachineConfig schema (YAML), over real LSP stdio, on generated inputs, with
// incremental and full sync, in an empty workspace and in a generated 3,000-file GitOps workspace; then CLI throughput.
//   npm run bench -- [--runs 3] [--only containerfile,yaml,workspace,cli] [--soak 20000] [--json out.json]
//   BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench -- --runs 1 --only workspace
// Every case starts fresh server processes (open latency includes loading the server's code, as a user sees it).
// Prints per server: open (didOpen -> first diagnostics), first edit, edit median / p95 / max, peak RSS; with
// --runs N, each figure is the range over N runs. Timings depend on the machine and its load: compare the
// columns of one run, not runs on different days.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { containerfile, gitopsWorkspace, machineConfig } from './inputs.mjs';
import { startServer } from './lspSession.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const RUNS = Number(arg('runs', '3'));
const ONLY = new Set(arg('only', 'containerfile,yaml,workspace,cli').split(','));
const SOAK = Number(arg('soak', '0'));
const JSON_OUT = arg('json', '');

// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles our server in every case (where the time goes).
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const OURS = { name: 'rhcos-layering-ls', cmd: [...NODE_ARGS, path.join(root, 'dist', 'server.js'), '--stdio'] };
const DOCKER = { name: 'docker-langserver', cmd: [require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'] };
const schemaUri = 'file://' + path.join(root, 'schemas', 'machineconfig.schema.json');
const yamlSettings = { validate: true, schemas: { [schemaUri]: '*.yaml' }, schemaStore: { enable: false }, format: { enable: false } };
const YAML = {
  name: 'yaml-language-server',
  cmd: [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
  settings: { yaml: yamlSettings },
  config: (section) => (section === 'yaml' ? yamlSettings : null),
};
const CF_DOC = { name: 'Containerfile', languageId: 'dockerfile', marker: '# step' };
const MC_DOC = { name: 'mc.yaml', languageId: 'yaml', marker: '        # step' };

function pct(a, p) {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** One case on a fresh server: { open, first, median, p95, max, rss }. */
async function runCase(server, text, doc, { edits, full = false, root: ws = null, dir } = {}) {
  const s = await startServer(server, ws);
  try {
    const r = await s.measure(text, { ...doc, edits, full, dir: dir ?? '/bench' });
    return {
      open: r.open,
      first: r.edits[0],
      median: pct(r.edits, 50),
      p95: pct(r.edits, 95),
      max: Math.max(...r.edits),
      rss: s.peakRss(),
    };
  } finally {
    await s.close();
  }
}

const table = new Map(); // key -> { group, input, server, sync, samples: [] }
function record(group, input, server, sync, m) {
  const key = `${group}\0${input}\0${server}\0${sync}`;
  if (!table.has(key)) table.set(key, { group, input, server, sync, samples: [] });
  table.get(key).samples.push(m);
  const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  console.error(
    `  ${group} ${input} ${server} ${sync}: open ${f(m.open)} ms, first edit ${f(m.first)}, median ${f(m.median)}, p95 ${f(m.p95)}, RSS ${f(m.rss)} MiB`,
  );
}

const CF_SIZES = [
  [100, 20],
  [1000, 15],
  [10000, 7],
  [50000, 3],
];
const YAML_CASES = [
  ['1k lines', () => machineConfig(1000), 15],
  ['10k lines', () => machineConfig(10000), 7],
  ['100k lines', () => machineConfig(100000), 3],
  ['5 MB base64', () => machineConfig(20, 5 * 1024 * 1024), 5],
];

const emptyWs = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-empty-'));
let gitops = null;
try {
  for (let run = 1; run <= RUNS; run++) {
    console.error(`run ${run} of ${RUNS}`);
    if (ONLY.has('containerfile')) {
      for (const [n, edits] of CF_SIZES) {
        const text = containerfile(n);
        for (const full of [false, true])
          for (const server of [OURS, DOCKER])
            record(
              'Containerfile',
              `${n.toLocaleString('en-US')} lines`,
              server.name,
              full ? 'full' : 'incremental',
              await runCase(server, text, CF_DOC, { edits, full }),
            );
      }
    }
    if (ONLY.has('yaml')) {
      for (const [label, make, edits] of YAML_CASES) {
        const text = make();
        for (const full of [false, true])
          for (const server of [OURS, YAML])
            record(
              'MachineConfig',
              label,
              server.name,
              full ? 'full' : 'incremental',
              await runCase(server, text, MC_DOC, { edits, full }),
            );
      }
    }
    if (ONLY.has('workspace')) {
      if (!gitops) {
        gitops = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-gitops-'));
        const n = gitopsWorkspace(gitops, 3000);
        console.error(`  generated a ${n}-file GitOps workspace in ${gitops}`);
      }
      // A 1,000-line Containerfile opened right after start, while the server indexes the workspace; first five edits.
      const text = containerfile(1000);
      for (const [label, ws] of [
        ['empty workspace', emptyWs],
        ['3,000-file workspace', gitops],
      ])
        for (const server of [OURS, DOCKER])
          record(
            'Workspace',
            label,
            server.name,
            'incremental',
            await runCase(server, text, CF_DOC, { edits: 5, root: ws, dir: path.join(ws, 'layering') }),
          );
    }
  }
  if (ONLY.has('cli')) cliThroughput();
  if (SOAK > 0) await soak(SOAK);
} finally {
  fs.rmSync(emptyWs, { recursive: true, force: true });
  if (gitops) fs.rmSync(gitops, { recursive: true, force: true });
}
print();

function range(values, digits) {
  const f = (x) => (Number.isNaN(x) ? 'n/a' : x >= 100 || digits === 0 ? x.toFixed(0) : x.toFixed(1));
  const lo = Math.min(...values),
    hi = Math.max(...values);
  return values.length > 1 && f(lo) !== f(hi) ? `${f(lo)}–${f(hi)}` : f(lo);
}

function print() {
  const rows = [...table.values()];
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify(rows, null, 2));
  const head = ['input', 'server', 'sync', 'open ms', 'first edit ms', 'edit median', 'edit p95', 'edit max', 'peak RSS MiB'];
  let group = '';
  const lines = [];
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      lines.push(
        '',
        `### ${group}${RUNS > 1 ? ` (ranges over ${RUNS} runs)` : ''}`,
        '',
        `| ${head.join(' | ')} |`,
        `| ${head.map(() => '---').join(' | ')} |`,
      );
    }
    const col = (k, d) =>
      range(
        r.samples.map((s) => s[k]),
        d,
      );
    lines.push(
      `| ${r.input} | ${r.server} | ${r.sync} | ${col('open')} | ${col('first')} | ${col('median')} | ${col('p95')} | ${col('max')} | ${col('rss', 0)} |`,
    );
  }
  console.log(lines.join('\n'));
  // Ratios per run (peer / ours), then their range: the margins the goals are stated in.
  console.log('\n### Ratios, peer / ours (above 1: ours is faster or smaller)\n');
  console.log('| input | sync | open | edit median | edit p95 | peak RSS |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    if (r.server !== OURS.name) continue;
    const peer = rows.find((p) => p !== r && p.group === r.group && p.input === r.input && p.sync === r.sync);
    if (!peer) continue;
    const ratio = (k) => {
      const v = r.samples.map((s, i) => (peer.samples[i] ? peer.samples[i][k] / s[k] : NaN)).filter((x) => !Number.isNaN(x));
      const lo = Math.min(...v),
        hi = Math.max(...v);
      return lo.toFixed(1) === hi.toFixed(1) ? `${lo.toFixed(1)}×` : `${lo.toFixed(1)}–${hi.toFixed(1)}×`;
    };
    console.log(`| ${r.group} ${r.input} | ${r.sync} | ${ratio('open')} | ${ratio('median')} | ${ratio('p95')} | ${ratio('rss')} |`);
  }
  const ws = (label) => rows.find((r) => r.group === 'Workspace' && r.input === label && r.server === OURS.name);
  const e = ws('empty workspace'),
    g = ws('3,000-file workspace');
  if (e && g) {
    const pctOver = (k) =>
      range(
        g.samples.map((s, i) => (100 * (s[k] - e.samples[i][k])) / e.samples[i][k]),
        0,
      );
    console.log(
      `\nOurs in the 3,000-file workspace vs the empty one: open ${pctOver('open')} %, first edit ${pctOver('first')} %, edit median ${pctOver('median')} %`,
    );
  }
}

function cliThroughput() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-cli-'));
  try {
    for (let i = 0; i < 1000; i++) {
      fs.mkdirSync(path.join(dir, `l${i}`));
      fs.writeFileSync(path.join(dir, `l${i}`, 'Containerfile'), containerfile(20));
    }
    const t = performance.now();
    const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), '--format', 'json', dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const ms = performance.now() - t;
    console.log(`\nCLI on 1,000 files of 20 lines: ${ms.toFixed(0)} ms (${(1000 / (ms / 1000)).toFixed(0)} files/s), exit ${r.status}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** --soak N: N keystrokes each in a 10,000-line Containerfile and MachineConfig; RSS sampled, slope after warm-up. */
async function soak(n) {
  for (const [label, text, doc] of [
    ['Containerfile 10k', containerfile(10000), CF_DOC],
    ['MachineConfig 10k', machineConfig(10000), MC_DOC],
  ]) {
    const s = await startServer(OURS);
    const samples = [];
    const step = Math.max(1, Math.floor(n / 40));
    for (let done = 0; done < n; done += step) {
      await s.measure(text, { ...doc, edits: step });
      samples.push([done + step, s.rss()]);
    }
    const warm = samples.slice(Math.floor(samples.length / 5));
    const mx = warm.reduce((a, [x]) => a + x, 0) / warm.length,
      my = warm.reduce((a, [, y]) => a + y, 0) / warm.length;
    const slope = warm.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / warm.reduce((a, [x]) => a + (x - mx) ** 2, 0);
    console.log(
      `\nsoak ${label}: ${n} edits, RSS ${samples[0][1].toFixed(0)} -> ${samples.at(-1)[1].toFixed(0)} MiB, peak ${s.peakRss().toFixed(0)} MiB, slope after warm-up ${(slope * 1000).toFixed(2)} MiB per 1,000 edits`,
    );
    await s.close();
  }
}

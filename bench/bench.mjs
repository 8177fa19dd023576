// npm run bench: our server vs dockerfile-language-server-nodejs over real LSP stdio, plus CLI throughput.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OURS = { name: 'rhcos-layering-ls', cmd: [path.join(root, 'dist', 'server.js'), '--stdio'] };
const PEER = { name: 'docker-langserver', cmd: [require.resolve('dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'] };

function block(i) {
  return [
    `# step ${i}: layer tools`,
    `RUN rpm-ostree install tool${i} htop-${i}.1-1.el9 && \\`,
    `    mkdir -p /usr/lib/tool${i} && echo "conf ${i}" > /etc/tool${i}.conf && \\`,
    `    rpm-ostree cleanup -m && \\`,
    `    ostree container commit`,
    `COPY files/tool${i}.conf /etc/tool${i}/`,
    `ENV TOOL${i}_HOME=/usr/lib/tool${i}`,
    `LABEL tool${i}.version="${i}.0"`,
    `RUN systemctl enable tool${i}.service && ostree container commit`,
    '',
  ];
}
function containerfile(lines) {
  const out = ['FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64)];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n') + '\n';
}

function pct(a, p) {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function session(server) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, server.cmd, { stdio: ['pipe', 'pipe', 'ignore'] });
  proc.stdin.on('error', () => {});
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  let waiter = null;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (waiter && waiter.test(p)) {
      const w = waiter;
      waiter = null;
      w.resolve();
    }
  });
  conn.onRequest('workspace/configuration', (params) => params.items.map((it) => (server.config ? server.config(it.section) : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  const startMs = performance.now() - t0;
  await conn.sendNotification('initialized', {});
  if (server.settings) await conn.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });
  const next = (uri, version) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${server.name}: no diagnostics for v${version}`)), 60_000);
      waiter = {
        test: (p) => p.uri === uri && (p.version === undefined || p.version === version),
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
      };
    });
  return {
    startMs,
    async measure(text, edits, doc = { name: 'Containerfile', languageId: 'dockerfile', marker: '# step' }) {
      const uri = `file:///bench/${Math.random().toString(36).slice(2)}/${doc.name}`;
      let w = next(uri, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: doc.languageId, version: 1, text } });
      await w;
      const lines = text.split('\n');
      let line = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith(doc.marker));
      if (line < 0) line = lines.findIndex((l) => l.startsWith(doc.marker));
      const times = [];
      for (let v = 2; v < edits + 2; v++) {
        w = next(uri, v);
        const t = performance.now();
        await conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: v },
          // Retype the word "step" of a comment line: a keystroke that changes no diagnostic.
          contentChanges: [
            {
              range: { start: { line, character: doc.marker.length - 4 }, end: { line, character: doc.marker.length } },
              text: v % 2 ? 'step' : 'stap',
            },
          ],
        });
        await w;
        times.push(performance.now() - t);
      }
      await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      return times;
    },
    rssMiB() {
      try {
        return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]) / 1024;
      } catch {
        return NaN;
      }
    },
    async close() {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit').catch(() => {});
      } catch {
        // the peer server may already have exited: nothing to shut down
      }
      await new Promise((r) => setTimeout(r, 50));
      conn.dispose();
      proc.kill();
    },
  };
}

const SIZES = [
  [1000, 30],
  [10000, 15],
  [50000, 7],
];
const results = {};
for (const server of [OURS, PEER]) {
  const starts = [];
  for (let i = 0; i < 5; i++) {
    const s = await session(server);
    starts.push(s.startMs);
    await s.close();
  }
  const s = await session(server);
  results[server.name] = { start: pct(starts, 50), sizes: {} };
  for (const [n, edits] of SIZES) {
    const times = await s.measure(containerfile(n), edits);
    results[server.name].sizes[n] = { median: pct(times, 50), p95: pct(times, 95) };
  }
  results[server.name].rss = s.rssMiB();
  await s.close();
}

const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log('\ndidChange -> publishDiagnostics (ms), median / p95; ratio = peer median / ours');
console.log('lines    ours                 peer                 ratio');
for (const [n] of SIZES) {
  const o = results[OURS.name].sizes[n],
    p = results[PEER.name].sizes[n];
  console.log(
    `${String(n).padEnd(8)} ${`${f(o.median)} / ${f(o.p95)}`.padEnd(20)} ${`${f(p.median)} / ${f(p.p95)}`.padEnd(20)} ${(p.median / o.median).toFixed(1)}x`,
  );
}
console.log(`spawn -> initialize result (median of 5): ours ${f(results[OURS.name].start)} ms, peer ${f(results[PEER.name].start)} ms`);
console.log(`peak RSS after the 50k-line file: ours ${f(results[OURS.name].rss)} MiB, peer ${f(results[PEER.name].rss)} MiB`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-'));
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
console.log(`CLI on 1,000 files of 20 lines: ${f(ms)} ms (${f(1000 / (ms / 1000))} files/s), exit ${r.status}`);
fs.rmSync(dir, { recursive: true, force: true });

// ---- MachineConfig YAML: ours vs yaml-language-server with the MachineConfig schema ----
const schemaUri = 'file://' + path.join(root, 'schemas', 'machineconfig.schema.json');
const YAML_PEER = {
  name: 'yaml-language-server',
  cmd: [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
  settings: { yaml: { validate: true, schemas: { [schemaUri]: '*.yaml' }, schemaStore: { enable: false } } },
  config: (section) =>
    section === 'yaml'
      ? { validate: true, schemas: { [schemaUri]: '*.yaml' }, schemaStore: { enable: false }, format: { enable: false } }
      : null,
};
function machineConfig(lines, base64Bytes = 0) {
  const out = [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    '  name: 99-worker-files',
    '  labels:',
    '    machineconfiguration.openshift.io/role: worker',
    'spec:',
    '  config:',
    '    ignition:',
    '      version: 3.4.0',
    '    storage:',
    '      files:',
  ];
  if (base64Bytes) {
    out.push(
      '        # step big',
      '        - path: /etc/big.bin',
      '          mode: 420',
      '          contents:',
      `            source: data:;base64,${Buffer.alloc((base64Bytes * 3) / 4, 7).toString('base64')}`,
    );
  }
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `        # step ${i}`,
      `        - path: /etc/tool${i}.conf`,
      '          mode: 420',
      '          overwrite: true',
      '          contents:',
      `            source: data:,setting%3D${i}`,
    );
  }
  return out.slice(0, Math.max(lines, out.length)).join('\n') + '\n';
}
const YAML_CASES = [
  ['1k lines', machineConfig(1000), 15],
  ['10k lines', machineConfig(10000), 7],
  ['100k lines', machineConfig(100000), 3],
  ['5 MB base64 file', machineConfig(20, 5 * 1024 * 1024), 5],
];
const yres = {};
for (const server of [OURS, YAML_PEER]) {
  const s = await session(server);
  yres[server.name] = {};
  for (const [label, text, edits] of YAML_CASES) {
    const times = await s.measure(text, edits, { name: 'mc.yaml', languageId: 'yaml', marker: '        # step' });
    yres[server.name][label] = { median: pct(times, 50), p95: pct(times, 95) };
  }
  yres[server.name].rss = s.rssMiB();
  await s.close();
}
console.log('\nMachineConfig YAML: didChange -> publishDiagnostics (ms), median / p95; ratio = peer median / ours');
console.log('input              ours                 yaml-language-server  ratio');
for (const [label] of YAML_CASES) {
  const o = yres[OURS.name][label],
    p = yres[YAML_PEER.name][label];
  console.log(
    `${label.padEnd(18)} ${`${f(o.median)} / ${f(o.p95)}`.padEnd(20)} ${`${f(p.median)} / ${f(p.p95)}`.padEnd(21)} ${(p.median / o.median).toFixed(1)}x`,
  );
}
console.log(`peak RSS after the YAML inputs: ours ${f(yres[OURS.name].rss)} MiB, yaml-language-server ${f(yres[YAML_PEER.name].rss)} MiB`);

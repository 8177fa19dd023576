/**
 * A long editing session against the built server (dist/server.js) over stdio: a 2,000-line Containerfile and a
 * 2,000-line MachineConfig, one keystroke at a time, 100 other documents opened and closed every 1,000 edits.
 * Prints the server's RSS as it goes and the slope after warm-up (the first fifth), in MB per 1,000 edits.
 *   npm run bench:session -- [--edits 20000] [--mode plain|escape|heredoc] [--every 1000]
 * --mode escape starts the Containerfile with `# escape=\``, heredoc types below an unterminated `RUN <<EOF`:
 * both make the Containerfile parse fall back to the whole file.
 */
import * as fs from 'node:fs';
import { start } from '../test/harness/lspClient';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const EDITS = Number(arg('edits', '20000'));
const EVERY = Number(arg('every', '1000'));
const MODE = arg('mode', 'plain');
const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);

function containerfile(): string {
  const lines = MODE === 'escape' ? ['# escape=`', BASE] : [BASE];
  for (let i = 0; lines.length < 2000; i++) {
    lines.push(`# step ${i}`, `RUN rpm-ostree install tool${i} && \\`, `    rpm-ostree cleanup -m && \\`, `    ostree container commit`);
    lines.push(`COPY a${i} /etc/a${i}`, `ENV X${i}=1`, '');
  }
  if (MODE === 'heredoc') lines.push('RUN <<EOF', 'echo typing');
  return lines.join('\n');
}

function machineConfig(): string {
  const lines = [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    '  name: 99-worker-long',
    '  labels:',
    '    machineconfiguration.openshift.io/role: worker',
    'spec:',
    '  config:',
    '    ignition:',
    '      version: 3.4.0',
    '    storage:',
    '      files:',
  ];
  for (let i = 0; lines.length < 2000; i++) {
    lines.push(`        - path: /etc/file${i}`, '          mode: 420', '          contents:', `            source: data:,line${i}`);
  }
  return lines.join('\n') + '\n';
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function main(): Promise<void> {
  const s = await start({ ocpVersion: '4.16', rules: {} });
  const pid = s.proc.pid!;
  const docs = [
    { uri: 'file:///bench/session/Containerfile', languageId: 'dockerfile', text: containerfile(), version: 1 },
    { uri: 'file:///bench/session/long.mc.yaml', languageId: 'yaml', text: machineConfig(), version: 1 },
  ];
  for (const d of docs) {
    const wait = s.diagnostics(d.uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { ...d } });
    await wait;
  }
  const samples: [number, number][] = [];
  const t0 = performance.now();
  let waits: Promise<unknown>[] = [];
  for (let n = 1; n <= EDITS; n++) {
    const d = docs[n % 2]!;
    const lineCount = d.text.split('\n').length;
    // Type one character at the end of a line near the end (below the heredoc in heredoc mode).
    const line = lineCount - 2;
    d.version++;
    const ch = String.fromCharCode(97 + (n % 26));
    // The last edit of each document before a sample: wait for its diagnostics then.
    if (n % EVERY === 0 || n % EVERY === EVERY - 1) waits.push(s.diagnostics(d.uri, d.version).catch(() => undefined));
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: d.uri, version: d.version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ch }],
    });
    const lines = d.text.split('\n');
    lines[line] = ch + lines[line]!;
    d.text = lines.join('\n');
    if (n % EVERY === 0) {
      for (let k = 0; k < 100; k++) {
        const uri = `file:///bench/session/other${k}/Containerfile`;
        await s.conn.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'dockerfile', version: 1, text: `${BASE}\nRUN rpm-ostree install other${n}x${k}` },
        });
        await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      // Let the server catch up with both documents before measuring.
      await Promise.all(waits);
      waits = [];
      const rss = rssMb(pid);
      samples.push([n, rss]);
      console.log(`${n} edits  ${((performance.now() - t0) / 1000).toFixed(1)} s  RSS ${rss.toFixed(1)} MB`);
    }
  }
  const warm = samples.slice(Math.floor(samples.length / 5));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const mx = mean(warm.map((p) => p[0]));
  const my = mean(warm.map((p) => p[1]));
  const slope = warm.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / warm.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  console.log(`mode ${MODE}: slope after warm-up ${(slope * 1000).toFixed(2)} MB per 1,000 edits (${warm.length} samples)`);
  await s.close();
}

void main();

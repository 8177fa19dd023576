// One language server over stdio for npm run bench: open a document, time the first diagnostics and edits, read peak RSS.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

/** How long close() waits for a server to exit after `exit`: long enough to write a CPU profile. */
const NODE_EXIT_WAIT_MS = process.env.BENCH_NODE_ARGS?.includes('--cpu-prof') ? 30_000 : 2_000;

/** Peak resident memory of a process (VmHWM), in MiB; NaN where /proc is not there. */
export function peakRssMiB(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
}
/** Current resident memory (VmRSS), in MiB. */
export function rssMiB(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * Starts `server` ({ name, cmd, settings?, config? }) with `root` as its workspace folder (null: none).
 * Resolves once `initialized` is sent (and, for `waitIndexed`, ours has said its workspace scan ended).
 */
export async function startServer(server, root = null) {
  const proc = spawn(process.execPath, server.cmd, { stdio: ['pipe', 'pipe', 'ignore'] });
  proc.stdin.on('error', () => {});
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = new Set();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of waiters) if (w.test(p)) (waiters.delete(w), w.resolve(p));
  });
  conn.onNotification(() => {});
  conn.onRequest('workspace/configuration', (params) => params.items.map((it) => (server.config ? server.config(it.section) : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const rootUri = root ? pathToFileURL(root).toString() : null;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: root ? [{ uri: rootUri, name: 'ws' }] : null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  if (server.settings) await conn.sendNotification('workspace/didChangeConfiguration', { settings: server.settings });

  const next = (uri, version) =>
    new Promise((resolve, reject) => {
      const w = { test: (p) => p.uri === uri && (p.version === undefined || p.version === version), resolve };
      waiters.add(w);
      setTimeout(() => {
        if (waiters.delete(w)) reject(new Error(`${server.name}: no diagnostics for ${uri} v${version} in 120 s`));
      }, 120_000).unref();
    });

  return {
    pid: proc.pid,
    /**
     * Opens `text` as `doc.name` (under `dir`), waits for its first diagnostics, then makes `edits` keystrokes on a
     * `doc.marker` line past the middle (retyping a comment word: no diagnostic changes), each waiting for its
     * diagnostics. `full`: each change sends the whole text (full sync) instead of the one range.
     */
    async measure(text, { name, languageId, marker, dir = '/bench', edits = 10, full = false }) {
      const uri = pathToFileURL(`${dir}/${Math.random().toString(36).slice(2)}/${name}`).toString();
      let w = next(uri, 1);
      let t = performance.now();
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      await w;
      const open = performance.now() - t;
      const lines = text.split('\n');
      let line = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith(marker));
      if (line < 0) line = lines.findIndex((l) => l.startsWith(marker));
      const col = marker.length - 4;
      const times = [];
      for (let v = 2; v < edits + 2; v++) {
        const word = v % 2 ? 'step' : 'stap';
        w = next(uri, v);
        t = performance.now();
        let change;
        if (full) {
          lines[line] = lines[line].slice(0, col) + word + lines[line].slice(col + 4);
          change = { text: lines.join('\n') };
        } else change = { range: { start: { line, character: col }, end: { line, character: col + 4 } }, text: word };
        await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        await w;
        times.push(performance.now() - t);
      }
      await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      return { open, edits: times };
    },
    peakRss: () => peakRssMiB(proc.pid),
    rss: () => rssMiB(proc.pid),
    async close() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        await conn.sendNotification('exit').catch(() => {});
      } catch {
        // the server may already have exited: nothing to shut down
      }
      // Let it exit by itself (a --cpu-prof profile is written on exit, which takes a while for a long one), then make sure.
      await new Promise((r) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return r();
        const t = setTimeout(r, NODE_EXIT_WAIT_MS);
        proc.once('exit', () => (clearTimeout(t), r()));
      });
      conn.dispose();
      proc.kill();
    },
  };
}

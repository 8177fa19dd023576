/** The LSP lifecycle as the specification names it, and requests that must answer at once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { SERVER, start } from '../harness/lspClient';

function raw() {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.listen();
  return {
    conn,
    proc,
    close: () => {
      conn.dispose();
      proc.kill();
    },
  };
}
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'answered';
  } catch (e) {
    return (e as { code?: number }).code;
  }
};
const INIT = { processId: null, rootUri: null, capabilities: {} };
const hover = { textDocument: { uri: 'file:///x/Containerfile' }, position: { line: 0, character: 0 } };

test('a request before initialize gets ServerNotInitialized (-32002)', async () => {
  const s = raw();
  try {
    assert.equal(await code(s.conn.sendRequest('textDocument/hover', hover)), -32002);
    assert.equal(await code(s.conn.sendRequest('shutdown')), -32002);
    assert.equal(await code(s.conn.sendRequest('initialize', INIT)), 'answered');
  } finally {
    s.close();
  }
});

test('a second initialize is refused; requests after shutdown get InvalidRequest (-32600)', async () => {
  const s = raw();
  try {
    assert.equal(await code(s.conn.sendRequest('initialize', INIT)), 'answered');
    assert.equal(await code(s.conn.sendRequest('initialize', INIT)), -32600);
    assert.equal(await code(s.conn.sendRequest('textDocument/hover', hover)), 'answered');
    assert.equal(await code(s.conn.sendRequest('shutdown')), 'answered');
    assert.equal(await code(s.conn.sendRequest('textDocument/hover', hover)), -32600);
    assert.equal(await code(s.conn.sendRequest('textDocument/completion', hover)), -32600);
  } finally {
    s.close();
  }
});

test('completion at line 10^9 of a YAML document answers at once with nothing', async () => {
  const s = await start({});
  try {
    const uri = 'file:///x/big.mc.yaml';
    const text = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nspec:\n  config:\n'.repeat(2000);
    const wait = s.diagnostics(uri, 1);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await wait;
    for (const position of [
      { line: 1e9, character: 0 },
      { line: 3, character: 1e9 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    ]) {
      const items = await s.conn.sendRequest<unknown[]>('textDocument/completion', { textDocument: { uri }, position });
      assert.ok(Array.isArray(items));
      if (position.line >= 8000) assert.deepEqual(items, []);
    }
  } finally {
    await s.close();
  }
});

test('10,000 quick edits publish for the newest version, not once per edit', async () => {
  const s = await start({});
  try {
    const uri = 'file:///x/quick/Containerfile';
    let published = 0;
    // This handler replaces the harness's own for publishDiagnostics: it counts and waits for the last version itself.
    const last = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version 10001 after ${published} publications`)), 60_000);
      s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
        if (p.uri !== uri) return;
        published++;
        if (p.version === 10_001) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM x\n' },
    });
    for (let v = 2; v <= 10_001; v++) {
      void s.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ text: `FROM x\nRUN echo ${v}\n` }],
      });
    }
    await last;
    assert.ok(published < 1000, `published ${published} times for 10,000 edits`);
  } finally {
    await s.close();
  }
});

test('edits of two 2,000-line Containerfiles sent faster than they lint: a few lints, not one per edit', async () => {
  // vscode-jsonrpc handles one message per setImmediate; draining the next dirty document on the next one
  // linted the two documents in turn once per queued edit (the long-session bench's 10 s stalls).
  const s = await start({});
  try {
    const uris = ['file:///x/long/a/Containerfile', 'file:///x/long/b/Containerfile'];
    const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
    const lines = [BASE];
    for (let i = 0; lines.length < 2000; i++)
      lines.push(`RUN rpm-ostree install tool${i} && \\`, '    ostree container commit', `ENV X${i}=1`);
    for (const uri of uris) {
      const opened = s.diagnostics(uri, 1);
      await s.conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: lines.join('\n') },
      });
      await opened;
    }
    const last = uris.map((uri) => s.diagnostics(uri, 501));
    for (let v = 2; v <= 501; v++) {
      for (const uri of uris)
        void s.conn.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: v },
          contentChanges: [{ range: { start: { line: 1998, character: 0 }, end: { line: 1998, character: 0 } }, text: 'a' }],
        });
    }
    await Promise.all(last);
    const published = uris.map((uri) => s.published.get(uri) ?? 0);
    assert.ok(published[0]! + published[1]! <= 60, `published ${published.join(' + ')} times for 1,000 edits`);
  } finally {
    await s.close();
  }
});

test('a Containerfile whose installs change re-lints the MachineConfigs, not the other Containerfiles', async () => {
  const s = await start({});
  try {
    const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
    const a = 'file:///ws/a/Containerfile';
    const b = 'file:///ws/b/Containerfile';
    const mc = 'file:///ws/usbguard.mc.yaml';
    const counts = new Map<string, number[]>();
    const versions = (uri: string) => counts.get(uri) ?? [];
    s.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      counts.set(p.uri, [...versions(p.uri), p.version ?? -1]);
    });
    const open = (uri: string, languageId: string, text: string) =>
      s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await open(a, 'dockerfile', `${BASE}\nRUN rpm-ostree install tree && ostree container commit\n`);
    await open(b, 'dockerfile', `${BASE}\nRUN rpm-ostree install vim && ostree container commit\n`);
    await open(
      mc,
      'yaml',
      'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-usbguard\n' +
        '  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n  extensions: [usbguard]\n',
    );
    // Facts settle 500 ms after the last change.
    await new Promise((r) => setTimeout(r, 2000));
    const before = { b: versions(b).length, mc: versions(mc).length };
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: a, version: 2 },
      contentChanges: [{ text: `${BASE}\nRUN rpm-ostree install usbguard && ostree container commit\n` }],
    });
    await new Promise((r) => setTimeout(r, 2000));
    assert.ok(versions(mc).length > before.mc, 'the MachineConfig was not linted again');
    assert.equal(versions(b).length, before.b, 'the other Containerfile was linted again');
  } finally {
    await s.close();
  }
});

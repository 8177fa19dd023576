/** The server keeps serving whatever a client sends: malformed messages are refused, not fatal. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, Session } from '../harness/lspClient';

const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
const BAD_RUN = `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m`;
let s: Session;
let exited: number | null | undefined;

before(async () => {
  s = await start({ ocpVersion: '', rules: {} });
  s.proc.on('exit', (code) => (exited = code));
});
after(async () => {
  await s.close();
});

async function stillServes(uri: string): Promise<void> {
  const wait = s.diagnostics(uri, 1);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: BAD_RUN } });
  const p = await wait;
  assert.deepEqual(
    p.diagnostics.map((d) => d.code),
    ['missing-ostree-commit'],
  );
  assert.equal(exited, undefined, 'the server exited');
}

test('a didOpen whose URI has a malformed % escape is refused; the server keeps serving', async () => {
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///work/bad%E0%A4%A/Containerfile', languageId: 'dockerfile', version: 1, text: BAD_RUN },
  });
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'untitled:%zz', languageId: 'plaintext', version: 1, text: BAD_RUN },
  });
  await stillServes('file:///work/ok1/Containerfile');
});

test('a didOpen whose text is not a string is refused; the server keeps serving', async () => {
  for (const text of [42, null, { a: 1 }, ['FROM x']]) {
    await s.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///work/notext/Containerfile', languageId: 'dockerfile', version: 1, text },
    });
  }
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: null });
  await s.conn.sendNotification('textDocument/didOpen', {});
  await stillServes('file:///work/ok2/Containerfile');
});

test('didChange and didClose with bad shapes are refused; the server keeps serving', async () => {
  const uri = 'file:///work/shapes/Containerfile';
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: BAD_RUN } });
  const bad: unknown[] = [
    { textDocument: { uri, version: 2 }, contentChanges: 'x' },
    { textDocument: { uri, version: 3 }, contentChanges: [{ text: 5 }] },
    { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 'a' } }, text: 'x' }] },
    { textDocument: { uri: 'file:///work/%%%/Containerfile', version: 2 }, contentChanges: [{ text: 'x' }] },
    { textDocument: { uri: 7 }, contentChanges: [] },
    null,
  ];
  for (const p of bad) await s.conn.sendNotification('textDocument/didChange', p);
  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: 3 } });
  await s.conn.sendNotification('textDocument/didClose', null);
  await stillServes('file:///work/ok3/Containerfile');
});

test('requests with bad params answer with an error or nothing, never a crash', async () => {
  const uri = 'file:///work/ok1/Containerfile';
  const attempts: [string, unknown][] = [
    ['textDocument/hover', { textDocument: { uri }, position: { line: 'x', character: null } }],
    ['textDocument/hover', { textDocument: { uri: 'file:///%E0' }, position: { line: 0, character: 0 } }],
    ['textDocument/completion', { textDocument: { uri }, position: null }],
    ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: 'x' } }],
    [
      'textDocument/codeAction',
      { textDocument: { uri }, context: { diagnostics: [{ data: { ruleId: 'x', fixes: 'nope', anchorLine: 'y' } }] } },
    ],
  ];
  for (const [method, params] of attempts) {
    await s.conn.sendRequest(method, params).catch((e: unknown) => e);
  }
  await stillServes('file:///work/ok4/Containerfile');
});

test('a MachineConfig URI with a malformed escape and a languageId that is not a string are refused', async () => {
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///work/%E0%A4%A.mc.yaml', languageId: 5, version: 1, text: 'kind: MachineConfig' },
  });
  await s.conn.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///work/x.mc.yaml', languageId: 'yaml', version: 'one', text: 'kind: MachineConfig' },
  });
  await stillServes('file:///work/ok5/Containerfile');
});

test('a document the parser could not handle gets a diagnostic that says so', async () => {
  const uri = 'file:///work/chain/Containerfile';
  const wait = s.diagnostics(uri, 1);
  // One `$(true)` keeps the chain off the shell fast path, which takes plain chains of any length; mvdan/sh runs out of stack.
  const text = `${BASE}\nRUN $(true) && ` + Array.from({ length: 10_000 }, (_, i) => `echo ${i}`).join(' && ');
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  const p = await wait;
  assert.deepEqual(
    p.diagnostics.map((d) => d.code),
    ['lint-incomplete'],
  );
  assert.equal(p.diagnostics[0]!.codeDescription, undefined);
});

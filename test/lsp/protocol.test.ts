import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, Session } from '../harness/lspClient';

const URI = 'file:///work/example/Containerfile';
const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
let s: Session;

before(async () => {
  s = await start({ ocpVersion: '', rules: {} });
});
after(async () => {
  await s.close();
});

function open(uri: string, text: string, version = 1) {
  return s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
}

test('didOpen publishes versioned diagnostics with rule ids and documentation links', async () => {
  const wait = s.diagnostics(URI, 1);
  await open(URI, `${BASE}\nRUN rpm-ostree install tree && rpm-ostree cleanup -m`);
  const p = await wait;
  assert.equal(p.version, 1);
  assert.deepEqual(
    p.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
    [['missing-ostree-commit', 2, 1]],
  );
  assert.match(p.diagnostics[0]!.codeDescription!.href, /docs\/rules\/missing-ostree-commit\.md$/);
});

test('didChange re-lints and publishes with the new version', async () => {
  const wait = s.diagnostics(URI, 2);
  await s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [
      { range: { start: { line: 1, character: 52 }, end: { line: 1, character: 52 } }, text: ' && ostree container commit' },
    ],
  });
  const p = await wait;
  assert.deepEqual(p.diagnostics, []);
});

test('a quick fix from codeAction, applied, removes the diagnostic', async () => {
  const uri = 'file:///work/example/fix/Containerfile';
  const text = `${BASE}\nRUN echo hi > /etc/motd`;
  const wait = s.diagnostics(uri, 1);
  await open(uri, text);
  const diag = (await wait).diagnostics[0]!;
  const actions = await s.conn.sendRequest<
    {
      title: string;
      edit: { changes: Record<string, { range: { start: { line: number; character: number } }; newText: string }[]> };
    }[]
  >('textDocument/codeAction', {
    textDocument: { uri },
    range: diag.range,
    context: { diagnostics: [diag] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Append `&& bootc container lint`', 'Append `&& ostree container commit`', 'Ignore missing-ostree-commit for this instruction'],
  );
  const edit = actions[0]!.edit.changes[uri]![0]!;
  const lines = text.split('\n');
  lines[edit.range.start.line] =
    lines[edit.range.start.line]!.slice(0, edit.range.start.character) +
    edit.newText +
    lines[edit.range.start.line]!.slice(edit.range.start.character);
  const wait2 = s.diagnostics(uri, 2);
  await s.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: lines.join('\n') }],
  });
  assert.equal(lines[1], 'RUN echo hi > /etc/motd && bootc container lint');
  assert.deepEqual((await wait2).diagnostics, []);
});

test('hover over a diagnostic explains the rule; hover over rpm-ostree words explains them', async () => {
  const uri = 'file:///work/example/hover/Containerfile';
  const wait = s.diagnostics(uri, 1);
  await open(uri, `FROM quay.io/a/b:4.16\nRUN rpm-ostree kargs --append=x`);
  await wait;
  const h1 = await s.conn.sendRequest<{
    contents: { value: string };
  }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
  assert.match(h1.contents.value, /Base image must be pinned by digest/);
  assert.match(h1.contents.value, /`from-not-digest-pinned`/);
  assert.match(h1.contents.value, /\[Rule documentation\]\(file:.*from-not-digest-pinned\.md\)/);
  const h2 = await s.conn.sendRequest<{
    contents: { value: string };
  }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 6 } });
  assert.match(h2.contents.value, /rpm-ostree/);
});

test('completion offers rpm-ostree subcommands and flags', async () => {
  const uri = 'file:///work/example/complete/Containerfile';
  const wait = s.diagnostics(uri, 1);
  await open(uri, `${BASE}\nRUN rpm-ostree \nRUN rpm-ostree cleanup `);
  await wait;
  const items = await s.conn.sendRequest<
    {
      label: string;
    }[]
  >('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 15 } });
  const labels = items.map((i) => i.label);
  for (const l of ['install', 'override', 'cliwrap', 'cleanup']) assert.ok(labels.includes(l), l);
  const flags = await s.conn.sendRequest<
    {
      label: string;
    }[]
  >('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 23 } });
  assert.deepEqual(
    flags.map((i) => i.label),
    ['-m', '--repomd'],
  );
});

test('settings change severities; the server asks for them on didChangeConfiguration', async () => {
  const uri = 'file:///work/example/settings/Containerfile';
  const wait = s.diagnostics(uri, 1);
  await open(uri, 'FROM quay.io/a/b:4.16');
  assert.equal((await wait).diagnostics[0]!.severity, 1);
  s.settings = { ocpVersion: '4.14', rules: { 'from-not-digest-pinned': 'info' } };
  const wait2 = s.diagnostics(uri, 1);
  await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  assert.equal((await wait2).diagnostics[0]!.severity, 3);
  s.settings = {};
});

test('the server keeps serving after binary junk and broken shell', async () => {
  const uri = 'file:///work/example/junk/Containerfile';
  const wait = s.diagnostics(uri, 1);
  await open(uri, '\u0000\u00ff\u0001RUN <<EOF\n\\');
  assert.deepEqual((await wait).diagnostics, []);
  const uri2 = 'file:///work/example/junk2/Containerfile';
  const wait2 = s.diagnostics(uri2, 1);
  await open(uri2, `${BASE}\nRUN echo "unterminated`);
  assert.deepEqual(
    (await wait2).diagnostics.map((d) => d.code),
    ['run-shell-syntax'],
  );
});

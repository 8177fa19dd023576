/**
 * Edits in a multi-document YAML file re-parse only the document (and the run of storage.files entries) they touch;
 * every document's diagnostics are still published right after each edit, with ranges moved by edits above them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, Session } from '../harness/lspClient';
import { lint } from '../../server/src/lint';
import { forgetYamlPieces } from '../../server/src/machineconfig/yamlValues';

let s: Session;
before(async () => {
  s = await start({ ocpVersion: '4.16', rules: {} });
});
after(async () => {
  await s.close();
});

const header = (name: string) => [
  'apiVersion: machineconfiguration.openshift.io/v1',
  'kind: MachineConfig',
  'metadata:',
  `  name: ${name}`,
  '  labels:',
  '    machineconfiguration.openshift.io/role: worker',
];
/** Doc A: a misspelled kernelType. Doc B: 400 files (large enough to be cut into runs), one data URL broken. Doc C: an unknown extension. */
const A = [...header('a'), 'spec:', '  kernelType: realtme'];
const files = (broken: number) =>
  Array.from({ length: 400 }, (_, i) => [
    `        - path: /etc/f${i}.conf`,
    '          mode: 420',
    '          contents:',
    `            source: ${i === broken ? 'data:;base64,bm90IGJhc2U2NA=' : `data:,v%3D${i}`}`,
  ]).flat();
const B = (broken: number) => [
  ...header('b'),
  'spec:',
  '  config:',
  '    ignition:',
  '      version: 3.4.0',
  '    storage:',
  '      files:',
  ...files(broken),
];
const C = [...header('c'), 'spec:', '  extensions:', '    - kerberos5'];
const join = (...docs: string[][]) => docs.map((d) => d.join('\n')).join('\n---\n') + '\n';

type Found = [string, number, number, number, number];
type Ranged = { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
/** [rule, start line, start character, end line, end character]: `code` as published, `ruleId` from the engine. */
const shape = (ds: (Ranged & { code?: unknown; ruleId?: string })[]): Found[] =>
  ds.map((d) => [
    String((d.code as string | undefined) ?? d.ruleId),
    d.range.start.line,
    d.range.start.character,
    d.range.end.line,
    d.range.end.character,
  ]);

/** What a cold lint of the whole text reports (no pieces kept from earlier versions). */
function cold(text: string): Found[] {
  forgetYamlPieces();
  return shape(lint(text, 'yaml', { ocpVersion: '4.16', rules: {} }).diagnostics);
}

/** 0-based line of the first line containing `needle` (after line `from`). */
const lineOf = (text: string, needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle));

test('an edit in one document of a multi-document file re-publishes every document, ranges shifted below a line-count change', async () => {
  const uri = 'file:///work/mc/three-docs.yaml';
  let version = 1;
  let text = join(A, B(100), C);
  let wait = s.diagnostics(uri, 1);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  const opened = shape((await wait).diagnostics);
  const kernel = lineOf(text, 'realtme');
  const broken = lineOf(text, 'bm90IGJhc2U2NA=');
  const ext = lineOf(text, 'kerberos5');
  assert.deepEqual(opened, [
    ['mc-kernel-type', kernel, 14, kernel, 21],
    ['mc-data-url', broken, 20, broken, 48],
    ['mc-unknown-extension', ext, 6, ext, 15],
  ]);
  assert.deepEqual(opened, cold(text));

  /** Sends one range edit, waits for its diagnostics, and checks them against a cold lint of the new text. */
  const edit = async (range: [number, number, number, number], newText: string): Promise<Found[]> => {
    const lines = text.split('\n');
    const [sl, sc, el, ec] = range;
    const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, x) => n + x.length + 1, 0) + c;
    text = text.slice(0, offset(sl, sc)) + newText + text.slice(offset(el, ec));
    version++;
    wait = s.diagnostics(uri, version);
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text: newText }],
    });
    const got = shape((await wait).diagnostics);
    assert.deepEqual(got, cold(text), `version ${version}`);
    return got;
  };

  // Three lines added in document A: B's and C's diagnostics move down by three, A's stays.
  const role = lineOf(text, 'role: worker');
  let got = await edit([role, 46, role, 46], '\n  annotations:\n    note: one\n    other: two');
  assert.deepEqual(got, [
    ['mc-kernel-type', kernel + 3, 14, kernel + 3, 21],
    ['mc-data-url', broken + 3, 20, broken + 3, 48],
    ['mc-unknown-extension', ext + 3, 6, ext + 3, 15],
  ]);

  // The broken data URL in B mended: only its diagnostic goes.
  got = await edit([broken + 3, 20, broken + 3, 48], 'data:,fixed');
  assert.deepEqual(got, [
    ['mc-kernel-type', kernel + 3, 14, kernel + 3, 21],
    ['mc-unknown-extension', ext + 3, 6, ext + 3, 15],
  ]);

  // An entry of B deleted (four lines): C's diagnostic moves up by four.
  const entry = lineOf(text, '- path: /etc/f10.conf');
  got = await edit([entry, 0, entry + 4, 0], '');
  assert.deepEqual(got, [
    ['mc-kernel-type', kernel + 3, 14, kernel + 3, 21],
    ['mc-unknown-extension', ext - 1, 6, ext - 1, 15],
  ]);

  // A new broken entry typed into B (three lines), then C's extension mended.
  got = await edit([entry, 0, entry, 0], '        - path: /etc/new\n          contents:\n            source: data:;base64,%%%\n');
  assert.deepEqual(got, [
    ['mc-kernel-type', kernel + 3, 14, kernel + 3, 21],
    ['mc-data-url', entry + 2, 20, entry + 2, 36],
    ['mc-unknown-extension', ext + 2, 6, ext + 2, 15],
  ]);
  got = await edit([ext + 2, 6, ext + 2, 15], 'kerberos');
  assert.deepEqual(got, [
    ['mc-kernel-type', kernel + 3, 14, kernel + 3, 21],
    ['mc-data-url', entry + 2, 20, entry + 2, 36],
  ]);

  // The marker between A and B removed (one document with duplicate keys), then put back: each as a cold lint says.
  const marker = lineOf(text, '---');
  await edit([marker, 0, marker + 1, 0], '');
  got = await edit([marker, 0, marker, 0], '---\n');
  assert.deepEqual(
    got.map((d) => d[0]),
    ['mc-kernel-type', 'mc-data-url'],
  );
  await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

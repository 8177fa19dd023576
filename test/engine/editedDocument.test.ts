/**
 * Open documents keep their line starts from edit to edit (server/src/editedDocument.ts): after any sequence of
 * incremental and full-sync changes, the text is what vscode-languageserver-textdocument's document makes of the
 * same changes, and lines and positions are those of that package's document freshly created from the text (its
 * own line offsets go wrong after a range past the end); the shared line index is the current version's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EditedDocument } from '../../server/src/editedDocument';
import { DocumentStore } from '../../server/src/documentStore';
import { changedSpan, lineStarts, spliceLineStarts } from '../../server/src/core/lineStarts';
import { LineIndex, lineIndexOf } from '../../server/src/core/lineIndex';

/** Text made of the characters that matter to line counting, so breaks, `\r\n` pairs and lone `\r` meet edits often. */
const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'xyz', 'é', '😀');
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 20 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  fc.record({ range: fc.record({ start: position, end: position }), text }),
  fc.record({ text }),
  // A full-sync change that differs from the text in one small place, as an editor sends it.
  fc
    .record({ text, full: fc.constant(true) })
    .map(({ text: t }) => ({ text: t, nearby: true }) as unknown as TextDocumentContentChangeEvent),
);

/** A full change marked `nearby` becomes the current text with `text` inserted in the middle. */
function concrete(c: TextDocumentContentChangeEvent, current: string): TextDocumentContentChangeEvent {
  if (!(c as { nearby?: boolean }).nearby) return c;
  const mid = current.length >> 1;
  return { text: current.slice(0, mid) + c.text + current.slice(mid + (c.text.length % 3)) };
}

test('positions, lines and text after random edits equal the textdocument package and a fresh line count', () => {
  fc.assert(
    fc.property(
      text,
      fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 8 }),
      fc.array(position, { maxLength: 6 }),
      (start, versions, probes) => {
        const ours = new EditedDocument('file:///t.yaml', 'yaml', 1, start);
        let theirs = TextDocument.create('file:///t.yaml', 'yaml', 1, start);
        versions.forEach((changes, v) => {
          // Each change applies to the text the previous one left (TextDocument.update's order).
          const applied: TextDocumentContentChangeEvent[] = [];
          let current = theirs.getText();
          for (const c of changes) {
            const x = concrete(c, current);
            applied.push(x);
            // Each change goes to a fresh package document: its line offsets go wrong after a range past the end.
            theirs = TextDocument.update(TextDocument.create('file:///t.yaml', 'yaml', 1, current), [x], 2);
            current = theirs.getText();
          }
          ours.update(applied, v + 2);
          assert.equal(ours.getText(), theirs.getText());
          const fresh = TextDocument.create('file:///t.yaml', 'yaml', v + 2, ours.getText());
          assert.equal(ours.lineCount, fresh.lineCount);
          assert.equal(ours.version, v + 2);
          const index = lineIndexOf(ours.getText());
          assert.deepEqual(index.lineCount, lineStarts(ours.getText()).length);
          for (let line = -1; line <= ours.lineCount; line++) {
            assert.deepEqual(ours.getLineRange(line), fresh.getLineRange(line));
            assert.equal(ours.getEOLCharacters(line), fresh.getEOLCharacters(line));
            if (line >= 0 && line < ours.lineCount) assert.equal(index.lineStart(line), new LineIndex(ours.getText()).lineStart(line));
          }
          for (const p of probes) assert.equal(ours.offsetAt(p), fresh.offsetAt(p), `offsetAt ${JSON.stringify(p)}`);
          for (let o = -1; o <= ours.getText().length + 1; o++) assert.deepEqual(ours.positionAt(o), fresh.positionAt(o));
        });
        ours.release();
      },
    ),
    { numRuns: 600, seed: 18 },
  );
});

test('spliced line starts equal a fresh count for any splice', () => {
  fc.assert(
    fc.property(text, text, fc.nat(), fc.nat(), (before, inserted, a, b) => {
      const start = Math.min(a, b) % (before.length + 1);
      const end = Math.min(before.length, start + (Math.max(a, b) % 7));
      const after = before.slice(0, start) + inserted + before.slice(end);
      assert.deepEqual(spliceLineStarts(before, lineStarts(before), { start, end, inserted }, after), lineStarts(after));
    }),
    { numRuns: 3000, seed: 18 },
  );
});

test('the changed span of two texts is the smallest splice between them, also across 64 KiB chunks', () => {
  const big = 'x'.repeat(200_000);
  const cases: [string, string][] = [
    [big, big.slice(0, 70_000) + 'y' + big.slice(70_001)],
    [big, big.slice(0, 131_072) + 'inserted\n' + big.slice(131_072)],
    [big + 'tail', big],
    ['', 'abc'],
    ['abc', 'abc'],
  ];
  const check = (before: string, after: string) => {
    const s = changedSpan(before, after);
    assert.equal(before.slice(0, s.start) + s.inserted + before.slice(s.end), after);
    const kept = before.length - (s.end - s.start);
    // Smallest: the prefix cannot grow, nor the suffix (unless the two overlap).
    if (s.start < Math.min(before.length, after.length) && s.end > s.start && s.inserted.length)
      assert.notEqual(before[s.start], after[s.start]);
    assert.ok(kept <= Math.min(before.length, after.length));
  };
  for (const [b, a] of cases) check(b, a);
  fc.assert(
    fc.property(text, text, (b, a) => check(b, a)),
    { numRuns: 2000, seed: 18 },
  );
  assert.deepEqual(changedSpan(cases[0]![0], cases[0]![1]), { start: 70_000, end: 70_001, inserted: 'y' });
  assert.deepEqual(changedSpan(cases[1]![0], cases[1]![1]), { start: 131_072, end: 131_072, inserted: 'inserted\n' });
});

test('a closed document no longer lends its line index; a text that is no open version gets a fresh one', () => {
  const doc = new EditedDocument('file:///shared.yaml', 'yaml', 1, 'a\nb\n');
  doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'c\nd' }], 2);
  const text = doc.getText();
  assert.equal(text, 'a\nc\nd\n');
  assert.equal(lineIndexOf(text), lineIndexOf(text), 'the same shared index for the current version');
  assert.equal(lineIndexOf(text).lineCount, 4);
  doc.release();
  assert.notEqual(lineIndexOf(text), lineIndexOf(text), 'fresh indexes once released');
  assert.equal(lineIndexOf(text).lineCount, 4);
});

test('opening a URI again replaces its document and the line index it shares', () => {
  const store = new DocumentStore();
  const textDocument = (text: string) => ({ textDocument: { uri: 'file:///again.yaml', languageId: 'yaml', version: 1, text } });
  store.open(textDocument('one\n'));
  store.open(textDocument('two\nlines\n'));
  const text = store.get('file:///again.yaml')!.getText();
  assert.equal(lineIndexOf(text), lineIndexOf(text), 'the second version shares its index');
  store.close({ textDocument: { uri: 'file:///again.yaml' } });
  assert.notEqual(lineIndexOf(text), lineIndexOf(text));
});

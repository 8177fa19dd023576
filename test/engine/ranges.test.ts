/** Every diagnostic range and quick-fix edit stays inside the document (lint/results.ts clampToDocument). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintYaml, lint } from '../../server/src/lint';
import { clampToDocument } from '../../server/src/lint/results';
import { LineIndex } from '../../server/src/core/lineIndex';
import type { Diagnostic, Range } from '../../server/src/core/types';

/** Lines as LSP counts them (`\n`, `\r\n`, `\r`), independent of LineIndex. */
const lengths = (text: string) => text.split(/\r\n|\r|\n/).map((l) => l.length);
const inside = (r: Range, ls: number[]) =>
  [r.start, r.end].every((p) => p.line >= 0 && p.line < ls.length && p.character >= 0 && p.character <= ls[p.line]!) &&
  (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));

test('a YAML syntax error at a line break is reported inside its line (found by the fuzzer, seed 20261130 #1606)', () => {
  // CRLF inside a quoted scalar, LF elsewhere: the parser's error ends one past the line (at the LF of the CRLF).
  const text =
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n' +
    '  la\\  machineconfiguration.openshift.io/role: worker\n kind: de-image-worker\nspec:\n' +
    '  osImageURL: "quay.io/jk&a y{d0a75edb1e24b52a2c7ae68daeb1a4a63e5\r\n0fe22bf7df65122debeb8c29bd01a"\n';
  const found = lint(text, 'yaml', {}).diagnostics;
  assert.ok(found.some((d) => d.ruleId === 'yaml-syntax'));
  for (const d of found) assert.ok(inside(d.range, lengths(text)), `${d.ruleId} ${JSON.stringify(d.range)}`);
  // lintYaml alone (no clamping) is where the range came from.
  assert.ok(lintYaml(text).diagnostics.some((d) => !inside(d.range, lengths(text))));
});

const position = fc.record({ line: fc.integer({ min: -3, max: 12 }), character: fc.integer({ min: -3, max: 30 }) });
const range = fc.record({ start: position, end: position });
const text = fc
  .array(fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 8 })
  .map((ls) => ls.map(([l, br]) => l + br).join(''));

test('property: clamped ranges and edits are inside the document; ranges already inside are unchanged', () => {
  fc.assert(
    fc.property(text, range, range, (t, r, e) => {
      const ls = lengths(t);
      const d: Diagnostic = {
        ruleId: 'x',
        severity: 'error',
        message: 'm',
        range: structuredClone(r),
        fixes: [{ title: 'f', edits: [{ range: structuredClone(e), newText: '' }] }],
        anchorLine: 0,
      };
      clampToDocument([d], new LineIndex(t));
      assert.ok(inside(d.range, ls), JSON.stringify({ t, r, got: d.range }));
      assert.ok(inside(d.fixes[0]!.edits[0]!.range, ls));
      if (inside(r, ls)) assert.equal(JSON.stringify(d.range), JSON.stringify(r));
    }),
    { numRuns: 2000, seed: 11 },
  );
});

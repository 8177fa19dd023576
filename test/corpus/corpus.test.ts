/**
 * Real files from Red Hat's documentation, MCO's docs and public repositories, each with the findings
 * judged from the documentation before the linter ran on it (`<name>.expect.json`: source, the
 * OpenShift version it was written for, and the expected errors and warnings by rule and 1-based
 * line; info is not counted). Each file must get exactly its expected findings; the last test prints
 * precision and recall over the whole corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectKind, lint } from '../../server/src/lint';

interface Expect {
  source: string;
  ocpVersion?: string;
  note?: string;
  expected: { ruleId: string; line: number }[];
}

const dir = __dirname;
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.(Containerfile|yaml)$/.test(f))
  .sort();
const key = (f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`;
let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
let cleanFiles = 0;
let cleanFilesQuiet = 0;

for (const file of files) {
  test(`corpus: ${file}`, () => {
    const sidecar = path.join(dir, file.replace(/\.(Containerfile|yaml)$/, '.expect.json'));
    assert.ok(fs.existsSync(sidecar), `${file} has no .expect.json`);
    const expect = JSON.parse(fs.readFileSync(sidecar, 'utf8')) as Expect;
    assert.ok(expect.source, `${file}: the sidecar names no source`);
    const kind = detectKind(file);
    assert.ok(kind);
    const { diagnostics, failures } = lint(fs.readFileSync(path.join(dir, file), 'utf8'), kind, { ocpVersion: expect.ocpVersion });
    assert.deepEqual(failures, []);
    const got = diagnostics.filter((d) => d.severity !== 'info').map((d) => ({ ruleId: d.ruleId, line: d.range.start.line + 1 }));
    const want = new Set(expect.expected.map(key));
    const have = new Set(got.map(key));
    truePositives += [...have].filter((k) => want.has(k)).length;
    falsePositives += [...have].filter((k) => !want.has(k)).length;
    falseNegatives += [...want].filter((k) => !have.has(k)).length;
    if (want.size === 0) {
      cleanFiles++;
      if (have.size === 0) cleanFilesQuiet++;
    }
    const messages = diagnostics.map((d) => `${d.range.start.line + 1}: ${d.severity} ${d.ruleId}: ${d.message}`).join('\n');
    assert.deepEqual([...have].sort(), [...want].sort(), `${file} (${expect.source})\n${messages}`);
  });
}

test('corpus: at least 15 files, and the precision and recall over all of them', (t) => {
  assert.ok(files.length >= 15, `only ${files.length} files`);
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  t.diagnostic(
    `${files.length} files; findings: ${truePositives} expected and found, ${falsePositives} not expected, ${falseNegatives} missed; ` +
      `precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %; ` +
      `clean files without an error or warning: ${cleanFilesQuiet}/${cleanFiles}`,
  );
});

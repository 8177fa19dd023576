/** The text caches are bounded by the characters they hold, not by their number of entries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoByText, textCacheChars, TEXT_CACHE_CHARS } from '../../server/src/core/memo';
import { lintContainerfile } from '../../server/src/lint';

test('memoByText holds at most its character budget, dropping the least recently used first', () => {
  let computed = 0;
  const f = memoByText(1000, (k: string) => (computed++, k.length), { maxChars: 100 });
  for (let i = 0; i < 10; i++) f(String(i).repeat(20));
  assert.equal(computed, 10);
  assert.ok(textCacheChars(f) <= 100, `holds ${textCacheChars(f)} characters`);
  f('9'.repeat(20)); // still there
  assert.equal(computed, 10);
  f('0'.repeat(20)); // dropped long ago
  assert.equal(computed, 11);
});

test('a key larger than a quarter of the budget is computed but not kept', () => {
  let computed = 0;
  const f = memoByText(1000, (k: string) => (computed++, k.length), { maxChars: 100 });
  f('x'.repeat(60));
  f('x'.repeat(60));
  assert.equal(computed, 2);
  assert.equal(textCacheChars(f), 0);
});

test('typing in a Containerfile with `# escape=` keeps the parse caches within their budget', () => {
  const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
  const body = Array.from({ length: 3000 }, (_, i) => `RUN echo step${i} && ostree container commit`).join('\n');
  let text = '# escape=`\n' + BASE + '\n' + body + '\n';
  for (let k = 0; k < 60; k++) {
    text += `ENV K${k}=1\n`;
    lintContainerfile(text);
  }
  assert.ok(textCacheChars() <= 2 * TEXT_CACHE_CHARS, `text caches hold ${textCacheChars()} characters`);
  assert.ok(textCacheChars() < 3 * text.length, `every keystroke kept a whole-file entry: ${textCacheChars()} characters`);
});

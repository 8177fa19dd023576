/** The text caches are bounded by the characters they hold, not by their number of entries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoByText, releaseCacheOwner, textCacheChars, TEXT_CACHE_CHARS, withCacheOwner } from '../../server/src/core/memo';
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

test('releasing an owner drops at once the entries only it used; entries another owner uses stay', () => {
  let computed = 0;
  const f = memoByText(1000, (k: string) => (computed++, k.length), { maxChars: 10_000 });
  withCacheOwner('file:///a', () => ['shared', 'only-a-1', 'only-a-2'].forEach(f));
  withCacheOwner('file:///b', () => ['shared', 'only-b'].forEach(f));
  assert.equal(textCacheChars(f), 'shared'.length + 'only-a-1'.length * 2 + 'only-b'.length);
  assert.equal(releaseCacheOwner('file:///a'), 'only-a-1'.length * 2);
  assert.equal(textCacheChars(f), 'shared'.length + 'only-b'.length);
  computed = 0;
  f('shared');
  f('only-b');
  assert.equal(computed, 0, 'what b uses was kept');
  f('only-a-1');
  assert.equal(computed, 1, 'what only a used was dropped');
});

test('an owner lets go of the keys of its older versions: closing it drops only what its newest version used', () => {
  const f = memoByText(1000, (k: string) => k.length, { maxChars: 10_000 });
  withCacheOwner('file:///a', () => ['v1-line', 'kept'].forEach(f));
  withCacheOwner('file:///a', () => ['v2-line', 'kept'].forEach(f));
  withCacheOwner('file:///b', () => f('v1-line'));
  releaseCacheOwner('file:///a');
  assert.equal(textCacheChars(f), 'v1-line'.length, 'b still uses v1-line; v2-line and kept went with a');
});

test('closing a linted Containerfile gives back what its parse caches held for it', () => {
  const BASE = 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'a'.repeat(64);
  const text =
    BASE + '\n' + Array.from({ length: 500 }, (_, i) => `RUN rpm-ostree install closed-doc-${i} && ostree container commit`).join('\n');
  const before = textCacheChars();
  withCacheOwner('file:///closed/Containerfile', () => lintContainerfile(text));
  const held = textCacheChars() - before;
  assert.ok(held > 500 * 40, `the lint cached ${held} characters`);
  const freed = releaseCacheOwner('file:///closed/Containerfile');
  assert.ok(freed >= held, `freed ${freed} of ${held}`);
  assert.ok(textCacheChars() <= before, `${textCacheChars()} characters held after closing, ${before} before`);
});

test('an entry used since it went in stays when the cache is full; the oldest unused one goes', () => {
  let computed = 0;
  const f = memoByText(3, (k: string) => (computed++, k.length), { maxChars: 10_000 });
  ['first', 'second', 'third'].forEach(f);
  f('first'); // used again: the document still has this instruction
  f('fourth'); // full: one must go
  computed = 0;
  f('first');
  f('third');
  f('fourth');
  assert.equal(computed, 0, 'first (used again), third and fourth were kept');
  f('second');
  assert.equal(computed, 1, 'second, the oldest unused, went');
});

test('an entry two documents use stays when one closes, and goes when the other closes too', () => {
  const f = memoByText(1000, (k: string) => k.length, { maxChars: 10_000 });
  withCacheOwner('file:///x', () => f('both-use-this'));
  withCacheOwner('file:///y', () => f('both-use-this'));
  withCacheOwner('file:///x', () => f('both-use-this'));
  assert.equal(releaseCacheOwner('file:///x'), 0);
  assert.equal(releaseCacheOwner('file:///y'), 'both-use-this'.length);
  assert.equal(textCacheChars(f), 0);
});

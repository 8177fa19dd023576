/** Which contexts need their name typed before a write. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isProtected } from '../../client/src/cluster/protectedContexts';

test('globs match whole context names: * any run, ? one character; regex characters are literal', () => {
  const oc = 'default/api-prod-example-com:6443/kube:admin';
  assert.equal(isProtected(oc, ['*/api-prod-*']), true);
  assert.equal(isProtected(oc, ['api-prod-*']), false, 'the whole name must match');
  assert.equal(isProtected('prod-1', ['prod-?']), true);
  assert.equal(isProtected('prod-10', ['prod-?']), false);
  assert.equal(isProtected('prodX1', ['prod.1']), false, 'a dot is a dot');
  assert.equal(isProtected('Prod', ['prod']), false, 'case matters');
  assert.equal(isProtected('a(b)', ['a(b)']), true);
  assert.equal(isProtected('anything', []), false);
  assert.equal(isProtected('anything', ['', 3, null]), false, 'non-strings and empty patterns protect nothing');
  assert.equal(isProtected('anything', ['*']), true);
});

/** What the extension logs or shows from a cluster error never carries a credential. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../client/src/cluster/errors';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06YWRtaW4ifQ.c2lnbmF0dXJlLXBhcnQ_-x';

test('a service-account JWT, a bearer token, an sha256~ token and URL credentials are hidden', () => {
  assert.equal(redact(`token rejected: ${JWT} (expired)`), 'token rejected: <hidden JWT> (expired)');
  assert.equal(redact('Authorization: Bearer abc.def'), 'Authorization: Bearer <hidden>');
  assert.equal(redact('user sha256~AbC-12_x failed'), 'user sha256~<hidden> failed');
  assert.equal(redact('https://admin:s3cret@api.example:6443/'), 'https://admin:<hidden>@api.example:6443/');
});

test('text that only looks like the start of a JWT stays as it is', () => {
  assert.equal(redact('eyJust one.segment'), 'eyJust one.segment');
  assert.equal(redact('see eyJabc.def for details'), 'see eyJabc.def for details');
});

test('a long run of JWT-like starts is no JWT (test/architecture/regexes.test.ts checks the scan stays linear)', () => {
  const hostile = 'eyJ-'.repeat(50_000);
  assert.equal(redact(hostile), hostile);
});

/** Loading the shell parser (mvdan-sh) leaves the process-wide Error settings as they were. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/lint';

test('Error.stackTraceLimit and Error.prepareStackTrace are unchanged after the first Containerfile', () => {
  const prepare = () => Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace')?.value as unknown;
  const before = { limit: Error.stackTraceLimit, prepare: prepare() };
  const r = lint('FROM quay.io/a/b@sha256:' + 'a'.repeat(64) + '\nRUN echo hi && ostree container commit\n', 'containerfile');
  assert.deepEqual(r.failures, []);
  assert.equal(Error.stackTraceLimit, before.limit);
  assert.equal(prepare(), before.prepare);
});

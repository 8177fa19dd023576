/** What a failed build or push says, from podman's own output: the registry it names, and nothing hostile or secret. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explain } from '../../client/src/build/explain';
import type { RunResult } from '../../client/src/build/process';

const failed = (...tail: string[]): RunResult => ({ code: 125, signal: null, cancelled: false, tail });
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

// podman 4.9 pushing to a registry that refuses connections: it retries first, then fails.
const BLOB = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';
const REFUSED =
  `trying to reuse blob ${BLOB} at destination: pinging container registry registry.example.com:5000: ` +
  'Get "https://registry.example.com:5000/v2/": dial tcp 10.0.0.5:5000: connect: connection refused';
const RETRYING = [
  'Getting image source signatures',
  `WARN[0000] Failed, retrying in 1s ... (1/3). Error: ${REFUSED}`,
  `WARN[0001] Failed, retrying in 1s ... (2/3). Error: ${REFUSED}`,
  `Error: ${REFUSED}`,
];

test('an unreachable registry is named by its host, not by "1s" from "retrying in 1s"', () => {
  const e = explain('podman', 'push', failed(...RETRYING));
  assert.equal(e.kind, 'unreachable');
  assert.match(e.message, /^The registry registry\.example\.com:5000 cannot be reached \(connection refused\)\./);
});

test('a failing RUN line with link syntax is shown as plain text', () => {
  const e = explain(
    'podman',
    'build',
    failed('Error: building at STEP "RUN [Fix](command:workbench.action.terminal.sendSequence?x)": exit status 1'),
    {
      line: 2,
      instruction: 'RUN [Fix](command:workbench.action.terminal.sendSequence?x)',
    },
  );
  assert.equal(e.kind, 'run-failed');
  assert.deepEqual([...e.message.matchAll(VSCODE_LINK)], []);
});

test('the pull secret path is never in the explanation', () => {
  const secret = '/home/admin/.secrets/pull-secret.json';
  const e = explain('podman', 'push', failed(`Error: open ${secret}: too many open files`), undefined, secret);
  assert.doesNotMatch(e.message, /pull-secret\.json/);
  assert.match(e.message, /<rhcosLayering\.pullSecretPath>: too many open files/);
});

/** Which welcome content the Rollouts view shows, and its reconnect message; every state has its welcome view. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { retryMessage, viewStateOf } from '../../client/src/cluster/viewState';
import type { ViewState } from '../../client/src/cluster/viewState';

const down = (kind?: 'unauthorized' | 'forbidden' | 'not-found' | 'tls' | 'unreachable') =>
  ({ state: 'disconnected', message: 'why', retryInMs: 2000, ...(kind ? { kind } : {}) }) as const;

test('each failure before the first pools picks its welcome view; known pools keep the tree', () => {
  const cases: [Parameters<typeof viewStateOf>[0], ViewState][] = [
    [{ connectError: { kind: 'no-kubeconfig', message: 'No kubeconfig found' }, poolsKnown: false }, 'noKubeconfig'],
    [{ connectError: { kind: 'no-context', message: 'x' }, poolsKnown: false }, 'noKubeconfig'],
    [{ connectError: { kind: 'bad-kubeconfig', message: 'x' }, poolsKnown: false }, 'noKubeconfig'],
    [{ connectError: { kind: 'unauthorized', message: 'plugin failed' }, poolsKnown: false }, 'unauthorized'],
    [{ poolsKnown: false, pools: down('unauthorized') }, 'unauthorized'],
    [{ poolsKnown: false, pools: down('forbidden') }, 'forbidden'],
    [{ poolsKnown: false, pools: down('not-found') }, 'notOpenShift'],
    [{ poolsKnown: false, pools: down('tls') }, 'tls'],
    [{ poolsKnown: false, pools: down('unreachable') }, 'unreachable'],
    [{ poolsKnown: false, pools: down() }, 'unreachable'],
    [{ poolsKnown: false, pools: { state: 'connecting' } }, 'connecting'],
    [{ poolsKnown: false }, 'connecting'],
    [{ poolsKnown: true, pools: down('unreachable') }, 'ready'],
  ];
  for (const [input, want] of cases) assert.equal(viewStateOf(input).state, want, JSON.stringify(input));
  assert.equal(viewStateOf({ poolsKnown: false, pools: down('forbidden') }).detail, 'why');
});

test('the reconnect message counts down whole seconds, then says it is retrying', () => {
  assert.equal(retryMessage(10_000, 7_100), 'Disconnected, retrying in 3 s');
  assert.equal(retryMessage(10_000, 9_999), 'Disconnected, retrying in 1 s');
  assert.equal(retryMessage(10_000, 10_000), 'Disconnected, retrying now…');
  assert.equal(retryMessage(10_000, 8_000, 'unauthorized'), 'Disconnected: credentials rejected (401), use Log In…; retrying in 2 s');
});

test('package.json has a welcome view for every state but ready, each with a working command link', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    contributes: { viewsWelcome: { view: string; contents: string; when: string }[]; commands: { command: string }[] };
  };
  const states: ViewState[] = ['connecting', 'noKubeconfig', 'unauthorized', 'forbidden', 'notOpenShift', 'tls', 'unreachable'];
  const ours = new Set(pkg.contributes.commands.map((c) => c.command));
  for (const s of states) {
    const w = pkg.contributes.viewsWelcome.filter((x) => x.when === `isWorkspaceTrusted && rhcosLayering.rolloutsState == ${s}`);
    assert.equal(w.length, 1, s);
    for (const [, id] of w[0]!.contents.matchAll(/\(command:([\w.]+)/g))
      assert.ok(ours.has(id!) || id === 'workbench.action.openSettings', `${s}: ${id}`);
  }
  const unauthorized = pkg.contributes.viewsWelcome.find((x) => x.when.endsWith('== unauthorized'))!;
  assert.match(unauthorized.contents, /\[Log In…\]\(command:rhcosLayering\.logIn\)/);
});

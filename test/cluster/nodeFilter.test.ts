/** The Rollouts filter: which nodes show, what the description says, and what survives storage. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFilter, isActive, matches, parseFilter } from '../../client/src/cluster/nodeFilter';
import type { NodeView } from '../../client/src/cluster/rollout';

const node = (state: NodeView['state']): NodeView => ({
  name: 'n',
  pool: 'worker',
  state,
  cordoned: false,
  ready: true,
  currentConfig: 'a',
  desiredConfig: 'a',
  currentImage: 'x',
  desiredImage: 'x',
  reason: '',
});

test('text matches part of the name, case-insensitively; "not Done" and "degraded" filter by state', () => {
  assert.equal(matches({ text: 'INFRA' }, 'infra-3', node('Done')), true);
  assert.equal(matches({ text: 'infra' }, 'worker-3', node('Done')), false);
  assert.equal(matches({ only: 'notDone' }, 'w', node('Done')), false);
  assert.equal(matches({ only: 'notDone' }, 'w', node('Rebooting')), true);
  assert.equal(matches({ only: 'degraded' }, 'w', node('Working')), false);
  assert.equal(matches({ only: 'degraded' }, 'w', node('Degraded')), true);
  assert.equal(matches({ only: 'degraded' }, 'w', node('Unreconcilable')), true);
  assert.equal(matches({ text: 'w', only: 'degraded' }, 'x', node('Degraded')), false);
  assert.equal(matches({}, 'w', undefined), true);
});

test('the description names the filter; storage keeps only what it understands', () => {
  assert.equal(describeFilter({ text: 'infra', only: 'notDone' }), 'filter: "infra", not Done');
  assert.equal(describeFilter({}), '');
  assert.equal(isActive({}), false);
  assert.deepEqual(parseFilter({ text: 'a', only: 'degraded', extra: 1 }), { text: 'a', only: 'degraded' });
  assert.deepEqual(parseFilter({ text: 3, only: 'all' }), {});
  assert.deepEqual(parseFilter(undefined), {});
});

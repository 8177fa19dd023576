import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultName, nameForPool, offersPrepull, versionAtLeast } from '../../client/src/cluster/applyImageChoices';

test('the MachineConfig name follows the pool picked after Back, unless the user typed their own', () => {
  assert.equal(nameForPool('worker', undefined), 'os-layer-worker');
  assert.equal(nameForPool('infra', { pool: 'worker', name: defaultName('worker') }), 'os-layer-infra');
  assert.equal(nameForPool('infra', { pool: 'worker', name: '99-my-layer' }), '99-my-layer');
});

test('the pre-pull step is offered on 4.19 and later, only when the pre-pull command exists', () => {
  const cmds = ['rhcosLayering.applyLayeredImage', 'rhcosLayering.prepullImage'];
  assert.equal(offersPrepull('4.19', cmds), true);
  assert.equal(offersPrepull('4.23', cmds), true);
  assert.equal(offersPrepull('5.0', cmds), true);
  assert.equal(offersPrepull('4.18', cmds), false);
  assert.equal(offersPrepull('4.9', cmds), false);
  assert.equal(offersPrepull(null, cmds), false, 'version unknown: not offered');
  assert.equal(offersPrepull('4.19', ['rhcosLayering.applyLayeredImage']), false, 'no pre-pull command installed');
});

test('versionAtLeast compares major, then minor, as numbers', () => {
  assert.equal(versionAtLeast('4.100', '4.19'), true);
  assert.equal(versionAtLeast('3.99', '4.19'), false);
  assert.equal(versionAtLeast('latest', '4.19'), false);
});

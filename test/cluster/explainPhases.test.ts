/** A node's phase from the conditions MCO writes on its MachineConfigNode (Unknown = running, True = done, False = not yet). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcnView, phaseLabel, phaseMarkdown } from '../../client/src/cluster/machineConfigNodes';
import type { Obj } from '../../client/src/cluster/cluster';
import { timelineMarkdown } from '../../client/src/cluster/nodeEvents';

const NOT_YET = (type: string) => ({
  type,
  status: 'False',
  reason: 'NotYetOccurred',
  message: `This node has not yet entered the ${type} phase`,
});
const mcn = (conds: Record<string, unknown>[], status: Record<string, unknown> = {}): Obj => ({
  metadata: { name: 'worker-0' },
  status: { conditions: conds, ...status },
});

test('draining: the most specific condition in Unknown is the phase, and the plan MCO chose is kept', () => {
  const v = mcnView(
    mcn([
      { type: 'UpdatePrepared', status: 'True', message: 'Update Compatible. Post Cfg Actions: [] Drain Required: true' },
      {
        type: 'UpdateExecuted',
        status: 'Unknown',
        message: 'Draining node. The drain will not be complete until desired drainer drain-rendered-worker-2 matches current drainer',
      },
      { type: 'Cordoned', status: 'True', message: 'Cordoned node. The node is reporting Unschedulable = true' },
      {
        type: 'Drained',
        status: 'Unknown',
        message: 'Draining node. The drain will not be complete until desired drainer drain-rendered-worker-2 matches current drainer',
      },
      NOT_YET('AppliedFilesAndOS'),
      NOT_YET('RebootedNode'),
      { type: 'Updated', status: 'False', message: 'Node worker-0 needs an update' },
      { type: 'NodeDegraded', status: 'False' },
    ]),
  );
  assert.equal(v.phase, 'Drained');
  assert.equal(phaseLabel(v), 'draining');
  assert.equal(v.plan, 'Update Compatible. Post Cfg Actions: [] Drain Required: true');
  assert.match(phaseMarkdown(v), /MCO's plan:\*\* Update Compatible\\. Post Cfg Actions: \\\[\\\] Drain Required: true/);
});

test('rebooting, then updated', () => {
  assert.equal(
    phaseLabel(
      mcnView(
        mcn([
          { type: 'UpdatePostActionComplete', status: 'Unknown' },
          { type: 'RebootedNode', status: 'Unknown', message: 'Upgrade requires a reboot.' },
        ]),
      ),
    ),
    'rebooting',
  );
  const v = mcnView(
    mcn([
      { type: 'Resumed', status: 'True' },
      { type: 'Updated', status: 'True', message: 'Node worker-0 Updated' },
    ]),
  );
  assert.equal(v.phase, 'Updated');
});

test('NodeDegraded True wins over any phase and carries its text', () => {
  const v = mcnView(
    mcn([
      { type: 'UpdateExecuted', status: 'Unknown' },
      { type: 'NodeDegraded', status: 'True', reason: 'NodeDegraded', message: 'missing expected kernel arguments: [nosmt]' },
    ]),
  );
  assert.equal(v.phase, 'NodeDegraded');
  assert.equal(v.degraded, 'missing expected kernel arguments: [nosmt]');
});

test('pinned image sets still pulling or failed show in the tooltip; done ones do not', () => {
  const v = mcnView(
    mcn([], {
      pinnedImageSets: [
        { name: 'done', currentGeneration: 2, desiredGeneration: 2 },
        { name: 'pulling', currentGeneration: 1, desiredGeneration: 2 },
        { name: 'failed', desiredGeneration: 1, lastFailedGeneration: 1, lastFailedGenerationError: 'not enough disk space' },
      ],
    }),
  );
  const md = phaseMarkdown(v);
  assert.ok(!md.includes('done'));
  assert.match(md, /pulling:\*\* generation 1 of 2/);
  assert.match(md, /failed:\*\* not enough disk space/);
});

test('the Events timeline: oldest at the top, warnings marked, repeats counted, text escaped', () => {
  const md = timelineMarkdown([
    { at: '2026-11-30T10:01:00Z', reason: 'FailedToDrain', message: 'Cannot evict pod web-0 [pdb]', type: 'Warning', count: 3, source: '' },
    { at: '2026-11-30T10:00:05Z', reason: 'Drain', message: 'Draining node to update config.', type: 'Normal', count: 1, source: '' },
  ]);
  assert.equal(
    md,
    '10:00:05 **Drain** Draining node to update config\\.  \n10:01:00 ⚠ **FailedToDrain** Cannot evict pod web\\-0 \\[pdb\\] (×3)',
  );
  assert.match(timelineMarkdown([]), /No Events/);
});

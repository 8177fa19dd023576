/** The node tooltip fits a hover: short lines, shortened digests, the reason escaped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeTooltip, shortImage } from '../../client/src/cluster/nodeSummary';
import type { NodeView } from '../../client/src/cluster/rollout';

const D1 = 'a'.repeat(12) + 'b'.repeat(48) + 'cdef';
const D2 = '1'.repeat(64);

test('a node mid-update shows current → desired config and image, digests shortened, no line over 100 characters', () => {
  const v: NodeView = {
    name: 'worker-0',
    pool: 'worker',
    state: 'Working',
    cordoned: true,
    ready: true,
    currentConfig: 'rendered-worker-0123456789abcdef',
    desiredConfig: 'rendered-worker-fedcba9876543210',
    currentImage: `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${D1}`,
    desiredImage: `quay.io/my-org/rhcos-layered@sha256:${D2}`,
    reason: '',
  };
  const md = nodeTooltip('worker-0', v);
  assert.equal(
    md,
    [
      '**worker-0**: Working, cordoned',
      'Config: `rendered-worker-0123456789abcdef` → `rendered-worker-fedcba9876543210`',
      'Image: `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:aaaaaaaaaaaa…cdef` → `quay.io/my-org/rhcos-layered@sha256:111111111111…1111`',
    ].join('\n\n'),
  );
  assert.ok(!md.includes('|'), 'no table');
  assert.equal(shortImage('quay.io/a/b:latest'), 'quay.io/a/b:latest');
});

test('a degraded node says why, with Markdown in the reason escaped', () => {
  const v: NodeView = {
    name: 'w',
    pool: 'worker',
    state: 'Degraded',
    cordoned: false,
    ready: false,
    currentConfig: 'rendered-worker-1',
    desiredConfig: 'rendered-worker-1',
    currentImage: 'x',
    desiredImage: 'x',
    reason: 'failed: [click](command:evil) <b>',
  };
  assert.equal(
    nodeTooltip('w', v),
    '**w**: Degraded, NotReady\n\nConfig: `rendered-worker-1`\n\nImage: `x`\n\n**Degraded reason:** failed: \\[click\\]\\(command:evil\\) \\<b\\>',
  );
});

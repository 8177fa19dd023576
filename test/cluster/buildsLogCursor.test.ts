/** The log cursor alone: resuming from a whole-second sinceTime shows each line once, whatever the chunking. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogCursor, parseStamp } from '../../client/src/cluster/buildLog';
import { BuildModel } from '../../client/src/cluster/builds';
import type { Obj } from '../../client/src/cluster/cluster';

const log = [
  '2026-11-30T13:00:00.100000000Z STEP 1/2: FROM configs AS final',
  '2026-11-30T13:00:00.5Z same stamp, first',
  '2026-11-30T13:00:00.5Z same stamp, second',
  '2026-11-30T13:00:01.000000001Z next second',
  '2026-11-30T13:00:01.2Z last',
];

test('kubelet stamps with any number of fraction digits compare by the nanosecond', () => {
  assert.deepEqual(parseStamp('2026-11-30T13:00:00.5Z'), [Date.parse('2026-11-30T13:00:00Z') / 1000, 500_000_000]);
  assert.deepEqual(parseStamp('2026-11-30T13:00:00Z'), [Date.parse('2026-11-30T13:00:00Z') / 1000, 0]);
  assert.equal(parseStamp('not a time'), null);
});

test('a stream cut after the first of two lines with one stamp resumes with the second, and no line twice', () => {
  const c = new LogCursor();
  // The first connection ends after line 2, in the middle of line 3.
  const first = c.push(log.slice(0, 2).join('\n') + '\n' + log[2]!.slice(0, 20));
  assert.deepEqual(first, ['STEP 1/2: FROM configs AS final', 'same stamp, first']);
  assert.equal(c.sinceTime(), '2026-11-30T13:00:00Z', 'the API reads sinceTime to the second');
  c.reconnect();
  // The server sends everything from that second again, in odd chunks.
  const again = log.join('\n') + '\n';
  const out: string[] = [];
  for (let i = 0; i < again.length; i += 7) out.push(...c.push(again.slice(i, i + 7)));
  assert.deepEqual(out, ['same stamp, second', 'next second', 'last']);
  assert.equal(c.lines, 5);
});

test('builds of a pool are listed newest first; a build seen running is announced once when it finishes', () => {
  const m = new BuildModel();
  const mosb = (name: string, created: string, type: string): Obj => ({
    metadata: { name, creationTimestamp: created, labels: { 'machineconfiguration.openshift.io/target-machine-config-pool': 'infra' } },
    spec: { machineOSConfig: { name: 'infra' } },
    status: { conditions: [{ type, status: 'True', message: type === 'Failed' ? 'Failed: exit status 1' : '' }] },
  });
  m.list('machineosbuilds', [mosb('infra-a', '2026-11-30T10:00:00Z', 'Succeeded'), mosb('infra-b', '2026-11-30T11:00:00Z', 'Building')]);
  assert.deepEqual(
    m.buildsOf('infra').map((b) => `${b.name} ${b.phase}`),
    ['infra-b Building', 'infra-a Succeeded'],
  );
  assert.deepEqual(
    m.event('machineosbuilds', 'MODIFIED', mosb('infra-b', '2026-11-30T11:00:00Z', 'Failed')).finished.map((b) => b.message),
    ['Failed: exit status 1'],
  );
  // A relist after a reconnect does not announce it again.
  assert.deepEqual(m.list('machineosbuilds', [mosb('infra-b', '2026-11-30T11:00:00Z', 'Failed')]).finished, []);
});

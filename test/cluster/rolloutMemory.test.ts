/**
 * The Rollouts model keeps what the view shows, not the API objects: a MachineConfig with 1 MB of
 * file contents, nodes with image lists and managedFields, through the first list and through watch
 * events, leave a model of a few kilobytes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { Cluster } from '../../client/src/cluster/cluster';
import { Connector } from '../../client/src/cluster/connector';
import { RolloutFeed } from '../../client/src/cluster/rolloutFeed';
import type { RolloutModel } from '../../client/src/cluster/rollout';

const MB = 1024 * 1024;
let sim: Simulator;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-memory-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: 5, master: 3 }, speed: 20 }));
});

after(async () => {
  await sim.stop();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, f: () => boolean, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !f(); await wait(20)) if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

/** A MachineConfig with one file of `bytes` bytes of contents (a data URL, as Butane writes it). */
function bigMachineConfig(name: string, bytes: number) {
  return {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name, labels: { 'machineconfiguration.openshift.io/role': 'worker' } },
    spec: {
      config: {
        ignition: { version: '3.4.0' },
        storage: { files: [{ path: `/etc/${name}.conf`, mode: 420, contents: { source: `data:,${'x'.repeat(bytes)}` } }] },
      },
    },
  };
}

/** What a real node carries besides what the view shows: its image list and managedFields. */
function heavyNode(n: ReturnType<Simulator['store']['list']>[number]) {
  n.metadata['managedFields'] = Array.from({ length: 20 }, (_, i) => ({
    manager: `kubelet-${i}`,
    fieldsV1: { 'f:status': { x: 'y'.repeat(500) } },
  }));
  const status = (n['status'] ?? {}) as Record<string, unknown>;
  status['images'] = Array.from({ length: 100 }, (_, i) => ({
    names: [`quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${String(i).padStart(64, '0')}`],
    sizeBytes: 500_000_000 + i,
  }));
  n['status'] = status;
  return n;
}

/** The size of what the model retains, as JSON. */
const retained = (m: RolloutModel) => JSON.stringify([...m.pools.values(), ...m.nodes.values(), ...m.mcs.values()]).length;

test('a 1 MB MachineConfig and heavy nodes leave a model of a few kilobytes, from the list and from watch events', async () => {
  sim.store.create('machineconfigs', bigMachineConfig('99-worker-big-list', MB));
  for (const n of sim.store.list('nodes')) sim.store.mutate('nodes', n.metadata.name, heavyNode);
  const onServer = JSON.stringify([
    ...sim.store.list('machineconfigpools'),
    ...sim.store.list('nodes'),
    ...sim.store.list('machineconfigs'),
  ]).length;
  assert.ok(onServer > MB, 'the API objects themselves are large');
  const feed = new RolloutFeed(new Connector(() => Cluster.connect({ explicit: sim.kubeconfig })), {
    changed: () => undefined,
    reset: () => undefined,
  });
  try {
    await feed.start();
    await until('the list', () => feed.model.mcs.has('99-worker-big-list') && feed.model.nodes.size === 8 && !feed.stale());
    const fromList = retained(feed.model);
    // Through watch events: another big MachineConfig, and every node modified again.
    sim.store.create('machineconfigs', bigMachineConfig('99-worker-big-event', MB));
    for (const n of sim.store.list('nodes'))
      sim.store.mutate('nodes', n.metadata.name, (x) => ((x.metadata.labels = { ...x.metadata.labels, touched: 'yes' }), x));
    await until(
      'the events',
      () => feed.model.mcs.has('99-worker-big-event') && [...feed.model.nodes.values()].every((n) => n.metadata.labels?.['touched']),
    );
    const fromEvents = retained(feed.model);
    console.log(`API objects ${onServer} bytes of JSON; the model keeps ${fromList} after the list, ${fromEvents} after the events`);
    assert.ok(fromList < 32 * 1024, `the model keeps ${fromList} bytes after the first list`);
    assert.ok(fromEvents < 32 * 1024, `the model keeps ${fromEvents} bytes after watch events`);
    // What the view shows is still all there.
    assert.deepEqual(
      feed.model
        .machineConfigsOf('worker')
        .map((m) => m.name)
        .filter((n) => n.includes('big')),
      ['99-worker-big-event', '99-worker-big-list'],
    );
    assert.equal(feed.model.node('worker-0')?.ready, true);
    assert.match(feed.model.node('worker-0')?.currentConfig ?? '', /^rendered-worker-/);
    assert.match(feed.model.pool('worker')?.target ?? '', /^rendered-worker-/);
  } finally {
    feed.dispose();
  }
});

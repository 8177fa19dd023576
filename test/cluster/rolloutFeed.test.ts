/** The Rollouts view's feed against the cluster simulator over HTTPS: one watch set, true notifications, context switches. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { silentServer } from '../harness/silentServer';
import { Cluster } from '../../client/src/cluster/cluster';
import { Connector } from '../../client/src/cluster/connector';
import { RolloutFeed } from '../../client/src/cluster/rolloutFeed';
import { commitApply, layerMachineConfig, planApply } from '../../client/src/cluster/apply';
import { phaseLabel } from '../../client/src/cluster/machineConfigNodes';
import { applyPhase } from '../harness/cluster-sim/mcn';
import { startHoldProxy } from '../harness/holdProxy';

const IMAGE = 'quay.io/example/layered@sha256:' + 'c'.repeat(64);
let sim: Simulator;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-feed-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: 5, master: 3 }, speed: 20 }));
});

after(async () => {
  await sim.stop();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

/** What the API server holds right now: is every node of the pool on the pool's target and Done? */
function poolDone(pool: string): boolean {
  const p = sim.store.get('machineconfigpools', pool) as { spec?: { configuration?: { name?: string } } } | undefined;
  const target = p?.spec?.configuration?.name;
  return sim.store
    .list('nodes')
    .filter((n) => `node-role.kubernetes.io/${pool}` in (n.metadata.labels ?? {}))
    .every((n) => {
      const a = n.metadata.annotations ?? {};
      return (
        a['machineconfiguration.openshift.io/currentConfig'] === target &&
        (a['machineconfiguration.openshift.io/state'] ?? 'Done') === 'Done'
      );
    });
}

/** A feed as the view drives it: the tree asks again (start) a moment after each reset. */
function viewLike(connector: Connector) {
  const announced: { text: string; doneOnServer: boolean }[] = [];
  const feed: RolloutFeed = new RolloutFeed(connector, {
    changed: (c) => {
      for (const t of c.transitions) announced.push({ text: `${t.pool} ${t.to}`, doneOnServer: poolDone(t.pool) });
    },
    reset: () => void wait(10).then(() => feed.start()),
  });
  return { feed, announced };
}

test('an apply announces "Pool worker finished updating" once, after every node is done, over exactly 3 watches', async () => {
  const connector = new Connector(() => Cluster.connect({ explicit: sim.kubeconfig }));
  const { feed, announced } = viewLike(connector);
  let most = 0;
  const sample = setInterval(() => (most = Math.max(most, sim.watches())), 5);
  try {
    await feed.start();
    await until('the pools', () => feed.model.pool('worker')?.state === 'Updated' && sim.watches() >= 3);
    await wait(500);
    assert.equal(sim.watches(), 3, 'one watch per kind once started');
    const before = feed.model.pool('worker')!.target;
    await commitApply(await connector.get(), await planApply(await connector.get(), layerMachineConfig('worker', IMAGE)));
    await until('worker updated', () => feed.model.pool('worker')!.target !== before && poolDone('worker') && announced.length > 0);
    await wait(1_000); // anything announced twice or late would show up now
    assert.deepEqual(announced, [{ text: 'worker Updated', doneOnServer: true }]);
    assert.equal(most, 3, 'never more than one watch set open');
    assert.equal(sim.watches(), 3);
  } finally {
    clearInterval(sample);
    feed.dispose();
  }
  await until('the watches closed', () => sim.watches() === 0, 5_000);
});

test('a context switch clears the view: nothing of the old cluster stays, and a silent server shows nothing as current', async () => {
  const other = await startSimulator(options({ kubeconfig: path.join(dir, 'other'), nodes: { worker: 2, master: 1 }, speed: 20 }));
  const silent = await silentServer();
  const hung = path.join(dir, 'hung');
  fs.writeFileSync(hung, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/server: \S+/, `server: https://127.0.0.1:${silent.port}`));
  let kubeconfig = sim.kubeconfig;
  const connector = new Connector(() => Cluster.connect({ explicit: kubeconfig }));
  const { feed } = viewLike(connector);
  try {
    await feed.start();
    await until('the first cluster', () => feed.model.nodes.size === 8 && !feed.stale());
    kubeconfig = other.kubeconfig;
    connector.reset();
    assert.equal(feed.model.pools.size + feed.model.nodes.size, 0, 'the old cluster is gone the moment the context changes');
    await until('the second cluster', () => feed.model.nodes.size === 3 && !feed.stale());
    assert.deepEqual([...feed.model.nodes.keys()].sort(), ['master-0', 'worker-0', 'worker-1']);
    assert.deepEqual(feed.model.nodesOf('worker'), ['worker-0', 'worker-1']);
    await until('no socket left to the first cluster', () => sim.connections() === 0, 5_000);
    kubeconfig = hung;
    connector.reset();
    // The view awaits start() before replacing its rows: after a switch it must not wait for the silent server.
    const t0 = Date.now();
    await feed.start();
    assert.ok(Date.now() - t0 < 2_000, `start() after a switch to a silent server took ${Date.now() - t0} ms`);
    await wait(1_000);
    assert.equal(feed.model.pools.size + feed.model.nodes.size, 0, 'nothing shown for a server that never answered');
    assert.ok(feed.stale(), 'and nothing claims to be current');
    await until('no socket left to the second cluster', () => other.connections() === 0, 5_000);
  } finally {
    feed.dispose();
    await other.stop();
    await silent.close();
  }
});

test('4.19: the pools and nodes show while the MachineConfigNode list is held back; the phases follow when it comes', async () => {
  const mcnSim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'mcn'), nodes: { worker: 3, master: 1 }, speed: 20, ocpVersion: '4.19' }),
  );
  // worker-0 is being drained by MCO: only its MachineConfigNode says so (its annotations still say Done).
  applyPhase(mcnSim.store, mcnSim.store.get('nodes', 'worker-0')!, 'worker', {
    type: 'Drained',
    status: 'Unknown',
    reason: 'UpdateExecutedDrained',
    message: 'Draining node. The drain will not be complete until desired drainer drain-worker-0 matches current drainer',
  });
  const proxy = await startHoldProxy(mcnSim.url, mcnSim.tls!, /\/machineconfignodes/);
  const slow = path.join(dir, 'slow-mcn');
  fs.writeFileSync(slow, fs.readFileSync(mcnSim.kubeconfig, 'utf8').replace(/server: \S+/, `server: ${proxy.url}`));
  const phased: string[] = [];
  const feed = new RolloutFeed(
    new Connector(() => Cluster.connect({ explicit: slow })),
    { changed: () => undefined, reset: () => undefined, phases: (nodes) => phased.push(...nodes) },
    // Pages of 3: the list of 4 MachineConfigNodes takes two pages, as 2,000 take four of 500.
    { mcn: { pageSize: 3 } },
  );
  try {
    await feed.start();
    assert.deepEqual([...feed.model.pools.keys()].sort(), ['master', 'worker'], 'the pools are known when start() resolves');
    await until('the nodes, every watch connected', () => feed.model.nodes.size === 4 && !feed.stale());
    await until('the MachineConfigNode request held back', () => proxy.held() > 0);
    assert.equal(feed.model.pool('worker')?.total, 3);
    assert.equal(feed.model.node('worker-0')?.state, 'Done', 'before its MachineConfigNode, the node shows what its annotations say');
    assert.equal(feed.phase('worker-0'), undefined, 'no phase before the MachineConfigNode list');
    assert.deepEqual(phased, []);
    proxy.release();
    await until('worker-0 phase', () => feed.phase('worker-0'));
    assert.equal(phaseLabel(feed.phase('worker-0')!), 'draining');
    assert.equal(feed.phase('worker-1')?.phase, 'Updated');
    assert.deepEqual(
      [...new Set(phased)].sort(),
      ['master-0', 'worker-0', 'worker-1', 'worker-2'],
      'every page read, each node row told to redraw',
    );
    assert.equal(feed.model.node('worker-0')?.state, 'Done', 'the node list itself is unchanged');
  } finally {
    feed.dispose();
    await proxy.stop();
    await mcnSim.stop();
  }
});

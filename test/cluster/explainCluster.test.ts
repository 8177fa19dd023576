/**
 * Against the simulator: a node's Events by field selector, the daemon pod of a node and its log
 * followed through a cut connection (resumed with sinceTime, no line lost or repeated), and
 * MachineConfigNodes left alone when the cluster does not serve them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { startFaultProxy } from '../harness/faultProxy';
import { Cluster } from '../../client/src/cluster/cluster';
import { nodeEvents } from '../../client/src/cluster/nodeEvents';
import { daemonLogTail, daemonPodOf, DaemonLogFollower, MCO_NS } from '../../client/src/cluster/daemonLog';
import { explainNode } from '../../client/src/cluster/explain/explain';
import { gather } from '../../client/src/cluster/explain/gather';
import { McnSource, readMcn } from '../../client/src/cluster/machineConfigNodes';

let dir: string;
let sim: Simulator;
let cluster: Cluster;

const until = async (what: string, ok: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** The simulator's machine-config-daemon pod on `node` (one per node, as the DaemonSet makes them). */
function daemonPod(node: string): string {
  const p = sim.store
    .list('pods', MCO_NS)
    .find((x) => (x['spec'] as { nodeName?: string }).nodeName === node && x.metadata.labels?.['k8s-app'] === 'machine-config-daemon');
  assert.ok(p, `a daemon pod on ${node}`);
  return p.metadata.name;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-explain-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: 2, master: 1 }, speed: 20 }));
  cluster = await Cluster.connect({ explicit: sim.kubeconfig });
});

after(async () => {
  cluster.close();
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a node's Events: only that node's, newest first", async () => {
  const ev = (name: string, node: string, reason: string, at: string) =>
    sim.store.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { kind: 'Node', name: node },
      reason,
      message: `${reason} on ${node}`,
      type: reason === 'FailedToDrain' ? 'Warning' : 'Normal',
      lastTimestamp: at,
      source: { component: 'machineconfigdaemon' },
    });
  ev('w0.1', 'worker-0', 'Cordon', '2026-11-30T10:00:00Z');
  ev('w0.2', 'worker-0', 'Drain', '2026-11-30T10:00:05Z');
  ev('w1.1', 'worker-1', 'Reboot', '2026-11-30T10:00:07Z');
  ev('w0.3', 'worker-0', 'FailedToDrain', '2026-11-30T10:01:00Z');
  const events = await nodeEvents(cluster, 'worker-0');
  assert.deepEqual(
    events.map((e) => e.reason),
    ['FailedToDrain', 'Drain', 'Cordon'],
  );
  assert.equal(events[0]!.type, 'Warning');
});

test('the daemon pod of a node, and the tail of its log explained', async () => {
  const w1 = daemonPod('worker-1');
  assert.match(w1, /^machine-config-daemon-[a-z0-9]{5}$/);
  assert.equal(await daemonPodOf(cluster, 'worker-1'), w1);
  assert.equal(await daemonPodOf(cluster, 'no-such-node'), null);
  const img = `quay.io/my-org/rhcos-layered@sha256:${'c'.repeat(64)}`;
  sim.logs.write(MCO_NS, w1, 'machine-config-daemon', 'I1130 10:00:00 update.go:2600] Updating OS to layered OS image');
  sim.logs.write(
    MCO_NS,
    w1,
    'machine-config-daemon',
    `E1130 10:00:09 writer.go:226] Marking Degraded due to: Failed to update OS to ${img} after retries: error running rpm-ostree rebase ` +
      `--experimental ostree-unverified-registry:${img}: reading manifest sha256:${'c'.repeat(64)} in quay.io/my-org/rhcos-layered: manifest unknown`,
  );
  const log = await daemonLogTail(cluster, w1, 200);
  assert.match(log.at(-1)!, /manifest unknown$/);
  const e = explainNode({ node: 'worker-1', pool: 'worker', reason: '', log, daemonPod: w1 });
  assert.equal(e.id, 'manifest-unknown');
  assert.equal(e.command, `skopeo inspect --authfile <pull-secret.json> docker://${img}`);
});

test('Show Daemon Log follows the log through a cut connection: resumed with sinceTime, every line once, in order', async () => {
  const proxy = await startFaultProxy(sim.url, sim.tls!);
  const proxied = path.join(dir, 'proxied');
  fs.writeFileSync(proxied, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/server: \S+/, `server: ${proxy.url}`));
  const c = await Cluster.connect({ explicit: proxied });
  const pod = daemonPod('worker-0');
  const write = (t: string) => sim.logs.write(MCO_NS, pod, 'machine-config-daemon', t);
  const lines: string[] = [];
  const status: string[] = [];
  // Only this test's lines: the daemon's own start-up lines come first.
  const f = new DaemonLogFollower(
    c,
    'worker-0',
    { line: (t) => t.startsWith('line ') && lines.push(t), status: (t) => status.push(t) },
    { minBackoffMs: 100 },
  );
  try {
    write('line 1');
    f.start();
    await until('the first line', () => lines.length === 1);
    write('line 2');
    write('line 3');
    await until('lines 2 and 3', () => lines.length === 3);
    await proxy.fault('cut', 0);
    write('line 4 (while cut)');
    await until('the reconnect', () => f.stats.connects >= 2);
    write('line 5');
    await until('line 5', () => lines.includes('line 5'));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(lines, ['line 1', 'line 2', 'line 3', 'line 4 (while cut)', 'line 5']);
    assert.ok(
      status.some((s) => /resumed from \d{4}-/.test(s)),
      status.join('\n'),
    );
  } finally {
    f.stop();
    c.close();
    await proxy.stop();
  }
});

test('a cluster that serves no MachineConfigNodes: the phase source says so once and stops, rows keep the annotations', async () => {
  const before = sim.requests();
  const changed: string[][] = [];
  const src = new McnSource(cluster, (n) => changed.push(n)).start();
  try {
    await until('the served check', () => src.served !== undefined);
    assert.equal(src.served, false);
    const after = sim.requests();
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(sim.requests(), after, 'no request after it knows');
    assert.ok(after - before <= 2, `${after - before} requests: v1 then v1alpha1`);
    assert.deepEqual(changed, []);
    assert.equal(await readMcn(cluster, 'worker-0'), null);
  } finally {
    src.stop();
  }
});

test('gather reads Events, the daemon pod and its log for the explainer; a drain blocked by a PodDisruptionBudget is found', async () => {
  sim.store.create('events', {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'w0.pdb', namespace: 'default' },
    involvedObject: { kind: 'Node', name: 'worker-0' },
    reason: 'FailedToDrain',
    message: `error when evicting pods/"web-0" -n "shop" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    type: 'Warning',
    lastTimestamp: '2026-11-30T10:02:00Z',
  });
  const { findings, missing } = await gather(cluster, { node: 'worker-0', pool: 'worker', reason: '', poolMessages: [] });
  assert.deepEqual(missing, []);
  assert.equal(findings.daemonPod, daemonPod('worker-0'));
  assert.equal(findings.events![0]!.reason, 'FailedToDrain');
  assert.ok(findings.log!.includes('line 5'));
  const e = explainNode(findings);
  assert.equal(e.id, 'drain-pdb');
  assert.equal(e.evidence?.where, 'Event');
  assert.equal(e.command, 'oc get pdb -A');
});

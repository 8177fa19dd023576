/** client/src/cluster against the cluster simulator over HTTPS: kubeconfig, apply, watch, errors, the rollout model. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { Cluster } from '../../client/src/cluster/cluster';
import type { Kind } from '../../client/src/cluster/cluster';
import { kubeconfigFiles, loadKubeconfig } from '../../client/src/cluster/kubeconfig';
import { commitApply, layerMachineConfig, osImageReport, planApply } from '../../client/src/cluster/apply';
import { checkDigestRef } from '../../common/imageRef';
import { ResourceWatcher } from '../../client/src/cluster/watcher';
import { RolloutModel } from '../../client/src/cluster/rollout';
import { startFaultProxy } from '../harness/faultProxy';
import type { Change } from '../../client/src/cluster/rollout';

const IMAGE = 'quay.io/example/layered@sha256:' + 'a'.repeat(64);
let sim: Simulator;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-cluster-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 20 }));
});

after(async () => {
  await sim.stop();
});

const src = () => ({ explicit: sim.kubeconfig });
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

test('kubeconfig: KUBECONFIG paths merge as kubectl merges them; a missing file says what to do', async () => {
  const second = path.join(dir, 'second');
  fs.writeFileSync(
    second,
    'apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster: {server: "https://127.0.0.1:9"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: other-ctx\n  context: {cluster: other, user: u}\ncurrent-context: other-ctx\n',
  );
  const env = { KUBECONFIG: [sim.kubeconfig, path.join(dir, 'absent'), second].join(path.delimiter) };
  assert.deepEqual(kubeconfigFiles({ env }).files, [sim.kubeconfig, second]);
  const kc = await loadKubeconfig({ env });
  assert.deepEqual(
    kc.contexts.map((c) => c.name),
    ['rhcos-layering-sim', 'other-ctx'],
  );
  assert.equal(kc.currentContext, 'rhcos-layering-sim', 'the first file that sets current-context wins');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-home-'));
  await assert.rejects(
    loadKubeconfig({ env: {}, home }),
    /No kubeconfig found \(looked in ~\/\.kube\/config\)\. Log in with `oc login`, set KUBECONFIG, or set rhcosLayering\.kubeconfig\./,
  );
  await assert.rejects(loadKubeconfig({ explicit: path.join(dir, 'nope') }), /rhcosLayering\.kubeconfig does not exist/);
});

test('401, 403, unreachable and TLS failures each say what happened and what to do', async () => {
  const text = fs.readFileSync(sim.kubeconfig, 'utf8');
  const write = (name: string, t: string) => (fs.writeFileSync(path.join(dir, name), t), { explicit: path.join(dir, name) });
  const expired = await Cluster.connect(write('expired', text.replace(/token: \S+/, 'token: sha256~expired')));
  await assert.rejects(
    expired.list('machineconfigpools'),
    /credentials of context "rhcos-layering-sim" were rejected \(401 Unauthorized\): the token has expired or is invalid\. Log in again with `oc login https:\/\/127\.0\.0\.1:\d+`/,
  );
  const readonly = await Cluster.connect({ explicit: `${sim.kubeconfig}.readonly` });
  assert.equal((await readonly.list('machineconfigpools')).items.length, 2, 'a read-only user can list');
  await assert.rejects(
    readonly.create(layerMachineConfig('worker', IMAGE), true),
    /Forbidden \(403\): the user of context "rhcos-layering-sim" may not create machineconfigs/,
  );
  const down = await Cluster.connect(write('down', text.replace(/server: \S+/, 'server: https://127.0.0.1:9')));
  await assert.rejects(down.list('nodes'), /Cannot reach the API server at https:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  const noCa = await Cluster.connect(write('noca', text.replace(/ {4}certificate-authority-data: \S+\n/, '')));
  await assert.rejects(noCa.list('nodes'), /TLS verification of https:\/\/127\.0\.0\.1:\d+ failed .*verification is never turned off/);
});

test('apply: the dry run creates nothing, create then update, and a change in between is a 409 conflict', async () => {
  const c = await Cluster.connect(src());
  const mc = layerMachineConfig('worker', IMAGE, 'os-layer-apply-test');
  const plan = await planApply(c, mc);
  assert.equal(plan.existing, null);
  assert.equal(await c.get('machineconfigs', 'os-layer-apply-test'), null, 'dryRun=All stored nothing');
  assert.equal((await commitApply(c, plan)).action, 'created');
  const again = await planApply(c, layerMachineConfig('worker', IMAGE.replace(/a{64}/, 'b'.repeat(64)), 'os-layer-apply-test'));
  assert.ok(again.existing);
  sim.store.mutate('machineconfigs', 'os-layer-apply-test', (o) => ((o.metadata.annotations = { touched: 'by someone else' }), o));
  await assert.rejects(
    commitApply(c, again),
    (e: Error & { kind?: string }) => e.kind === 'conflict' && /Conflict \(409\)/.test(e.message),
  );
  const reread = await planApply(c, layerMachineConfig('worker', IMAGE.replace(/a{64}/, 'b'.repeat(64)), 'os-layer-apply-test'));
  assert.equal((await commitApply(c, reread)).action, 'updated');
  await c.delete('os-layer-apply-test');
});

test('osImageURL: the last MachineConfig by name wins; digest references are checked', () => {
  const pool = {
    metadata: { name: 'worker' },
    spec: { machineConfigSelector: { matchLabels: { 'machineconfiguration.openshift.io/role': 'worker' } } },
  };
  const existing = [layerMachineConfig('worker', IMAGE, 'zz-hotfix'), layerMachineConfig('master', IMAGE, 'zz-master')];
  const r = osImageReport(pool, existing, layerMachineConfig('worker', IMAGE));
  assert.deepEqual(r, { winner: 'zz-hotfix', others: [{ name: 'zz-hotfix', osImageURL: IMAGE }] });
  assert.equal(checkDigestRef(IMAGE), null);
  assert.match(checkDigestRef('quay.io/example/layered:latest')!, /A tag can move/);
  assert.match(checkDigestRef('quay.io/example/layered@sha256:abc')!, /64 lowercase hex/);
});

function feed(c: Cluster, model: RolloutModel, onChange: (ch: Change) => void, opts = {}): ResourceWatcher[] {
  return (['machineconfigpools', 'machineconfigs', 'nodes'] as Kind[]).map((k) =>
    new ResourceWatcher(
      c,
      k,
      {
        onList: (kind, items) => onChange(model.list(kind, items)),
        onEvent: (kind, type, o) => onChange(model.event(kind, type, o)),
      },
      opts,
    ).start(),
  );
}

test('a watch survives a forced 410: it relists and keeps delivering events', async () => {
  const c = await Cluster.connect(src());
  const model = new RolloutModel();
  const w = new ResourceWatcher(
    c,
    'nodes',
    { onList: (k, items) => model.list(k, items), onEvent: (k, t, o) => model.event(k, t, o) },
    { timeoutSeconds: 1, minBackoffMs: 50 },
  ).start();
  try {
    await until('the first list', () => model.nodes.size === 6);
    sim.store.mutate('nodes', 'worker-0', (n) => ((n.metadata.labels = { ...n.metadata.labels, first: 'yes' }), n));
    // Compacting makes the watch's resourceVersion too old, so its next resume (each second) gets
    // 410. Keep compacting until then, so that a bookmark in between cannot refresh it.
    await until(
      'a relist after 410',
      () => {
        sim.store.compact();
        return w.stats.expired >= 1 && w.stats.lists >= 2;
      },
      10_000,
    );
    sim.store.mutate('nodes', 'worker-1', (n) => ((n.metadata.labels = { ...n.metadata.labels, second: 'yes' }), n));
    await until('an event after the relist', () => model.nodes.get('worker-1')?.metadata.labels?.['second'] === 'yes');
    assert.equal(model.nodes.get('worker-0')?.metadata.labels?.['first'], 'yes');
  } finally {
    w.stop();
  }
});

test('a watch that breaks inside an event resumes from the last version: the event comes again, without a list', async () => {
  const proxy = await startFaultProxy(sim.url, sim.tls!);
  const proxied = path.join(dir, 'proxied');
  fs.writeFileSync(proxied, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/server: \S+/, `server: ${proxy.url}`));
  const c = await Cluster.connect({ explicit: proxied });
  const model = new RolloutModel();
  const w = new ResourceWatcher(c, 'nodes', {
    onList: (k, items) => model.list(k, items),
    onEvent: (k, t, o) => model.event(k, t, o),
  }).start();
  try {
    await until('the first list', () => model.nodes.size === 6);
    await until('the watch open', () => w.stats.watches === 1);
    await wait(200);
    // The proxy cuts each MODIFIED line in half for 300 ms, and the stream goes on.
    const fault = proxy.fault('truncate', 300);
    await wait(50);
    sim.store.mutate('nodes', 'worker-2', (n) => ((n.metadata.labels = { ...n.metadata.labels, broken: 'once' }), n));
    await fault;
    await until('the event delivered again', () => model.nodes.get('worker-2')?.metadata.labels?.['broken'] === 'once', 10_000);
    assert.deepEqual([w.stats.lists, w.stats.resumes, w.stats.relists], [1, 1, 0], 'one list, one resume, no relist');
  } finally {
    w.stop();
    await proxy.stop();
  }
});

test('the rollout model through a whole rollout: Working, Rebooting, Done, and Updated at the end', async () => {
  const c = await Cluster.connect(src());
  const model = new RolloutModel();
  const seen = new Map<string, string[]>();
  const transitions: string[] = [];
  const ws = feed(c, model, (ch) => {
    for (const n of ch.nodes) {
      const v = model.node(n);
      const s = `${v?.state}${v?.cordoned ? '+cordoned' : ''}`;
      const list = seen.get(n) ?? [];
      if (list[list.length - 1] !== s) list.push(s);
      seen.set(n, list);
    }
    transitions.push(...ch.transitions.map((t) => `${t.pool} ${t.to}`));
  });
  try {
    // Let earlier tests' rollouts settle, then follow this one from the start.
    await until(
      'a settled worker pool',
      () =>
        model.pool('worker')?.state === 'Updated' &&
        model
          .nodesOf('worker')
          .every((n) => model.node(n)!.state === 'Done' && model.node(n)!.currentConfig === model.pool('worker')!.target),
    );
    const before = model.pool('worker')!.target;
    seen.clear();
    for (const n of model.nodesOf('worker')) seen.set(n, ['Done']);
    transitions.length = 0;
    await commitApply(c, await planApply(c, layerMachineConfig('worker', IMAGE)));
    await until(
      'worker updated',
      () => transitions.includes('worker Updated') && model.pool('worker')!.target !== before && model.pool('worker')!.updated === 3,
    );
    const pool = model.pool('worker')!;
    assert.deepEqual([pool.total, pool.updated, pool.state], [3, 3, 'Updated']);
    assert.deepEqual(seen.get('worker-0'), ['Done', 'Working+cordoned', 'Rebooting+cordoned', 'Done']);
    const n = model.node('worker-2')!;
    assert.equal(n.currentImage, IMAGE);
    assert.equal(n.currentConfig, pool.target);
    assert.deepEqual(
      model.machineConfigsOf('worker').map((m) => `${m.name} ${m.osImageURL ?? '-'} ${m.ours}`),
      ['00-worker - false', `os-layer-worker ${IMAGE} true`],
    );
    assert.deepEqual(model.nodesOf('master'), ['master-0', 'master-1', 'master-2']);
  } finally {
    for (const w of ws) w.stop();
  }
});

test('the rollout model through a degraded rollout: the node says why, the pool turns Degraded', async () => {
  const c = await Cluster.connect(src());
  const model = new RolloutModel();
  const transitions: string[] = [];
  const ws = feed(c, model, (ch) => transitions.push(...ch.transitions.map((t) => `${t.pool} ${t.to}: ${t.message}`)));
  try {
    await until('the pools', () => model.pools.size === 2);
    await commitApply(c, await planApply(c, layerMachineConfig('master', 'quay.io/example/layered:latest', 'os-layer-master')));
    const t = await until('master degraded', () => transitions.find((x) => x.startsWith('master Degraded')));
    assert.match(t, /Node master-\d is reporting: "failed to update OS to quay\.io\/example\/layered:latest/);
    const node = model
      .nodesOf('master')
      .map((n) => model.node(n)!)
      .find((n) => n.state === 'Degraded')!;
    assert.match(node.reason, /manifest unknown/);
    // Roll back: deleting the MachineConfig takes the pool back to the base image.
    await c.delete('os-layer-master');
    await until('master back to Updated', () => model.pool('master')?.state === 'Updated', 60_000);
  } finally {
    for (const w of ws) w.stop();
  }
});

test('the API server goes away: the watch reports disconnected with the URL, backs off, and resumes when it is back', async () => {
  const kc = path.join(dir, 'restart-kubeconfig');
  const opts = options({ kubeconfig: kc, insecure: true, token: 'fixed-token-for-restart', speed: 20 });
  let s1 = await startSimulator(opts);
  const port = Number(new URL(s1.url).port);
  const c = await Cluster.connect({ explicit: kc });
  const model = new RolloutModel();
  const states: string[] = [];
  const w = new ResourceWatcher(
    c,
    'machineconfigpools',
    {
      onList: (k, items) => model.list(k, items),
      onEvent: (k, t, o) => model.event(k, t, o),
      onState: (_k, st) => states.push(st.state === 'disconnected' ? `disconnected ${st.retryInMs} ${st.message}` : st.state),
    },
    { minBackoffMs: 100, maxBackoffMs: 400, floorMs: 20 },
  ).start();
  try {
    await until('connected', () => model.pools.size === 2);
    await s1.stop();
    await until('three retries', () => states.filter((x) => x.startsWith('disconnected')).length >= 4);
    const down = states.filter((x) => x.startsWith('disconnected'));
    // The open watch breaks first (a reset or a closed stream, whichever the socket sees), then connecting is refused.
    assert.match(
      down[0]!,
      new RegExp(
        `^disconnected \\d+ (The connection to the API server at http://127\\.0\\.0\\.1:${port} closed while trying to watch machineconfigpools; reconnecting\\.|Cannot reach the API server at http://127\\.0\\.0\\.1:${port} \\(ECONNRESET\\))`,
      ),
    );
    assert.match(
      down[1]!,
      new RegExp(`^disconnected \\d+ Cannot reach the API server at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`),
    );
    // Exponential backoff with jitter: each wait is between half and all of 100, 200, 400 ms (the cap).
    const delays = down.slice(0, 4).map((x) => Number(x.split(' ')[1]));
    [100, 200, 400, 400].forEach((base, i) => assert.ok(delays[i]! >= base / 2 && delays[i]! <= base, `wait ${i}: ${delays[i]} ms`));
    s1 = await startSimulator({ ...opts, port });
    s1.store.mutate('machineconfigpools', 'worker', (p) => ((p.metadata.labels = { ...p.metadata.labels, back: 'yes' }), p));
    await until("the new server's pools", () => model.pools.get('worker')?.metadata.labels?.['back'] === 'yes');
    assert.equal(states[states.length - 1], 'connected');
  } finally {
    w.stop();
    await s1.stop();
  }
});

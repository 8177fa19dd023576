/** The cluster simulator against real kubectl, raw HTTPS and @kubernetes/client-node. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options, Simulator } from '../harness/cluster-sim/main';

const ANN = 'machineconfiguration.openshift.io/';
const DIGEST_IMAGE = 'quay.io/example/rhcos-custom@sha256:' + '1'.repeat(64);
let sim: Simulator;
let dir: string;
let kc: string;
let token: string;
let ca: Buffer;

/** Runs kubectl without blocking this process, which serves the API it talks to. */
function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { encoding: 'utf8', timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function kubectl(...args: string[]): Promise<string> {
  const r = await run(['--kubeconfig', kc, ...args]);
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function request(
  method: string,
  p: string,
  body?: unknown,
  headers: Record<string, string> = {},
  tok = token,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(p, sim.url);
  const text = body === undefined ? undefined : JSON.stringify(body);
  // Node sends no chunked body on DELETE: the length has to be given.
  const length: Record<string, string> = text === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(text)) };
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, ca, headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json', ...length, ...headers } },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : {} }));
      },
    );
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

function mc(name: string, image: string): string {
  const f = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    f,
    `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: ${name}\n  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n  osImageURL: ${image}\n`,
  );
  return f;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-test-'));
  kc = path.join(dir, 'kubeconfig');
  sim = await startSimulator(options({ kubeconfig: kc, speed: 20 }));
  const text = fs.readFileSync(kc, 'utf8');
  token = /token: (\S+)/.exec(text)![1]!;
  ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(text)![1]!, 'base64');
});

after(async () => {
  await sim.stop();
});

test('kubectl get mcp and get nodes over HTTPS with the written kubeconfig', async () => {
  assert.deepEqual((await kubectl('get', 'mcp', '-o', 'name')).trim().split('\n'), [
    'machineconfigpool.machineconfiguration.openshift.io/master',
    'machineconfigpool.machineconfiguration.openshift.io/worker',
  ]);
  assert.deepEqual((await kubectl('get', 'nodes', '-o', 'name')).trim().split('\n'), [
    'node/master-0',
    'node/master-1',
    'node/master-2',
    'node/worker-0',
    'node/worker-1',
    'node/worker-2',
  ]);
  assert.match(await kubectl('get', 'mc'), /rendered-worker-[0-9a-f]{32}/);
  // Server-side printing: the columns `oc get mcp` and `oc get nodes` show.
  const mcp = (await kubectl('get', 'mcp')).split('\n');
  assert.deepEqual(mcp[0]!.split(/\s+/), [
    'NAME',
    'CONFIG',
    'UPDATED',
    'UPDATING',
    'DEGRADED',
    'MACHINECOUNT',
    'READYMACHINECOUNT',
    'UPDATEDMACHINECOUNT',
    'DEGRADEDMACHINECOUNT',
    'AGE',
  ]);
  assert.match(mcp[2]!, /^worker\s+rendered-worker-[0-9a-f]{32}\s+True\s+False\s+False\s+3\s+3\s+3\s+0\s+\d+s$/);
  assert.match((await kubectl('get', 'nodes')).split('\n')[1]!, /^master-0\s+Ready\s+master\s+\d+s\s+v1\.29\.0$/);
  const cm = JSON.parse(
    await kubectl('get', 'configmap', '-n', 'openshift-machine-config-operator', 'machine-config-osimageurl', '-o', 'json'),
  );
  assert.match(cm.data.baseOSContainerImage, /@sha256:[0-9a-f]{64}$/);
});

test('kubectl apply an osImageURL MachineConfig, wait for the pool, and find the annotations', async () => {
  const before = await kubectl('get', 'mcp', 'worker', '-o', 'jsonpath={.spec.configuration.name}');
  assert.match(
    await kubectl('apply', '--validate=false', '-f', mc('os-layer-custom', DIGEST_IMAGE)),
    /machineconfig.machineconfiguration.openshift.io\/os-layer-custom created/,
  );
  // The pool gets a new rendered config; waiting for it (not for the brief Updating window, which a
  // loaded machine can miss at speed 20) and then for the pool to reach it.
  let renderedTarget = before;
  for (let i = 0; i < 300 && renderedTarget === before; i++) {
    await new Promise((r) => setTimeout(r, 100));
    renderedTarget = await kubectl('get', 'mcp', 'worker', '-o', 'jsonpath={.spec.configuration.name}');
  }
  assert.notEqual(renderedTarget, before, 'the worker pool got a new rendered config');
  await kubectl('wait', `--for=jsonpath={.status.configuration.name}=${renderedTarget}`, 'mcp/worker', '--timeout=60s');
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', '--timeout=60s');
  const pool = JSON.parse(await kubectl('get', 'mcp', 'worker', '-o', 'json'));
  const target = pool.spec.configuration.name;
  assert.equal(pool.status.configuration.name, target);
  assert.deepEqual(
    [
      pool.status.machineCount,
      pool.status.updatedMachineCount,
      pool.status.readyMachineCount,
      pool.status.unavailableMachineCount,
      pool.status.degradedMachineCount,
    ],
    [3, 3, 3, 0, 0],
  );
  const nodes = JSON.parse(await kubectl('get', 'nodes', '-l', 'node-role.kubernetes.io/worker', '-o', 'json')).items;
  assert.equal(nodes.length, 3);
  for (const n of nodes) {
    assert.equal(n.metadata.annotations[`${ANN}currentConfig`], target);
    assert.equal(n.metadata.annotations[`${ANN}desiredConfig`], target);
    assert.equal(n.metadata.annotations[`${ANN}currentImage`], DIGEST_IMAGE);
    assert.equal(n.metadata.annotations[`${ANN}state`], 'Done');
    assert.ok(!n.spec.unschedulable);
  }
  const rendered = JSON.parse(await kubectl('get', 'mc', target, '-o', 'json'));
  assert.equal(rendered.spec.osImageURL, DIGEST_IMAGE);
  const masters = JSON.parse(await kubectl('get', 'nodes', '-l', 'node-role.kubernetes.io/master', '-o', 'json')).items;
  assert.ok(
    masters.every(
      (n: { metadata: { annotations: Record<string, string> } }) => n.metadata.annotations[`${ANN}currentImage`] !== DIGEST_IMAGE,
    ),
  );
});

test('an image the registry does not have degrades the node like MCO; deleting the MachineConfig rolls back', async () => {
  await kubectl('apply', '--validate=false', '-f', mc('os-layer-custom', 'quay.io/example/rhcos-custom:latest'));
  await kubectl('wait', '--for=condition=NodeDegraded', 'mcp/worker', '--timeout=60s');
  const pool = JSON.parse(await kubectl('get', 'mcp', 'worker', '-o', 'json'));
  const nd = pool.status.conditions.find((c: { type: string }) => c.type === 'NodeDegraded');
  assert.equal(nd.reason, '1 nodes are reporting degraded status on sync');
  assert.match(
    nd.message,
    /Node worker-0 is reporting: "failed to update OS to quay\.io\/example\/rhcos-custom:latest: .*manifest unknown"/,
  );
  assert.equal(pool.status.degradedMachineCount, 1);
  await kubectl('delete', 'mc', 'os-layer-custom');
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', '--timeout=60s');
  const nodes = JSON.parse(await kubectl('get', 'nodes', '-l', 'node-role.kubernetes.io/worker', '-o', 'json')).items;
  for (const n of nodes) {
    assert.match(n.metadata.annotations[`${ANN}currentImage`], /^quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:/);
    assert.equal(n.metadata.annotations[`${ANN}state`], 'Done');
  }
});

test('auth: a bad token is 401, the read-only token may read but not write (403)', async () => {
  const bad = await run(['--kubeconfig', kc, '--token', 'wrong', 'get', 'nodes']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /Unauthorized/);
  const ro = `${kc}.readonly`;
  assert.match((await run(['--kubeconfig', ro, 'get', 'mcp', '-o', 'name'])).stdout, /worker/);
  const w = await run(['--kubeconfig', ro, 'delete', 'mcp', 'worker']);
  assert.match(w.stderr, /Forbidden.*User "readonly" cannot delete resource "machineconfigpools"/);
});

test('DELETE honours DeleteOptions.preconditions (UID, resourceVersion) as the API server does: 409 and nothing deleted', async () => {
  const MCS = '/apis/machineconfiguration.openshift.io/v1/machineconfigs';
  const created = await request('POST', MCS, {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: 'precond', labels: { [`${ANN}role`]: 'worker' } },
    spec: { kernelArguments: ['nosmt'] },
  });
  const meta = created.json['metadata'] as { uid: string; resourceVersion: string };
  const del = (preconditions: object) => request('DELETE', `${MCS}/precond`, { kind: 'DeleteOptions', apiVersion: 'v1', preconditions });
  const uid = await del({ uid: 'not-the-uid' });
  assert.equal(uid.status, 409, JSON.stringify(uid.json));
  assert.equal(uid.json['reason'], 'Conflict');
  assert.equal(
    uid.json['message'],
    `Operation cannot be fulfilled on machineconfigs.machineconfiguration.openshift.io "precond": Precondition failed: UID ` +
      `in precondition: not-the-uid, UID in object meta: ${meta.uid}`,
  );
  const rv = await del({ uid: meta.uid, resourceVersion: '1' });
  assert.equal(rv.status, 409);
  assert.match(String(rv.json['message']), /Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: \d+$/);
  // kubectl sends the same DeleteOptions with delete --raw -f.
  const opts = path.join(dir, 'delete-options.json');
  fs.writeFileSync(opts, JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'other' } }));
  const k = await run(['--kubeconfig', kc, 'delete', '--raw', `${MCS}/precond`, '-f', opts]);
  assert.notEqual(k.status, 0);
  assert.match(k.stderr, /Precondition failed: UID in precondition: other/);
  assert.equal((await request('GET', `${MCS}/precond`)).status, 200, 'still there');
  assert.equal((await del({ uid: meta.uid, resourceVersion: meta.resourceVersion })).status, 200);
  assert.equal((await request('GET', `${MCS}/precond`)).status, 404);
});

test('dryRun=All, 409 on a stale resourceVersion, 422 for a bad kernelType, 404, merge and JSON patch', async () => {
  const obj = {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: 'dry', labels: { [`${ANN}role`]: 'worker' } },
    spec: { kernelArguments: ['nosmt'] },
  };
  const dry = await request('POST', '/apis/machineconfiguration.openshift.io/v1/machineconfigs?dryRun=All', obj);
  assert.equal(dry.status, 201);
  assert.equal((await request('GET', '/apis/machineconfiguration.openshift.io/v1/machineconfigs/dry')).status, 404);
  const bad = await request('POST', '/apis/machineconfiguration.openshift.io/v1/machineconfigs', {
    ...obj,
    metadata: { name: 'bad' },
    spec: { kernelType: 7 },
  });
  assert.equal(bad.status, 422);
  assert.match(String(bad.json['message']), /spec\.kernelType in body must be of type string/);
  const created = await request('POST', '/apis/machineconfiguration.openshift.io/v1/machineconfigs', obj);
  assert.equal(created.status, 201);
  const stale = { ...created.json, metadata: { ...(created.json['metadata'] as object), resourceVersion: '1' } };
  const conflict = await request('PUT', '/apis/machineconfiguration.openshift.io/v1/machineconfigs/dry', stale);
  assert.equal(conflict.status, 409);
  assert.equal(conflict.json['reason'], 'Conflict');
  const merged = await request(
    'PATCH',
    '/apis/machineconfiguration.openshift.io/v1/machineconfigs/dry',
    { spec: { kernelArguments: ['nosmt', 'quiet'] } },
    { 'Content-Type': 'application/merge-patch+json' },
  );
  assert.deepEqual((merged.json['spec'] as { kernelArguments: string[] }).kernelArguments, ['nosmt', 'quiet']);
  const jp = await request(
    'PATCH',
    '/apis/machineconfiguration.openshift.io/v1/machineconfigs/dry',
    [{ op: 'add', path: '/spec/kernelArguments/-', value: 'x' }],
    { 'Content-Type': 'application/json-patch+json' },
  );
  assert.deepEqual((jp.json['spec'] as { kernelArguments: string[] }).kernelArguments, ['nosmt', 'quiet', 'x']);
  assert.equal((await request('DELETE', '/apis/machineconfiguration.openshift.io/v1/machineconfigs/dry')).status, 200);
  const page = await request('GET', '/api/v1/nodes?limit=4');
  assert.equal((page.json['items'] as unknown[]).length, 4);
  const rest = await request('GET', `/api/v1/nodes?limit=4&continue=${(page.json['metadata'] as { continue: string }).continue}`);
  assert.equal((rest.json['items'] as unknown[]).length, 2);
});

/** Reads watch events until `stop` says enough, or the server ends the stream. */
function watchEvents(
  p: string,
  stop: (events: { type: string; object: Record<string, unknown> }[]) => boolean,
): Promise<{ type: string; object: Record<string, unknown> }[]> {
  const url = new URL(p, sim.url);
  return new Promise((resolve, reject) => {
    const events: { type: string; object: Record<string, unknown> }[] = [];
    const req = https.get(url, { ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let buf = '';
      res.on('data', (c) => {
        buf += c;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, nl)));
          buf = buf.slice(nl + 1);
          if (stop(events)) {
            req.destroy();
            resolve(events);
            return;
          }
        }
      });
      res.on('end', () => resolve(events));
    });
    req.on('error', (e) => (events.length ? resolve(events) : reject(e)));
  });
}

test('watch: resumes from a resourceVersion, filters by name, and answers 410 Expired after compaction', async () => {
  const list = await request('GET', '/api/v1/nodes');
  const rv = (list.json['metadata'] as { resourceVersion: string }).resourceVersion;
  const pending = watchEvents(
    `/api/v1/nodes?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3Dworker-1`,
    (e) => e.length >= 1,
  );
  await kubectl('annotate', 'node', 'worker-0', 'touched=yes', '--overwrite');
  await kubectl('annotate', 'node', 'worker-1', 'touched=yes', '--overwrite');
  const events = await pending;
  assert.deepEqual(
    events.map((e) => `${e.type} ${(e.object['metadata'] as { name: string }).name}`),
    ['MODIFIED worker-1'],
  );
  sim.store.compact();
  const gone = await watchEvents(`/api/v1/nodes?watch=true&resourceVersion=${rv}`, () => false);
  assert.equal(gone.length, 1);
  assert.equal(gone[0]!.type, 'ERROR');
  assert.deepEqual([gone[0]!.object['code'], gone[0]!.object['reason']], [410, 'Expired']);
});

test(
  '@kubernetes/client-node: list, a watch from a compacted resourceVersion gets 410, relist and watch again',
  { timeout: 30_000 },
  async () => {
    const k8s = await import('@kubernetes/client-node');
    const config = new k8s.KubeConfig();
    config.loadFromFile(kc);
    const core = config.makeApiClient(k8s.CoreV1Api);
    const nodes = await core.listNode();
    assert.equal(nodes.items.length, 6);
    const oldRv = nodes.metadata!.resourceVersion!;
    await kubectl('annotate', 'node', 'worker-2', 'touched=again', '--overwrite');
    sim.store.compact();
    const watch = new k8s.Watch(config);
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      watch
        .watch(
          '/api/v1/nodes',
          { resourceVersion: oldRv },
          (type, obj) => events.push(`${type} ${(obj as { code?: number }).code ?? ''}`),
          (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('watch failed', { cause: err })) : resolve()),
        )
        .catch(reject);
    });
    assert.deepEqual(events, ['ERROR 410']);
    const fresh = await core.listNode();
    const seen: string[] = [];
    // The server ends this watch after 2 s (timeoutSeconds), which also ends client-node's request.
    const ended = new Promise<void>((resolve) => {
      void watch.watch(
        '/api/v1/nodes',
        { resourceVersion: fresh.metadata!.resourceVersion!, timeoutSeconds: 2 },
        (type, obj) => seen.push(`${type} ${(obj as { metadata: { name: string } }).metadata.name}`),
        () => resolve(),
      );
    });
    await new Promise((r) => setTimeout(r, 200));
    await kubectl('annotate', 'node', 'worker-1', 'touched=twice', '--overwrite');
    await ended;
    assert.ok(seen.includes('MODIFIED worker-1'), seen.join(', '));
  },
);

/**
 * Preflight before applying an image: each failure a user can hit gets a clear message and a fix,
 * and the cluster's pull secret is read for its hosts only. The registry check runs the real skopeo.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { Cluster } from '../../client/src/cluster/cluster';
import type { Obj } from '../../client/src/cluster/cluster';
import { authKeys, clusterPullSecretKeys, covers, inspectImage, preflightChecks, registryHost } from '../../client/src/cluster/preflight';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const IMG = `quay.io/my-org/rhcos-layered@${DIGEST}`;
const pool = (conds: Record<string, string> = { Updated: 'True' }, stream?: string): Obj => ({
  metadata: { name: 'worker' },
  spec: { ...(stream ? { osImageStream: { name: stream } } : {}) },
  status: {
    conditions: Object.entries(conds).map(([type, status]) => ({
      type,
      status,
      message: type === 'NodeDegraded' ? 'Node worker-1 is reporting: "manifest unknown"' : '',
    })),
  },
});
const found = (labels: Record<string, string> = {}) => ({ digest: DIGEST, labels });
const byId = (checks: ReturnType<typeof preflightChecks>) => Object.fromEntries(checks.map((c) => [c.id, c]));

test('all good: digest served, host in the pull secret, pool updated, same stream', () => {
  const c = byId(
    preflightChecks({
      image: IMG,
      pool: pool({ Updated: 'True' }, 'rhel-9'),
      clusterKeys: ['quay.io'],
      inspected: found({ 'io.openshift.os.streamclass': 'rhel-9' }),
    }),
  );
  assert.deepEqual(
    Object.values(c).map((x) => x.status),
    ['ok', 'ok', 'ok', 'ok'],
  );
});

test('each failure says what is wrong and how to fix it', () => {
  const c = byId(
    preflightChecks({
      image: IMG,
      pool: pool({ NodeDegraded: 'True' }, 'rhel-9'),
      clusterKeys: ['registry.redhat.io', 'cloud.openshift.com'],
      inspected: found({ 'io.openshift.os.streamclass': 'rhel-10' }),
    }),
  );
  assert.equal(c['pull-secret']!.status, 'failed');
  assert.match(c['pull-secret']!.message, /has no credentials for quay\.io/);
  assert.match(c['pull-secret']!.fix!, /oc set data secret\/pull-secret -n openshift-config/);
  assert.equal(c['pool']!.status, 'failed');
  assert.match(c['pool']!.message, /Pool worker is degraded: Node worker-1 is reporting/);
  assert.equal(c['stream']!.status, 'failed');
  assert.match(c['stream']!.message, /rhel-10 base but pool worker is on rhel-9/);
});

test('a digest the registry does not know, and a different digest, fail with the push as the fix', () => {
  const gone = byId(
    preflightChecks({ image: IMG, pool: pool(), clusterKeys: ['quay.io'], inspected: { error: 'reading manifest: manifest unknown' } }),
  );
  assert.equal(gone['digest']!.status, 'failed');
  assert.match(gone['digest']!.fix!, /Push the image again/);
  const other = byId(
    preflightChecks({ image: IMG, pool: pool(), clusterKeys: ['quay.io'], inspected: { digest: `sha256:${'e'.repeat(64)}`, labels: {} } }),
  );
  assert.equal(other['digest']!.status, 'failed');
});

test('the internal registry needs no pull secret entry; an unreadable pull secret is skipped, not failed', () => {
  const internal = `image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os@${DIGEST}`;
  assert.equal(byId(preflightChecks({ image: internal, pool: pool(), clusterKeys: [], inspected: found() }))['pull-secret']!.status, 'ok');
  const forbidden = byId(preflightChecks({ image: IMG, pool: pool(), clusterKeys: { error: 'Forbidden (403)' }, inspected: found() }));
  assert.equal(forbidden['pull-secret']!.status, 'skipped');
});

test('auth keys: hosts, namespaced keys and docker.io spellings; values are never returned', () => {
  const keys = authKeys(
    JSON.stringify({
      auths: {
        'quay.io/my-org': { auth: 'c2VjcmV0' },
        'https://index.docker.io/v1/': { auth: 'c2VjcmV0' },
        'registry.example.com:5000': { auth: 'c2VjcmV0' },
      },
    }),
  );
  assert.deepEqual(keys, ['quay.io/my-org', 'docker.io', 'registry.example.com:5000']);
  assert.ok(covers(keys, IMG));
  assert.ok(!covers(keys, `quay.io/other/x@${DIGEST}`));
  assert.ok(covers(keys, 'library/fedora:40'));
  assert.ok(covers(keys, `registry.example.com:5000/a/b@${DIGEST}`));
  assert.deepEqual(authKeys('not json'), []);
  assert.equal(registryHost('fedora:40'), 'docker.io');
});

let dir: string;
let sim: Simulator;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-preflight-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: 1, master: 1 }, speed: 20 }));
});
after(async () => {
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the cluster's pull secret is read for its hosts only", async () => {
  const config = JSON.stringify({
    auths: { 'quay.io': { auth: 'dXNlcjpodW50ZXIy', email: 'x@example.com' }, 'registry.redhat.io': { auth: 'eA==' } },
  });
  sim.store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'pull-secret', namespace: 'openshift-config' },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': Buffer.from(config).toString('base64') },
  });
  const c = await Cluster.connect({ explicit: sim.kubeconfig });
  try {
    const keys = await clusterPullSecretKeys(c);
    assert.deepEqual(keys, ['quay.io', 'registry.redhat.io']);
    assert.ok(!JSON.stringify(keys).includes('dXNlcjpodW50ZXIy'));
  } finally {
    c.close();
  }
});

test('skopeo against a registry that does not answer: the digest is said to be unchecked, with the reason, not a crash', async () => {
  const r = await inspectImage(`127.0.0.1:1/nothing/here@${DIGEST}`, undefined, 30_000);
  assert.ok('error' in r);
  assert.match(r.error, /127\.0\.0\.1:1|connection refused|dial tcp/i);
  const c = byId(preflightChecks({ image: `127.0.0.1:1/nothing/here@${DIGEST}`, pool: pool(), clusterKeys: [], inspected: r }));
  assert.equal(c['digest']!.status, 'skipped');
  assert.match(c['digest']!.message, /was not checked/);
});

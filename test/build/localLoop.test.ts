/**
 * `npm start`'s local loop, without the editor: the start script's setup (scripts/localLoop.ts) gives
 * a registry and a stand-in base image; the example Containerfile builds FROM it with real podman,
 * pushes by digest, and applied to the simulator (whose base image is the stand-in) rolls the pool
 * out to that digest. No network beyond 127.0.0.1.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOOP_CONTAINERFILE, setUpLocalLoop, stateDir } from '../../scripts/localLoop';
import type { LocalLoop } from '../../scripts/localLoop';
import { build, push } from '../../client/src/build/builder';
import { which } from '../../client/src/build/tool';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { Cluster } from '../../client/src/cluster/cluster';
import { commitApply, layerMachineConfig, planApply } from '../../client/src/cluster/apply';

let dir: string;
let loop: LocalLoop;
let sim: Simulator | undefined;

before(async () => {
  dir = stateDir();
  loop = await setUpLocalLoop(dir);
});
after(async () => {
  await sim?.stop();
  await loop?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Build → Push → Apply to Pool → Rollout against the local registry, stand-in base and simulator', async () => {
  assert.equal(loop.problem, null);
  assert.match(loop.baseImage ?? '', /^127\.0\.0\.1:\d+\/rhcos-standin@sha256:[0-9a-f]{64}$/);
  const file = path.join(loop.workspace, LOOP_CONTAINERFILE);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(`FROM ${loop.baseImage}\n`), text);
  assert.ok(!/sha256:0{64}/.test(text), 'the all-zero example digest is gone');
  assert.ok(
    fs.readFileSync(path.join(__dirname, '..', '..', 'examples', LOOP_CONTAINERFILE), 'utf8').includes('sha256:' + '0'.repeat(64)),
    'the repository examples are untouched',
  );

  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 30, baseImage: loop.baseImage! }));
  const c = await Cluster.connect({ explicit: sim.kubeconfig });
  assert.equal(await c.baseImage(), loop.baseImage, "the cluster's base image is the stand-in");

  const engine = { tool: 'podman' as const, path: which('podman')!, env: { ...process.env, ...loop.env } };
  const tag = `${loop.registry}/layered:1`;
  const out: string[] = [];
  const b = await build(engine, { containerfile: file, context: path.dirname(file), tag }, { onLine: (l) => out.push(l) }).done;
  assert.equal(b.ok, true, `${b.explanation?.message}\n${out.slice(-20).join('\n')}`);
  assert.ok(out.includes('[stand-in rpm-ostree] install tree htop'), 'the RUN ran the stand-in rpm-ostree');
  const p = await push(engine, tag, undefined).done;
  if (!p.ok || !p.reference) return assert.fail(p.explanation?.message ?? 'no reference');
  assert.match(p.reference, /^127\.0\.0\.1:\d+\/layered@sha256:[0-9a-f]{64}$/);

  const plan = await planApply(c, layerMachineConfig('worker', p.reference));
  assert.equal((await commitApply(c, plan)).action, 'created');
  const end = Date.now() + 60_000;
  for (;;) {
    const nodes = (await c.list('nodes')).items.filter((n) => n.metadata.labels?.['node-role.kubernetes.io/worker'] === '');
    const images = nodes.map((n) => n.metadata.annotations?.['machineconfiguration.openshift.io/currentImage']);
    if (nodes.length && images.every((i) => i === p.reference)) break;
    if (Date.now() > end) assert.fail(`the worker pool did not roll out to ${p.reference}: ${images.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test('without podman and the registry tools it says what to install, and the workspace is still there', async () => {
  const other = stateDir();
  const said: string[] = [];
  const bare = await setUpLocalLoop(other, (l) => said.push(l), { PATH: path.join(other, 'no-bin') });
  try {
    assert.equal(bare.baseImage, null);
    assert.equal(bare.registry, null);
    assert.deepEqual(bare.env, {});
    assert.match(
      bare.problem ?? '',
      /^Build and Push will not work: podman, buildah, skopeo, docker-registry, openssl, htpasswd, busybox are not installed \(Debian: apt-get install podman buildah skopeo docker-registry openssl apache2-utils busybox\)\. The simulator and the editor start anyway\.$/,
    );
    assert.deepEqual(said, [bare.problem]);
    assert.ok(fs.readFileSync(path.join(bare.workspace, LOOP_CONTAINERFILE), 'utf8').includes('sha256:' + '0'.repeat(64)));
  } finally {
    await bare.stop();
    fs.rmSync(other, { recursive: true, force: true });
  }
});

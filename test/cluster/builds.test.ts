/**
 * Image-mode builds through the cluster module, against the simulator (OpenShift 4.19): the feed lists a
 * pool's MachineOSConfig and builds newest first with their phases and failure message, the log follower
 * streams a build's `image-build` log to its end, resumes through cut connections with every line exactly
 * once, and a failing STEP lands on the right line of the MachineOSConfig YAML.
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
import { Connector } from '../../client/src/cluster/connector';
import { BuildFeed } from '../../client/src/cluster/buildFeed';
import type { BuildView } from '../../client/src/cluster/builds';
import { followBuildLog } from '../../client/src/cluster/buildLog';
import { locateFailure, yamlPlace } from '../../client/src/cluster/buildProblems';

const NS = 'openshift-machine-config-operator';
const PUSH = 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest';
let sim: Simulator;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-builds-test-'));
  sim = await startSimulator(
    options({
      kubeconfig: path.join(dir, 'kubeconfig'),
      ocpVersion: '4.19',
      speed: 20,
      nodes: { master: 1, worker: 1, infra: 1 },
      missingPackages: ['nosuchpkg'],
    }),
  );
});
after(async () => {
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, f: () => T | undefined | null | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

function moscYaml(pool: string, content: string): string {
  return [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineOSConfig',
    'metadata:',
    `  name: ${pool}`,
    'spec:',
    '  machineConfigPool:',
    `    name: ${pool}`,
    '  imageBuilder:',
    '    imageBuilderType: Job',
    '  renderedImagePushSecret:',
    '    name: builder-dockercfg-sim7x',
    `  renderedImagePushSpec: ${PUSH}`,
    '  containerFile:',
    '  - containerfileArch: NoArch',
    '    content: |-',
    ...content.split('\n').map((l) => `      ${l}`),
    '',
  ].join('\n');
}

function applyMosc(pool: string, content: string, annotations?: Record<string, string>): void {
  const existing = sim.store.get('machineosconfigs', pool);
  const spec = {
    machineConfigPool: { name: pool },
    imageBuilder: { imageBuilderType: 'Job' },
    renderedImagePushSecret: { name: 'builder-dockercfg-sim7x' },
    renderedImagePushSpec: PUSH,
    containerFile: [{ containerfileArch: 'NoArch', content }],
  };
  if (existing)
    sim.store.mutate('machineosconfigs', pool, (m) => ({
      ...m,
      metadata: { ...m.metadata, annotations: { ...(m.metadata.annotations ?? {}), ...annotations } },
      spec,
    }));
  else
    sim.store.create('machineosconfigs', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineOSConfig',
      metadata: { name: pool, ...(annotations ? { annotations } : {}) },
      spec,
    });
}

const connector = () => new Connector(() => Cluster.connect({ explicit: sim.kubeconfig }));

test('a layered pool lists its builds newest first with their phases; a failed build says why, once', async () => {
  const finished: BuildView[] = [];
  const feed = new BuildFeed(connector(), { changed: (c) => finished.push(...c.finished), reset: () => undefined });
  try {
    await feed.start();
    assert.equal(feed.served, true, 'a 4.19 cluster serves machineosbuilds');
    assert.equal(feed.model.moscOf('worker'), undefined);
    assert.equal(feed.model.poolBuildState('worker'), undefined, 'a pool without a MOSC says nothing of builds');
    applyMosc('worker', 'FROM configs AS final\nRUN dnf install -y tree && \\\n    ostree container commit');
    await until(
      'the build is shown building',
      () => feed.model.poolBuildState('worker') === 'building' && feed.model.buildsOf('worker')[0],
    );
    const first = await until('the first build succeeded', () => feed.model.buildsOf('worker').find((b) => b.phase === 'Succeeded'));
    assert.equal(feed.model.poolBuildState('worker'), undefined, 'a succeeded build leaves the rollout progress to the pool row');
    assert.match(first.image ?? '', /@sha256:[0-9a-f]{64}$/);
    // An edit of the spec is a new build: it is listed first.
    applyMosc('worker', 'FROM configs AS final\nRUN dnf install -y nosuchpkg && \\\n    ostree container commit');
    const failed = await until(
      'the second build failed',
      () => feed.model.buildsOf('worker').find((b) => b.name !== first.name && b.phase === 'Failed'),
      90_000,
    );
    const list = feed.model.buildsOf('worker');
    assert.deepEqual(
      list.map((b) => [b.name, b.phase]),
      [
        [failed.name, 'Failed'],
        [first.name, 'Succeeded'],
      ],
    );
    assert.equal(feed.model.poolBuildState('worker'), 'build failed');
    assert.equal(failed.message, 'Build Failed', "the MOSB's Failed condition message");
    assert.deepEqual(
      finished.map((b) => [b.name, b.phase]),
      [
        [first.name, 'Succeeded'],
        [failed.name, 'Failed'],
      ],
      'each build is announced once, when it finishes',
    );
  } finally {
    feed.dispose();
  }
});

test('an older cluster (4.16) serves no v1 builds: no watches, nothing shown', async () => {
  const old = await startSimulator(options({ kubeconfig: path.join(dir, 'kc-416'), ocpVersion: '4.16' }));
  try {
    const feed = new BuildFeed(new Connector(() => Cluster.connect({ explicit: old.kubeconfig })), {
      changed: () => undefined,
      reset: () => undefined,
    });
    await feed.start();
    assert.equal(feed.served, false);
    assert.equal(feed.states.size, 0, 'no watch was started');
    feed.dispose();
  } finally {
    await old.stop();
  }
});

test('the log follows a build to its end, every attempt, each line as the pod wrote it', async () => {
  applyMosc('infra', 'FROM configs AS final\nRUN dnf install -y nosuchpkg');
  const mosb = await until('the infra build', () =>
    sim.store
      .list('machineosbuilds')
      .find((b) => b.metadata.labels?.['machineconfiguration.openshift.io/target-machine-config-pool'] === 'infra'),
  );
  const cluster = await Cluster.connect({ explicit: sim.kubeconfig });
  const got = new Map<string, string[]>();
  const r = await followBuildLog(
    cluster,
    mosb.metadata.name,
    {
      lines: (pod, l) => got.set(pod, [...(got.get(pod) ?? []), ...l]),
      status: () => undefined,
    },
    { pollMs: 100 },
  );
  cluster.close();
  assert.equal(r.phase, 'Failed');
  assert.equal(r.pods.length, 4, 'backoffLimit 3: four attempts, each followed');
  for (const pod of r.pods) {
    assert.equal((got.get(pod) ?? []).join('\n') + '\n', sim.logs.text(NS, pod, 'image-build'), `the log of ${pod}`);
  }
  const lines = got.get(r.pods[3]!)!;
  // The failing STEP maps to line 2 of the content, line 17 of the YAML (0-based 1 and 16).
  const content = 'FROM configs AS final\nRUN dnf install -y nosuchpkg';
  const generated = (sim.store.get('configmaps', `containerfile-${mosb.metadata.name}`, NS)?.['data'] as { Containerfile: string })
    .Containerfile;
  const f = locateFailure(lines, content, generated);
  assert.ok(f);
  assert.equal(f.step.text, 'RUN dnf install -y nosuchpkg');
  assert.equal(f.contentLine, 1);
  assert.equal(generated.split('\n')[f.generatedLine!], 'RUN dnf install -y nosuchpkg');
  assert.match(f.error, /^building at STEP "RUN dnf install -y nosuchpkg": exit status 1$/);
  const yaml = moscYaml('infra', content);
  assert.deepEqual(yamlPlace(yaml, f.contentLine, { name: 'infra', content }), { line: 16, startCol: 6, endCol: 34 });
  assert.equal(yaml.split('\n')[16], '      RUN dnf install -y nosuchpkg');
  // Without the generated Containerfile (MCO deleted it), the step's text finds the line.
  assert.equal(locateFailure(lines, content)?.contentLine, 1);
});

test('a dropped log stream resumes with sinceTime: every line exactly once, none lost', async () => {
  const proxy = await startFaultProxy(sim.url, sim.tls!);
  const proxied = path.join(dir, 'proxied');
  fs.writeFileSync(proxied, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/server: \S+/, `server: ${proxy.url}`));
  try {
    sim.setSpeed(2);
    applyMosc('master', 'FROM configs AS final\nRUN seq 4000\nRUN dnf install -y tree');
    const mosb = await until('the master build', () =>
      sim.store
        .list('machineosbuilds')
        .find((b) => b.metadata.labels?.['machineconfiguration.openshift.io/target-machine-config-pool'] === 'master'),
    );
    const cluster = await Cluster.connect({ explicit: proxied }, undefined, { timeoutMs: 3_000 });
    const got: string[] = [];
    let pod = '';
    const following = followBuildLog(
      cluster,
      mosb.metadata.name,
      { lines: (p, l) => ((pod = p), got.push(...l)), status: () => undefined },
      { pollMs: 100 },
    );
    // Cut the stream a few times while lines are being written, and once during a short outage.
    for (const n of [50, 1500, 3000]) {
      await until(`${n} lines`, () => got.length >= n, 60_000);
      await proxy.fault('cut', 0);
    }
    await until('3500 lines', () => got.length >= 3500, 60_000);
    await proxy.fault('503', 1_500);
    const r = await following;
    cluster.close();
    assert.equal(r.phase, 'Succeeded');
    assert.ok(r.reconnects >= 3, `resumed after each cut (${r.reconnects})`);
    const server = sim.logs.text(NS, pod, 'image-build');
    // The pod is deleted after a success; then compare with what the plan wrote: numbers 1..4000 in order.
    const numbers = got.filter((l) => /^\d+$/.test(l)).map(Number);
    assert.equal(numbers.length, 4000, 'no line lost, none twice');
    assert.ok(
      numbers.every((n, i) => n === i + 1),
      'in order',
    );
    if (server) assert.equal(got.join('\n') + '\n', server);
    assert.ok(got.at(-1)?.startsWith('Writing manifest'), 'followed to the end of the push');
  } finally {
    sim.setSpeed(20);
    await proxy.stop();
  }
});

/**
 * Pre-pull with a PinnedImageSet against the simulator over HTTPS (OpenShift 4.19): the API's validation as
 * kubectl sees it, a dry run that writes nothing, the pull reaching every node (MCN and pool status, kubectl
 * agreeing with the client), the later OS update rebasing from local storage, and an injected pull failure
 * reported with the node and MCO's error.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { daemonPodName, MCO_NS } from '../harness/cluster-sim/daemon';
import { Cluster } from '../../client/src/cluster/cluster';
import { attachClusterLog } from '../../client/src/cluster/writeLog';
import {
  commitPrepull,
  imageRefProblem,
  planPrepull,
  prepullUnsupported,
  progressText,
  readPrepullProgress,
  waitForPrepull,
} from '../../client/src/cluster/pinnedImages';

const IMAGE = `quay.io/example/layered@sha256:${'a'.repeat(64)}`;
const DIGEST_MESSAGE = "the OCI Image reference must end with a valid '@sha256:<digest>' suffix, where '<digest>' is 64 characters long";

let sim: Simulator;
let c: Cluster;
const lines: string[] = [];
let detach: () => void;

function kubectl(kubeconfig: string, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = execFile('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) p.stdin!.end(stdin);
  });
}

async function until<T>(what: string, f: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-pin-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 20, ocpVersion: '4.19' }));
  c = await Cluster.connect({ explicit: sim.kubeconfig });
  detach = attachClusterLog({
    info: (l) => lines.push(`info ${l}`),
    warn: (l) => lines.push(`warn ${l}`),
    error: (l) => lines.push(`error ${l}`),
  });
});

after(async () => {
  detach();
  c.close();
  await sim.stop();
});

test('kubectl apply of a PinnedImageSet by tag is refused with the API message; the client says the same before writing', async () => {
  const yaml = [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: PinnedImageSet',
    'metadata:',
    '  name: by-tag',
    'spec:',
    '  pinnedImages:',
    '  - name: quay.io/example/layered:latest',
    '',
  ].join('\n');
  const r = await kubectl(sim.kubeconfig, ['apply', '--validate=false', '-f', '-'], yaml);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /PinnedImageSet\.machineconfiguration\.openshift\.io "by-tag" is invalid/);
  assert.ok(r.stderr.includes(`spec.pinnedImages[0].name: Invalid value: "string": ${DIGEST_MESSAGE}`), r.stderr);
  assert.equal(sim.store.get('pinnedimagesets', 'by-tag'), undefined);
  const empty = await kubectl(
    sim.kubeconfig,
    ['apply', '--validate=false', '-f', '-'],
    yaml.replace(/ {2}pinnedImages:[\s\S]*/, '  pinnedImages: []\n'),
  );
  assert.match(empty.stderr, /spec\.pinnedImages: Invalid value: 0: spec\.pinnedImages in body should have at least 1 items/);
  assert.ok(imageRefProblem('quay.io/example/layered:latest')!.includes(DIGEST_MESSAGE));
  assert.equal(imageRefProblem(IMAGE), null);
  await assert.rejects(planPrepull(c, 'worker', 'quay.io/example/layered:latest'), (e: Error) => e.message.includes(DIGEST_MESSAGE));
});

test('a dry run writes nothing, and is logged as a dry run', async () => {
  assert.equal(await prepullUnsupported(c), null);
  lines.length = 0;
  const before = sim.store.get('machineconfigpools', 'worker')!;
  const plan = await planPrepull(c, 'worker', IMAGE);
  assert.equal(plan.set.metadata.name, 'worker-prepull');
  assert.equal(plan.set.metadata.labels?.['machineconfiguration.openshift.io/role'], 'worker');
  assert.equal(sim.store.get('pinnedimagesets', 'worker-prepull'), undefined);
  assert.deepEqual(
    (sim.store.get('machineconfigpools', 'worker')!['spec'] as Record<string, unknown>)['pinnedImageSets'],
    (before['spec'] as Record<string, unknown>)['pinnedImageSets'],
  );
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0]!, /verb=create object=pinnedimagesets\/worker-prepull dry-run result=ok$/);
  assert.match(lines[1]!, /verb=patch object=machineconfigpools\/worker spec\.pinnedImageSets\+=worker-prepull dry-run result=ok$/);
});

test('pre-pull reaches every worker: MCN and pool status say so, kubectl agrees; the later OS update uses the local image', async () => {
  lines.length = 0;
  const plan = await planPrepull(c, 'worker', IMAGE);
  sim.setSpeed(1); // each node's pull takes 0.9 s: the progress is seen before the end
  await commitPrepull(c, plan);
  assert.match(lines[2]!, /verb=create object=pinnedimagesets\/worker-prepull result=ok$/);
  assert.match(lines[3]!, /verb=patch object=machineconfigpools\/worker spec\.pinnedImageSets\+=worker-prepull result=ok$/);
  const seen: string[] = [];
  const p = await waitForPrepull(c, 'worker', { intervalMs: 20, onProgress: (x) => seen.push(progressText(x)) });
  assert.deepEqual(p.pulled, ['worker-0', 'worker-1', 'worker-2']);
  assert.equal(p.done, true);
  assert.deepEqual(p.failed, []);
  assert.equal(seen.at(-1), 'pre-pulled 3/3');
  assert.ok(seen.length >= 2, `saw progress before the end: ${seen.join(', ')}`);
  sim.setSpeed(20);

  for (const n of ['worker-0', 'worker-1', 'worker-2']) {
    const st = sim.store.get('machineconfignodes', n)!['status'] as {
      pinnedImageSets: unknown[];
      conditions: { type: string; status: string; reason: string; message: string }[];
    };
    assert.deepEqual(st.pinnedImageSets, [{ name: 'worker-prepull', desiredGeneration: 1, currentGeneration: 1 }]);
    const cond = (t: string) => st.conditions.find((x) => x.type === t);
    assert.deepEqual(
      { ...cond('PinnedImageSetsProgressing'), lastTransitionTime: undefined },
      {
        type: 'PinnedImageSetsProgressing',
        status: 'False',
        reason: 'AsExpected',
        message: 'All pinned image sets complete',
        lastTransitionTime: undefined,
      },
    );
    assert.equal(cond('PinnedImageSetsDegraded')?.message, 'All is good');
  }
  const pool = await until('the pool count', () => {
    const s = (sim.store.get('machineconfigpools', 'worker')!['status'] as { poolSynchronizersStatus?: { updatedMachineCount: number }[] })
      .poolSynchronizersStatus?.[0];
    return s?.updatedMachineCount === 3 && s;
  });
  assert.deepEqual(pool, {
    poolSynchronizerType: 'PinnedImageSets',
    machineCount: 3,
    updatedMachineCount: 3,
    readyMachineCount: 3,
    unavailableMachineCount: 0,
    availableMachineCount: 3,
  });
  assert.equal((await readPrepullProgress(c, 'worker')).poolUpdated, 3);

  const get = await kubectl(sim.kubeconfig, ['get', 'pinnedimagesets']);
  assert.equal(get.code, 0, get.stderr);
  assert.match(get.stdout, /^NAME\s+AGE\nworker-prepull\s+\S+\n$/);
  const jp = await kubectl(sim.kubeconfig, [
    'get',
    'machineconfignodes',
    '-o',
    'jsonpath={range .items[*]}{.metadata.name}={.status.pinnedImageSets[0].currentGeneration}{"\\n"}{end}',
  ]);
  const pulledByKubectl = jp.stdout
    .trim()
    .split('\n')
    .filter((l) => l.endsWith('=1'))
    .map((l) => l.split('=')[0]);
  assert.deepEqual(pulledByKubectl, p.pulled);

  // The OS update to the pre-pulled image rebases from container storage (MCO:pkg/daemon/update.go updateLayeredOS).
  const mc = [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    '  name: 99-worker-layered',
    '  labels:',
    '    machineconfiguration.openshift.io/role: worker',
    'spec:',
    `  osImageURL: ${IMAGE}`,
    '',
  ].join('\n');
  assert.equal((await kubectl(sim.kubeconfig, ['apply', '--validate=false', '-f', '-'], mc)).code, 0);
  const log = await until('the rebase of worker-0', () => {
    const t = sim.logs.text(MCO_NS, daemonPodName('worker-0'), 'machine-config-daemon');
    return t.includes(IMAGE) && /rebase --experimental/.test(t) && t;
  });
  assert.ok(log.includes(`Executing local container storage rebase to ${IMAGE}`), log);
  assert.ok(log.includes(`rebase --experimental ostree-unverified-image:containers-storage:${IMAGE}`));
  assert.ok(!log.includes(`ostree-unverified-registry:${IMAGE}`));
});

test('the controller keeps only labelled sets in the pool: a ref to an unlabelled set is dropped', async () => {
  await kubectl(
    sim.kubeconfig,
    ['apply', '--validate=false', '-f', '-'],
    [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: PinnedImageSet',
      'metadata:',
      '  name: unlabelled',
      'spec:',
      '  pinnedImages:',
      `  - name: ${IMAGE}`,
      '',
    ].join('\n'),
  );
  const r = await kubectl(sim.kubeconfig, [
    'patch',
    'mcp',
    'worker',
    '--type=json',
    '-p',
    '[{"op":"add","path":"/spec/pinnedImageSets/-","value":{"name":"unlabelled"}}]',
  ]);
  assert.equal(r.code, 0, r.stderr);
  await until('the ref to be dropped', () => {
    const refs = (sim.store.get('machineconfigpools', 'worker')!['spec'] as { pinnedImageSets?: { name: string }[] }).pinnedImageSets;
    return JSON.stringify(refs) === JSON.stringify([{ name: 'worker-prepull' }]);
  });
});

test("an injected unauthorized pull: the progress names the node and MCO's error; cleared, the node finishes", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-pin-fail-'));
  const s2 = await startSimulator(
    options({
      kubeconfig: path.join(dir, 'kubeconfig'),
      speed: 20,
      ocpVersion: '4.19',
      nodes: { worker: 2, master: 1 },
      fail: { 'worker-1': 'prepull-unauthorized' },
    }),
  );
  const c2 = await Cluster.connect({ explicit: s2.kubeconfig });
  try {
    await commitPrepull(c2, await planPrepull(c2, 'worker', IMAGE));
    const p = await waitForPrepull(c2, 'worker', { intervalMs: 20 });
    const error = `failed to pull image "${IMAGE}" (5 tries): timed out waiting for the condition: rpc error: code = Unknown desc = initializing source docker://${IMAGE}: reading manifest sha256:${'a'.repeat(64)} in quay.io/example/layered: unauthorized: access to the requested resource is not authorized`;
    assert.equal(p.done, false);
    assert.deepEqual(
      p.failed.map((f) => [f.node, f.error]),
      [['worker-1', error]],
    );
    assert.match(p.failed[0]!.next, /pull secret/);
    assert.equal(progressText(p), 'pre-pull failed on worker-1');
    const mcn = s2.store.get('machineconfignodes', 'worker-1')!['status'] as {
      pinnedImageSets: unknown[];
      conditions: { type: string; status: string; reason: string; message: string }[];
    };
    assert.deepEqual(mcn.pinnedImageSets, [
      { name: 'worker-prepull', desiredGeneration: 1, lastFailedGeneration: 1, lastFailedGenerationError: error },
    ]);
    const deg = mcn.conditions.find((x) => x.type === 'PinnedImageSetsDegraded')!;
    assert.deepEqual(
      [deg.status, deg.reason, deg.message],
      ['True', 'PrefetchFailed', 'One or more PinnedImageSet is experiencing an error. See PinnedImageSet list for more details.'],
    );
    // As MCO: the pool is not degraded by it, only its count says a node is missing.
    const pool = s2.store.get('machineconfigpools', 'worker')!['status'] as {
      conditions: { type: string; status: string }[];
      poolSynchronizersStatus: { updatedMachineCount: number; machineCount: number }[];
    };
    assert.equal(pool.conditions.find((x) => x.type === 'PinnedImageSetsDegraded')?.status, 'False');
    assert.deepEqual([pool.poolSynchronizersStatus[0]!.updatedMachineCount, pool.poolSynchronizersStatus[0]!.machineCount], [1, 2]);
    const log = s2.logs.text(MCO_NS, daemonPodName('worker-1'), 'machine-config-daemon');
    assert.ok(log.includes(`failed to prefetch image "${IMAGE}": ${error}`), log);

    // Cleared, the node retries on its own (MCO requeues the pool); until then its MCN still says it failed.
    s2.clearFailure('worker-1');
    const end = Date.now() + 30_000;
    let after = await readPrepullProgress(c2, 'worker');
    while (!after.done && Date.now() < end) after = await readPrepullProgress(c2, 'worker');
    assert.deepEqual([after.done, after.pulled, after.failed], [true, ['worker-0', 'worker-1'], []]);
  } finally {
    c2.close();
    await s2.stop();
  }
});

test('a 4.18 cluster: Pre-pull says why it cannot, and serves no PinnedImageSet', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-pin-418-'));
  const s3 = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kubeconfig'), ocpVersion: '4.18', nodes: { worker: 1, master: 1 } }),
  );
  const c3 = await Cluster.connect({ explicit: s3.kubeconfig });
  try {
    const why = await prepullUnsupported(c3);
    assert.match(
      why ?? '',
      /\(OpenShift 4\.18\) does not serve PinnedImageSet machineconfiguration\.openshift\.io\/v1: pre-pulling an image needs OpenShift 4\.19 or later/,
    );
    const r = await kubectl(s3.kubeconfig, ['get', 'pinnedimagesets']);
    assert.match(r.stderr, /the server doesn't have a resource type "pinnedimagesets"/);
  } finally {
    c3.close();
    await s3.stop();
  }
});

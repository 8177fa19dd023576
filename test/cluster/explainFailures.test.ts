/**
 * Every failure the simulator injects (with MCO's strings in the node reason, the MachineConfigNode,
 * the Events and the daemon log) is explained with its cause: gathered through the API as the
 * "Why is this node degraded?" action does, on a 4.19 cluster that serves MachineConfigNodes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { parseFailures } from '../harness/cluster-sim/failures';
import { Cluster } from '../../client/src/cluster/cluster';
import { gather } from '../../client/src/cluster/explain/gather';
import { explainNode } from '../../client/src/cluster/explain/explain';
import { McnSource } from '../../client/src/cluster/machineConfigNodes';

const ANN = 'machineconfiguration.openshift.io/';
const IMAGE = 'quay.io/example/custom@sha256:' + '5'.repeat(64);
/** node → injected kind → the explainer's answer */
const CASES: [string, string, string][] = [
  ['worker-0', 'pull-unauthorized', 'pull-unauthorized'],
  ['worker-1', 'manifest-unknown', 'manifest-unknown'],
  ['worker-2', 'signature-rejected', 'signature-policy'],
  ['worker-3', 'x509', 'x509'],
  ['worker-4', 'drain-pdb', 'drain-pdb'],
  ['worker-5', 'ondisk-mismatch', 'on-disk-os-image'],
  ['worker-6', 'rendered-not-found', 'rendered-not-found'],
];
let sim: Simulator;
let dir: string;
let cluster: Cluster;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-explain-fail-'));
  const registry = path.join(dir, 'registry');
  fs.writeFileSync(registry, `${IMAGE}\n`);
  sim = await startSimulator(
    options({
      kubeconfig: path.join(dir, 'kc'),
      speed: 20,
      ocpVersion: '4.19',
      nodes: { worker: CASES.length, master: 1 },
      registry,
      fail: parseFailures(CASES.map(([n, k]) => `${n}=${k}`).join(',')),
    }),
  );
  sim.store.mutate('machineconfigpools', 'worker', (p) => (((p['spec'] as Record<string, unknown>)['maxUnavailable'] = CASES.length), p));
  cluster = await Cluster.connect({ explicit: sim.kubeconfig });
});
after(async () => {
  cluster?.close();
  await sim?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('each injected failure is explained with its cause from what the cluster serves', async () => {
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '99-worker-os', labels: { [`${ANN}role`]: 'worker' } },
    spec: { osImageURL: IMAGE },
  });
  const ann = (n: string, k: string) => sim.store.get('nodes', n)?.metadata.annotations?.[`${ANN}${k}`];
  await until('every worker Degraded', () => CASES.every(([n]) => ann(n, 'state') === 'Degraded'));
  const pool = sim.store.get('machineconfigpools', 'worker')!;
  const poolMessages = ((pool['status'] as { conditions?: { type: string; status: string; message?: string }[] }).conditions ?? [])
    .filter((c) => c.status === 'True' && /Degraded/.test(c.type))
    .map((c) => c.message ?? '');
  const got: Record<string, string | undefined> = {};
  for (const [n] of CASES) {
    const { findings, missing } = await gather(cluster, { node: n, pool: 'worker', reason: ann(n, 'reason') ?? '', poolMessages });
    assert.deepEqual(missing, [], n);
    assert.ok(findings.mcnMessage, `${n}: the MachineConfigNode's NodeDegraded message was read`);
    got[n] = explainNode(findings).id;
  }
  assert.deepEqual(got, Object.fromEntries(CASES.map(([n, , id]) => [n, id])));
});

test('the Rollouts phase source reads the MachineConfigNodes of a 4.19 cluster: every failed worker shows NodeDegraded with its text', async () => {
  const src = new McnSource(cluster, () => undefined).start();
  try {
    await until('the phases', () => CASES.every(([n]) => src.views.get(n)?.phase === 'NodeDegraded'), 30_000);
    assert.equal(src.served, true);
    assert.match(src.views.get('worker-4')!.degraded!, /failed to drain node: worker-4 after 1 hour/);
    assert.equal(src.views.get('master-0')?.phase, 'Updated');
  } finally {
    src.stop();
  }
});

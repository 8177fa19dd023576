/** A 2,000-node pool: the simulator must carry a load test's rollout, with maxUnavailable as a percentage. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import { unavailableBudget } from '../harness/cluster-sim/mco';

const ANN = 'machineconfiguration.openshift.io/';

test('maxUnavailable: a count, or a percentage of the pool rounded down, at least 1', () => {
  assert.equal(unavailableBudget(3, 10), 3);
  assert.equal(unavailableBudget('10%', 2000), 200);
  assert.equal(unavailableBudget('10%', 5), 1);
  assert.equal(unavailableBudget(undefined, 5), 1);
});

test('2,000 workers roll out to a new osImageURL, never more than 10% unavailable at once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-load-'));
  const sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kc'), nodes: { worker: 2000, master: 1 }, speed: 50, insecure: true }),
  );
  try {
    sim.store.mutate('machineconfigpools', 'worker', (p) => (((p['spec'] as Record<string, unknown>)['maxUnavailable'] = '10%'), p));
    let maxUnavailable = 0;
    sim.store.on('event', (e: { plural: string; object: { status?: { unavailableMachineCount?: number } } }) => {
      if (e.plural === 'machineconfigpools') maxUnavailable = Math.max(maxUnavailable, e.object.status?.unavailableMachineCount ?? 0);
    });
    const image = 'quay.io/example/layered@sha256:' + '3'.repeat(64);
    sim.store.create('machineconfigs', {
      apiVersion: `${ANN.slice(0, -1)}/v1`,
      kind: 'MachineConfig',
      metadata: { name: 'os-layer-worker', labels: { [`${ANN}role`]: 'worker' } },
      spec: { osImageURL: image },
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const st = sim.store.get('machineconfigpools', 'worker')!['status'] as {
        updatedMachineCount: number;
        conditions: { type: string; status: string }[];
      };
      if (st.updatedMachineCount === 2000 && st.conditions.some((c) => c.type === 'Updated' && c.status === 'True')) break;
      assert.ok(Date.now() < deadline, `rollout stuck at ${st.updatedMachineCount}/2000`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(maxUnavailable > 1 && maxUnavailable <= 200, `unavailable peaked at ${maxUnavailable}`);
    assert.ok(
      sim.store
        .list('nodes')
        .filter((n) => n.metadata.name.startsWith('worker-'))
        .every((n) => n.metadata.annotations?.[`${ANN}currentImage`] === image),
    );
  } finally {
    await sim.stop();
  }
});

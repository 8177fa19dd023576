/** SelfSubjectAccessReviews decide which write actions are offered: asked of the simulator's RBAC. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Cluster } from '../../client/src/cluster/cluster';
import { reviewAccess } from '../../client/src/cluster/access';
import { ClusterError } from '../../client/src/cluster/errors';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';

let sim: Simulator;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-access-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kc'), nodes: { worker: 1, master: 1 } }));
});
after(() => sim.stop());

test('the admin may take every action; the view is not read-only', async () => {
  const c = await Cluster.connect({ explicit: sim.kubeconfig });
  try {
    const a = await reviewAccess(c);
    assert.deepEqual(a, {
      allowed: {
        patchPools: true,
        applyMachineConfig: true,
        rollBack: true,
        createMachineOSConfig: true,
        removeMachineOSConfig: true,
        prepullImage: true,
        patchNodes: true,
      },
      readOnly: false,
      undecided: [],
    });
  } finally {
    c.close();
  }
});

test('the read-only user may take none, and the reviews agree with what the server then refuses', async () => {
  const c = await Cluster.connect({ explicit: `${sim.kubeconfig}.readonly` });
  try {
    const a = await reviewAccess(c);
    assert.deepEqual(a.allowed, {
      patchPools: false,
      applyMachineConfig: false,
      rollBack: false,
      createMachineOSConfig: false,
      removeMachineOSConfig: false,
      prepullImage: false,
      patchNodes: false,
    });
    assert.equal(a.readOnly, true);
    assert.equal(await c.canI({ verb: 'list', resource: 'machineconfigpools', group: 'machineconfiguration.openshift.io' }), true);
    await assert.rejects(
      () => c.setPaused('worker', true),
      (e: unknown) => e instanceof ClusterError && e.kind === 'forbidden',
    );
  } finally {
    c.close();
  }
});

test('a review that cannot be asked leaves its action offered and says so', async () => {
  const a = await reviewAccess({
    canI: (x) => (x.verb === 'delete' ? Promise.reject(new Error('boom')) : Promise.resolve(false)),
  });
  assert.equal(a.allowed.rollBack, true);
  assert.equal(a.allowed.removeMachineOSConfig, true);
  assert.equal(a.allowed.patchPools, false);
  assert.equal(a.readOnly, false);
  assert.deepEqual(a.undecided, ['delete machineconfigs', 'delete machineosconfigs']);
});

/** The watches' first lists come in pages of `limit` with `continue`, as plain JSON, equal to the whole list. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Cluster } from '../../client/src/cluster/cluster';
import { ClusterError } from '../../client/src/cluster/errors';
import { pagedList } from '../../client/src/cluster/pagedList';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';

let sim: Simulator;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-paged-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kc'), nodes: { worker: 1_200, master: 3 } }));
});
after(() => sim.stop());

test("1,203 nodes in pages of 500: three requests, the same nodes as one list, the first page's resourceVersion", async () => {
  const c = await Cluster.connect({ explicit: sim.kubeconfig });
  try {
    const whole = await c.list('nodes');
    const before = sim.requests();
    const paged = await pagedList(c, 'nodes', 500);
    assert.equal(sim.requests() - before, 3);
    assert.equal(paged.items.length, 1_203);
    assert.deepEqual(
      paged.items.map((n) => n.metadata.name),
      whole.items.map((n) => n.metadata.name),
    );
    assert.equal(paged.resourceVersion, whole.resourceVersion);
  } finally {
    c.close();
  }
});

test('a refusal is explained as the other calls explain it; the read-only user still lists', async () => {
  const ro = await Cluster.connect({ explicit: `${sim.kubeconfig}.readonly` });
  try {
    assert.equal((await pagedList(ro, 'machineconfigpools')).items.length, 2);
  } finally {
    ro.close();
  }
  const bad = path.join(path.dirname(sim.kubeconfig), 'bad-token');
  fs.writeFileSync(bad, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/token: \S+/, 'token: not-a-valid-token'), { mode: 0o600 });
  const c = await Cluster.connect({ explicit: bad });
  try {
    await assert.rejects(
      () => pagedList(c, 'nodes'),
      (e: unknown) => e instanceof ClusterError && e.kind === 'unauthorized' && !e.message.includes('not-a-valid-token'),
    );
  } finally {
    c.close();
  }
});

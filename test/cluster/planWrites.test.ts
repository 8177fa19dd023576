/**
 * The plan and the cluster log against the simulator over HTTPS: a file-only MachineConfig's plan is
 * logged before the dry run and the write; every write (dry runs included) is logged with its result;
 * the diff documents for create, update and delete; no bearer token or secret ever reaches the log.
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
import { commitApply, planApply } from '../../client/src/cluster/apply';
import { deletePicked } from '../../client/src/cluster/rollback';
import { predict } from '../../client/src/cluster/plan/predict';
import { livePolicies } from '../../client/src/cluster/plan/policies';
import { diffSides } from '../../client/src/cluster/plan/diffDocs';
import { attachClusterLog, logPlan, redact } from '../../client/src/cluster/writeLog';
import { PlanMismatches, updatePrepared } from '../../client/src/cluster/plan/prepared';

const ROLE = 'machineconfiguration.openshift.io/role';
let sim: Simulator;
let c: Cluster;
let kubeconfigText = '';
const lines: string[] = [];
let detach: () => void;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-plan-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 20, ocpVersion: '4.19' }));
  kubeconfigText = fs.readFileSync(sim.kubeconfig, 'utf8');
  c = await Cluster.connect({ explicit: sim.kubeconfig });
  detach = attachClusterLog({
    info: (l) => lines.push(`info ${l}`),
    warn: (l) => lines.push(`warn ${l}`),
    error: (l) => lines.push(`error ${l}`),
  });
});

after(async () => {
  detach();
  await sim.stop();
});

const fileMc = (name: string, data: string): Obj => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfig',
  metadata: { name, labels: { [ROLE]: 'worker' } },
  spec: {
    config: {
      ignition: { version: '3.4.0' },
      storage: { files: [{ path: '/etc/foo.conf', mode: 420, contents: { source: `data:,${data}` } }] },
    },
  },
});

async function planOf(change: Parameters<typeof predict>[0]['change']) {
  const [pools, mcs, nodes] = await Promise.all([c.list('machineconfigpools'), c.list('machineconfigs'), c.list('nodes')]);
  const p = predict({
    pools: pools.items,
    mcs: mcs.items,
    change,
    policies: livePolicies(await c.machineConfiguration()),
    version: await c.ocpVersion(),
    nodes: nodes.items,
  });
  logPlan(
    c.context,
    'apply' in change ? 'apply' : 'delete',
    `machineconfigs/${'apply' in change ? change.apply.metadata.name : change.remove}`,
    p.lines,
    p.policySource,
  );
  return p;
}

test('a file-only MachineConfig whose path has no policy: the plan says reboot, and is logged with the writes', async () => {
  lines.length = 0;
  const mc = fileMc('99-foo', 'one');
  const p = await planOf({ apply: mc });
  const workers = Number((sim.store.get('machineconfigpools', 'worker')!.status as Record<string, unknown>)['machineCount']);
  assert.equal(p.lines[0], `worker, ${workers} nodes: reboot (/etc/foo.conf has no disruption policy)`);
  const plan = await planApply(c, mc);
  await commitApply(c, plan);
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(
    lines[0]!,
    /^info \d{4}-\d\d-\d\dT[\d:.]+Z context=rhcos-layering-sim verb=plan-apply object=machineconfigs\/99-foo policies="node disruption policies from MachineConfiguration\/cluster" plan="worker, \d+ nodes: reboot \(\/etc\/foo\.conf has no disruption policy\)/,
  );
  assert.match(lines[1]!, /^info \S+ context=rhcos-layering-sim verb=create object=machineconfigs\/99-foo dry-run result=ok$/);
  assert.match(lines[2]!, /^info \S+ context=rhcos-layering-sim verb=create object=machineconfigs\/99-foo result=ok$/);
});

test('the diff documents: create has an empty left side; update shows live against the dry run; delete has an empty right side', async () => {
  const created = diffSides('create', 'ctx', '99-new', null, fileMc('99-new', 'a'));
  assert.equal(created.left, '');
  assert.match(created.right, /name: 99-new[\s\S]*source: data:,a/);
  assert.equal(created.title, 'MachineConfig 99-new on ctx: new (server dry run, read-only)');

  const live = sim.store.get('machineconfigs', '99-foo')!;
  const plan = await planApply(c, fileMc('99-foo', 'two'));
  const updated = diffSides('update', c.context, '99-foo', plan.existing, plan.dryRun);
  assert.match(updated.left, /source: data:,one/);
  assert.match(updated.right, /source: data:,two/);
  assert.doesNotMatch(updated.left + updated.right, /managedFields/);
  assert.equal(updated.title, 'MachineConfig 99-foo on rhcos-layering-sim: live ↔ dry run (server dry run, read-only)');
  // The dry run wrote nothing.
  assert.equal(sim.store.get('machineconfigs', '99-foo')!.metadata.resourceVersion, live.metadata.resourceVersion);

  const deleted = diffSides('delete', c.context, '99-foo', live, null);
  assert.match(deleted.left, /source: data:,one/);
  assert.equal(deleted.right, '');
});

test('a delete dry run checks the preconditions and deletes nothing; the real delete is logged too', async () => {
  lines.length = 0;
  const live = sim.store.get('machineconfigs', '99-foo')!;
  const pre = { uid: live.metadata['uid'] as string, resourceVersion: live.metadata.resourceVersion! };
  await c.delete('99-foo', pre, true);
  assert.ok(sim.store.get('machineconfigs', '99-foo'));
  await assert.rejects(c.delete('99-foo', { ...pre, resourceVersion: '1' }, true));
  const p = await planOf({ remove: '99-foo' });
  assert.match(p.lines[0]!, /^worker, \d+ nodes: reboot \(\/etc\/foo\.conf has no disruption policy\)$/);
  await deletePicked(c, live);
  assert.equal(sim.store.get('machineconfigs', '99-foo'), undefined);
  assert.match(lines[0]!, /verb=delete object=machineconfigs\/99-foo dry-run result=ok$/);
  assert.match(lines[1]!, /^warn .*verb=delete object=machineconfigs\/99-foo dry-run result=.*(conflict|changed|Precondition|409)/i);
  assert.match(lines[2]!, /verb=plan-delete/);
  assert.match(lines[3]!, /verb=delete object=machineconfigs\/99-foo result=ok$/);
});

/** Waits until every worker runs the pool's target config, so a rollout left by the delete above
 * cannot start from an older config (whose diff reboots) while the next one is predicted. */
async function workersSettled(): Promise<void> {
  for (let i = 0; ; i++) {
    const spec = sim.store.get('machineconfigpools', 'worker')?.spec as Record<string, unknown> | undefined;
    const target = (spec?.['configuration'] as { name?: string } | undefined)?.name;
    const workers = sim.store.list('nodes').filter((n) => n.metadata.name.startsWith('worker'));
    const ann = (n: Obj, k: string) => (n.metadata.annotations ?? {})[`machineconfiguration.openshift.io/${k}`];
    if (
      target &&
      workers.every((n) => ann(n, 'currentConfig') === target && ann(n, 'desiredConfig') === target && ann(n, 'state') === 'Done')
    )
      return;
    assert.ok(i < 600, 'the workers settled on the pool target before the next apply');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a Reload policy for the file: the plan says reload crio.service without drain or reboot, and every worker's UpdatePrepared agrees", async () => {
  await workersSettled();
  sim.store.mutate('machineconfigurations', 'cluster', (m) => {
    m['spec'] = {
      ...(m['spec'] ?? {}),
      nodeDisruptionPolicy: { files: [{ path: '/etc/bar.conf', actions: [{ type: 'Reload', reload: { serviceName: 'crio.service' } }] }] },
    };
    return m;
  });
  for (let i = 0; !JSON.stringify((await c.machineConfiguration())?.status ?? {}).includes('/etc/bar.conf'); i++) {
    assert.ok(i < 100, 'the operator published the policy');
    await new Promise((r) => setTimeout(r, 50));
  }
  const mc = fileMc('99-bar', 'reload');
  mc.spec!['config'] = {
    ignition: { version: '3.4.0' },
    storage: { files: [{ path: '/etc/bar.conf', mode: 420, contents: { source: 'data:,reload' } }] },
  };
  const p = await planOf({ apply: mc });
  assert.equal(p.lines[0], 'worker, 3 nodes: reload crio.service, no drain, no reboot');
  const seen = new PlanMismatches();
  seen.expect(p.pools);
  await commitApply(c, await planApply(c, mc));
  const workers = new Set(
    sim.store
      .list('nodes')
      .filter((n) => n.metadata.name.startsWith('worker'))
      .map((n) => n.metadata.name),
  );
  const reports = new Map<string, string>();
  for (let i = 0; reports.size < workers.size; i++) {
    assert.ok(i < 300, `every worker prepared the update (${[...reports.keys()].join(', ')})`);
    for (const m of (await c.listMachineConfigNodes()) ?? []) {
      const r = updatePrepared(m);
      if (!workers.has(m.metadata.name) || !r || reports.has(m.metadata.name)) continue;
      if (r.message.includes('Drain Required: false')) {
        assert.equal(seen.observe(m.metadata.name, 'worker', m), undefined);
        reports.set(m.metadata.name, r.message);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const w of workers) assert.equal(seen.mismatch(w), undefined);
  // MCO's upgrade monitor may prefix "Action during update to <rendered>: " (pkg/upgrademonitor).
  for (const m of reports.values())
    assert.match(
      m,
      /^(Action during update to rendered-worker-[0-9a-f]+: )?Update Compatible\. Post Cfg Actions: \[\] Drain Required: false$/,
    );
});

test('a pause is logged as a patch', async () => {
  lines.length = 0;
  await c.setPaused('worker', true);
  await c.setPaused('worker', false);
  assert.match(lines[0]!, /verb=patch object=machineconfigpools\/worker spec\.paused=true result=ok$/);
  assert.match(lines[1]!, /verb=patch object=machineconfigpools\/worker spec\.paused=false result=ok$/);
});

test('no bearer token or secret ever reaches the log', () => {
  const token = /token:\s*(\S+)/.exec(kubeconfigText)?.[1];
  assert.ok(token && token.length > 8, 'the simulator kubeconfig carries a bearer token');
  for (const l of lines.concat(lines)) assert.ok(!l.includes(token), l);
  assert.equal(redact(`Authorization: Bearer ${token}`), 'Authorization: Bearer <hidden>');
  assert.equal(redact('{"auths":{"quay.io":{"auth":"dXNlcjpwYXNz"}}}'), '{"auths":{"quay.io":{"auth":"<hidden>"}}}');
  assert.equal(redact('token: sha256~abcdefghijklmnopqrstuvwxyz0123'), 'token: <hidden>');
  assert.equal(redact('passwordHash: $6$salt$hash'), 'passwordHash: <hidden>');
  assert.equal(redact('client-key-data: LS0tLS1CRUdJTi'), 'client-key-data: <hidden>');
  assert.equal(redact('id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig'), 'id <hidden JWT>');
  assert.equal(redact('verb=create object=machineconfigs/99-foo result=ok'), 'verb=create object=machineconfigs/99-foo result=ok');
});

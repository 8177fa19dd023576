/** Writes that never clobber: Apply and Roll Back against the cluster simulator over HTTPS. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import { Cluster } from '../../client/src/cluster/cluster';
import type { Obj } from '../../client/src/cluster/cluster';
import { commitApply, layerMachineConfig, planApply } from '../../client/src/cluster/apply';
import { describeOwner } from '../../client/src/cluster/ownership';
import { deletePicked } from '../../client/src/cluster/rollback';

const IMAGE = 'quay.io/example/layered@sha256:' + 'a'.repeat(64);
const ROLE = 'machineconfiguration.openshift.io/role';
let sim: Simulator;
let c: Cluster;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-writes-test-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 20 }));
  c = await Cluster.connect({ explicit: sim.kubeconfig });
});

after(async () => {
  await sim.stop();
});

/** A MachineConfig another tool manages: files, a unit, kernel arguments, an extension, an owner. */
function foreign(name: string): Obj {
  return sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: {
      name,
      labels: { [ROLE]: 'worker', 'app.kubernetes.io/managed-by': 'argocd' },
      ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'NodeProfile', name: 'low-latency', uid: 'u-1' }],
    },
    spec: {
      config: {
        ignition: { version: '3.4.0' },
        storage: { files: [{ path: '/etc/chrony.conf', contents: { source: 'data:,server%20ntp' } }] },
        systemd: { units: [{ name: 'tuned-extra.service', enabled: true }] },
        passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3Nza vendor'] }] },
      },
      kernelArguments: ['nosmt', 'mitigations=auto'],
      extensions: ['usbguard'],
    },
  });
}

test("apply refuses MCO's own MachineConfigs (00-, 01-, rendered-) and leaves them as they were", async () => {
  const before = sim.store.get('machineconfigs', '00-worker')!;
  await assert.rejects(
    planApply(c, layerMachineConfig('worker', IMAGE, '00-worker')),
    /MachineConfig 00-worker belongs to the Machine Config Operator .* never replaced from here\. Give yours another name/,
  );
  const rendered = sim.store.list('machineconfigs').find((m) => m.metadata.name.startsWith('rendered-worker-'))!;
  await assert.rejects(planApply(c, layerMachineConfig('worker', IMAGE, rendered.metadata.name)), /belongs to the Machine Config Operator/);
  assert.equal(sim.store.get('machineconfigs', '00-worker')!.metadata.resourceVersion, before.metadata.resourceVersion);
});

test("apply over someone else's MachineConfig lists what is lost, and replaces it only when its name is typed", async () => {
  const theirs = foreign('99-worker-tuning');
  const plan = await planApply(c, layerMachineConfig('worker', IMAGE, '99-worker-tuning'));
  assert.ok(plan.takeover, 'a takeover, not a plain update');
  assert.match(plan.takeover.owner, /NodeProfile low-latency/);
  assert.deepEqual(plan.takeover.losses, [
    'files: /etc/chrony.conf',
    'systemd units: tuned-extra.service',
    'users: core',
    'SSH authorized keys: 1 (of core)',
    'kernel arguments: nosmt, mitigations=auto',
    'extensions: usbguard',
    'owner references: NodeProfile low-latency',
    'labels: app.kubernetes.io/managed-by=argocd',
  ]);
  await assert.rejects(commitApply(c, plan), /belongs to NodeProfile low-latency .*type its name to replace it\. Nothing was changed\./);
  await assert.rejects(commitApply(c, plan, '99-worker'), /Nothing was changed/);
  assert.equal(sim.store.get('machineconfigs', '99-worker-tuning')!.metadata.resourceVersion, theirs.metadata.resourceVersion);
  const r = await commitApply(c, plan, '99-worker-tuning');
  assert.equal(r.action, 'updated');
  assert.equal(r.obj.spec?.['osImageURL'], IMAGE);
});

test('apply over our own MachineConfig needs no typed name; one changed after the review is a 409, not overwritten', async () => {
  await commitApply(c, await planApply(c, layerMachineConfig('worker', IMAGE, 'os-layer-ours')));
  const plan = await planApply(c, layerMachineConfig('worker', IMAGE.replace(/a{64}/, 'c'.repeat(64)), 'os-layer-ours'));
  assert.equal(plan.takeover, null);
  sim.store.mutate('machineconfigs', 'os-layer-ours', (o) => ((o.metadata.labels = { ...o.metadata.labels, 'team-x': 'edited' }), o));
  await assert.rejects(commitApply(c, plan), (e: Error & { kind?: string }) => e.kind === 'conflict');
  assert.equal(sim.store.get('machineconfigs', 'os-layer-ours')!.metadata.labels?.['team-x'], 'edited', 'the edit in between is kept');
});

test('a MachineConfig applied from a YAML file carries our managed-by label, so the next apply and Roll Back know it', async () => {
  const mc: Obj = {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '50-from-yaml', labels: { [ROLE]: 'worker' } },
    spec: { kernelArguments: ['nosmt'] },
  };
  await commitApply(c, await planApply(c, mc));
  assert.equal(sim.store.get('machineconfigs', '50-from-yaml')!.metadata.labels?.['app.kubernetes.io/managed-by'], 'rhcos-layering-vscode');
  assert.equal((await planApply(c, mc)).takeover, null);
});

test('Roll Back deletes only the MachineConfig it picked: one edited or re-created since is refused, and kept', async () => {
  await commitApply(c, await planApply(c, layerMachineConfig('worker', IMAGE, 'os-layer-rollback')));
  const picked = (await c.list('machineconfigs')).items.find((m) => m.metadata.name === 'os-layer-rollback')!;
  sim.store.mutate('machineconfigs', 'os-layer-rollback', (o) => ((o.metadata.labels = { ...o.metadata.labels, 'edited-by': 'ops' }), o));
  await assert.rejects(
    deletePicked(c, picked),
    /MachineConfig os-layer-rollback changed on the server after you picked it .* so it was not deleted\. Run Roll Back again/,
  );
  assert.ok(sim.store.get('machineconfigs', 'os-layer-rollback'), 'still there');
  // Deleted and created again under the same name: a new UID, so a pick of the old one does not delete it either.
  const edited = sim.store.get('machineconfigs', 'os-layer-rollback')!;
  sim.store.delete('machineconfigs', 'os-layer-rollback');
  const recreated = sim.store.create('machineconfigs', edited);
  await assert.rejects(deletePicked(c, edited), /not deleted/);
  assert.ok(sim.store.get('machineconfigs', 'os-layer-rollback'), 'the re-created one is still there');
  await deletePicked(c, recreated);
  assert.equal(sim.store.get('machineconfigs', 'os-layer-rollback'), undefined);
});

test("Roll Back says whose a MachineConfig is, never deletes MCO's own, deletes someone else's only once its name is typed", async () => {
  const theirs = foreign('99-worker-vendor-layer');
  assert.equal(describeOwner(theirs), 'MachineConfig 99-worker-vendor-layer belongs to NodeProfile low-latency (ownerReferences).');
  await assert.rejects(
    deletePicked(c, theirs),
    /belongs to NodeProfile low-latency \(ownerReferences\); type its name to delete it\. Nothing was deleted\./,
  );
  assert.ok(sim.store.get('machineconfigs', '99-worker-vendor-layer'));
  await assert.rejects(
    deletePicked(c, sim.store.get('machineconfigs', '00-worker') as Obj),
    /belongs to the Machine Config Operator .*never deletes it/,
  );
  await deletePicked(c, theirs, '99-worker-vendor-layer');
  assert.equal(sim.store.get('machineconfigs', '99-worker-vendor-layer'), undefined);
});

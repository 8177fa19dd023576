/**
 * Apply Containerfile to Pool, Rebuild and Remove Image Mode against the cluster simulator (OpenShift 4.19)
 * through the cluster module: wrap, dry run, create, the build and rollout MCO runs, rebuild, update,
 * remove and revert; the API's 422s and the secrets as names and types only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import type { Obj as SimObj } from '../harness/cluster-sim/store';
import { Cluster } from '../../client/src/cluster/cluster';
import {
  commitMosc,
  deleteMosc,
  internalRegistrySecret,
  listSecrets,
  moscOfPool,
  noPushSecretMessage,
  planMosc,
  pushCapable,
  requestRebuild,
} from '../../client/src/cluster/imageMode';
import { wrapContainerfile } from '../../client/src/cluster/moscWrap';
import { internalPushSpec } from '../../client/src/cluster/pushSpec';

const ANN = 'machineconfiguration.openshift.io/';
const NS = 'openshift-machine-config-operator';
const CF = 'FROM configs AS final\nRUN dnf install -y tree && \\\n    dnf clean all && \\\n    ostree container commit';
let sim: Simulator;
let c: Cluster;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-image-mode-'));
  sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 20, ocpVersion: '4.19', nodes: { master: 1, worker: 1, infra: 2 } }),
  );
  c = await Cluster.connect({ explicit: sim.kubeconfig });
});

after(async () => {
  c.close();
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, f: () => T | undefined | null | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const conds = (o: SimObj | undefined) =>
  (o?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
const isTrue = (o: SimObj | undefined, t: string) => conds(o).some((x) => x.type === t && x.status === 'True');
const mosbsOf = (pool: string) =>
  sim.store.list('machineosbuilds').filter((b) => b.metadata.labels?.[`${ANN}target-machine-config-pool`] === pool);
const nodesOf = (role: string) => sim.store.list('nodes').filter((n) => `node-role.kubernetes.io/${role}` in (n.metadata.labels ?? {}));
const img = (n: SimObj, k: string) => n.metadata.annotations?.[`${ANN}${k}`];

async function secretsAndPushSpec(pool: string) {
  const secrets = await listSecrets(c);
  const builder = internalRegistrySecret(secrets);
  assert.ok(builder, 'the internal registry is on: the builder dockercfg secret is there');
  return { pushSecret: builder.name, pushSpec: internalPushSpec(pool) };
}

test('secrets come as names and types only; the internal registry shows as the builder push secret', async () => {
  const secrets = await listSecrets(c);
  assert.deepEqual(secrets, [
    { name: 'builder-dockercfg-sim7x', type: 'kubernetes.io/dockercfg', serviceAccount: 'builder' },
    { name: 'global-pull-secret-copy', type: 'kubernetes.io/dockerconfigjson' },
  ]);
  assert.ok(!JSON.stringify(secrets).includes('c2ltOnNpbQ'), 'no secret value left the module');
  assert.deepEqual(
    pushCapable([...secrets, { name: 'tls', type: 'kubernetes.io/tls' }, { name: 'o', type: 'Opaque' }]).map((s) => s.name),
    ['builder-dockercfg-sim7x', 'global-pull-secret-copy'],
  );
  assert.equal(internalRegistrySecret(secrets)?.name, 'builder-dockercfg-sim7x');
  assert.equal(internalRegistrySecret(secrets.filter((s) => s.serviceAccount !== 'builder')), null);
});

test("the dry run runs the API's CEL rules: a 422 carries the API's message and nothing is created", async () => {
  const { pushSecret, pushSpec } = await secretsAndPushSpec('worker');
  const named = wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec, pushSecret });
  named.metadata.name = 'my-layer';
  await assert.rejects(planMosc(c, named), (e: Error) =>
    /^The API server rejected the object \(422\): .*MachineOSConfig name must match the referenced MachineConfigPool name; can only have one MachineOSConfig per MachineConfigPool/.test(
      e.message,
    ),
  );
  const arch = wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec, pushSecret });
  (arch.spec!['containerFile'] as { containerfileArch: string }[])[0]!.containerfileArch = 'noarch';
  await assert.rejects(planMosc(c, arch), /422.*Unsupported value: "noarch"/);
  const push = wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec: 'localhost:5000/os:latest', pushSecret });
  await assert.rejects(planMosc(c, push), /422.*the OCI Image name should follow the host\[:port\]\[\/namespace\]\/name format/);
  assert.deepEqual(sim.store.list('machineosconfigs'), []);
});

test('apply: dry run writes nothing, create builds a MachineOSBuild that succeeds and rolls every node of the pool to its digest', async () => {
  const { pushSecret, pushSpec } = await secretsAndPushSpec('infra');
  const mosc = wrapContainerfile({ pool: 'infra', containerfile: CF, pushSpec, pushSecret });
  const plan = await planMosc(c, mosc);
  assert.deepEqual([plan.existing, plan.others], [null, []]);
  assert.equal(sim.store.get('machineosconfigs', 'infra'), undefined, 'the dry run created nothing');
  const r = await commitMosc(c, plan);
  assert.equal(r.action, 'created');
  assert.deepEqual(sim.store.get('machineosconfigs', 'infra')!['spec'], mosc.spec);
  const mosb = await until('a MachineOSBuild', () => mosbsOf('infra')[0]);
  assert.equal((mosb['spec'] as { renderedImagePushSpec: string }).renderedImagePushSpec, pushSpec);
  const done = await until('the build to succeed', () => {
    const b = sim.store.get('machineosbuilds', mosb.metadata.name);
    return isTrue(b, 'Succeeded') && b;
  });
  const digest = (done['status'] as { digestedImagePushSpec: string }).digestedImagePushSpec;
  assert.match(
    digest,
    /^image-registry\.openshift-image-registry\.svc:5000\/openshift-machine-config-operator\/os-image-infra@sha256:[0-9a-f]{64}$/,
  );
  await until('every infra node on the built image', () =>
    nodesOf('infra').every((n) => img(n, 'currentImage') === digest && img(n, 'state') === 'Done'),
  );
  assert.equal((await moscOfPool(c, 'infra'))?.metadata.name, 'infra');
  assert.equal(await moscOfPool(c, 'worker'), null);
});

test('rebuild sets the annotation; MCO builds again (a new MachineOSBuild object) and takes the annotation off', async () => {
  const before = mosbsOf('infra')[0]!;
  await requestRebuild(c, 'infra');
  const again = await until('a new MachineOSBuild', () => mosbsOf('infra').find((b) => b.metadata.uid !== before.metadata.uid));
  await until('the rebuild to succeed', () => isTrue(sim.store.get('machineosbuilds', again.metadata.name), 'Succeeded'));
  assert.equal(`${ANN}rebuild` in (sim.store.get('machineosconfigs', 'infra')!.metadata.annotations ?? {}), false);
  await assert.rejects(requestRebuild(c, 'worker'), /Pool worker on .* has no MachineOSConfig; nothing to rebuild\./);
});

test('applying again updates the MachineOSConfig in place (with its resourceVersion): a new build, no revert', async () => {
  const { pushSecret, pushSpec } = await secretsAndPushSpec('infra');
  const old = sim.store.get('machineosconfigs', 'infra')!;
  const mosc = wrapContainerfile({ pool: 'infra', containerfile: CF.replace('tree', 'tree htop'), pushSpec, pushSecret });
  const plan = await planMosc(c, mosc);
  assert.equal(plan.existing?.metadata.resourceVersion, old.metadata.resourceVersion);
  assert.equal(
    plan.mosc.metadata.annotations?.[`${ANN}current-machine-os-build`],
    old.metadata.annotations?.[`${ANN}current-machine-os-build`],
  );
  // Someone else changes it between review and apply: 409, nothing written.
  sim.store.mutate('machineosconfigs', 'infra', (m) => ((m.metadata.labels = { edited: 'by-someone' }), m));
  await assert.rejects(commitMosc(c, plan), (e: Error & { kind?: string }) => e.kind === 'conflict');
  const fresh = await planMosc(c, mosc);
  assert.equal((await commitMosc(c, fresh)).action, 'updated');
  const image = img(nodesOf('infra')[0]!, 'currentImage');
  const next = await until('a MachineOSBuild for the new spec', () =>
    mosbsOf('infra').find((b) => b.metadata.name !== old.metadata.annotations?.[`${ANN}current-machine-os-build`]),
  );
  assert.ok(next);
  assert.equal(img(nodesOf('infra')[0]!, 'currentImage'), image, 'nodes keep their image while the new one builds');
});

test('remove: deleting the MachineOSConfig (only as read) reverts every node of the pool to the base image', async () => {
  const m = (await moscOfPool(c, 'infra'))!;
  const stale = structuredClone(m);
  stale.metadata.resourceVersion = '1';
  await assert.rejects(deleteMosc(c, stale), /Conflict \(409\)/);
  await until('the update build', () =>
    isTrue(
      sim.store.get(
        'machineosbuilds',
        sim.store.get('machineosconfigs', 'infra')!.metadata.annotations![`${ANN}current-machine-os-build`]!,
      ),
      'Succeeded',
    ),
  );
  await deleteMosc(c, (await moscOfPool(c, 'infra'))!);
  assert.equal(sim.store.get('machineosconfigs', 'infra'), undefined);
  const base = img(nodesOf('worker')[0]!, 'currentImage');
  await until(
    'infra nodes back on the base image',
    () => nodesOf('infra').every((n) => img(n, 'currentImage') === base && img(n, 'state') === 'Done'),
    90_000,
  );
  await until('its builds gone with it', () => mosbsOf('infra').length === 0);
});

test('a MachineOSConfig of another name on the pool (from before the name rule) is deleted first, as it was reviewed', async () => {
  const { pushSecret, pushSpec } = await secretsAndPushSpec('worker');
  const legacy = wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec, pushSecret });
  legacy.metadata.name = 'legacy-worker';
  sim.store.create('machineosconfigs', legacy as SimObj); // the store, not the API: the API refuses that name today
  const plan = await planMosc(c, wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec, pushSecret }));
  assert.deepEqual(
    plan.others.map((o) => o.metadata.name),
    ['legacy-worker'],
  );
  assert.equal((await commitMosc(c, plan)).action, 'created');
  assert.deepEqual(
    sim.store.list('machineosconfigs').map((m) => m.metadata.name),
    ['worker'],
  );
  await deleteMosc(c, (await moscOfPool(c, 'worker'))!);
});

test("a user who may only read gets the API's 403 explained, and nothing is written", async () => {
  const ro = await Cluster.connect({ explicit: `${sim.kubeconfig}.readonly` });
  try {
    const { pushSecret, pushSpec } = await secretsAndPushSpec('worker');
    await assert.rejects(
      planMosc(ro, wrapContainerfile({ pool: 'worker', containerfile: CF, pushSpec, pushSecret })),
      /^Error: Forbidden \(403\): the user of context ".+" may not create machineosconfigs\/worker\. The API server said: machineosconfigs\.machineconfiguration\.openshift\.io is forbidden: User "readonly" cannot create/,
    );
    assert.equal(sim.store.get('machineosconfigs', 'worker'), undefined);
  } finally {
    ro.close();
  }
});

test('no secret that can push: the module says which types MCO needs and how to make one, without any value', async () => {
  for (const s of ['builder-dockercfg-sim7x', 'global-pull-secret-copy']) sim.store.delete('secrets', s, NS);
  const secrets = await listSecrets(c);
  assert.deepEqual(pushCapable(secrets), []);
  assert.equal(internalRegistrySecret(secrets), null);
  assert.match(
    noPushSecretMessage(c),
    /^No secret in openshift-machine-config-operator on .+ can push an image: MCO needs one of type kubernetes\.io\/dockerconfigjson or kubernetes\.io\/dockercfg with push \(and delete, for pruning\) rights/,
  );
});

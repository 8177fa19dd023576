/** The simulator's render controller: MCO's merge, a new rendered config for file-only changes, RenderDegraded. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { startSimulator, options, Simulator } from '../harness/cluster-sim/main';
import { mergeMachineConfigs, renderOrder, McLike } from '../harness/cluster-sim/render';

const ANN = 'machineconfiguration.openshift.io/';
const BASE = 'quay.io/base@sha256:' + 'b'.repeat(64);
const mc = (name: string, role: string, spec: Record<string, unknown>): McLike => ({
  metadata: { name, labels: { [`${ANN}role`]: role } },
  spec,
});
const file = (p: string, data: string) => ({ path: p, contents: { source: `data:,${data}` } });

test('merge order: worker MachineConfigs first, then the pool’s own, each by name; later files win', () => {
  const mcs = [
    mc('99-infra-conf', 'infra', { config: { ignition: { version: '3.4.0' }, storage: { files: [file('/etc/a.conf', 'infra')] } } }),
    mc('50-worker-conf', 'worker', { config: { ignition: { version: '3.4.0' }, storage: { files: [file('/etc/a.conf', 'worker')] } } }),
    mc('00-infra', 'infra', { kernelArguments: ['b=2'] }),
    mc('10-worker', 'worker', { kernelArguments: ['a=1'], fips: false }),
  ];
  assert.deepEqual(
    renderOrder(mcs).map((m) => m.metadata.name),
    ['10-worker', '50-worker-conf', '00-infra', '99-infra-conf'],
  );
  const r = mergeMachineConfigs(mcs, BASE);
  assert.ok(r.spec);
  assert.deepEqual(r.spec.config.storage?.files, [{ path: '/etc/a.conf', contents: { source: 'data:,infra' }, overwrite: true }]);
  assert.deepEqual(r.spec.kernelArguments, ['a=1', 'b=2']);
  assert.equal(r.spec.osImageURL, BASE);
  assert.equal(r.spec.kernelType, 'default');
});

test('merge: last osImageURL wins, realtime kernel wins, fips from any, units and users merged by name', () => {
  const r = mergeMachineConfigs(
    [
      mc('a', 'worker', { osImageURL: 'quay.io/x@sha256:' + '1'.repeat(64), kernelType: 'realtime', fips: true }),
      mc('b', 'worker', { osImageURL: 'quay.io/y@sha256:' + '2'.repeat(64), kernelType: 'default', extensions: ['usbguard'] }),
      mc('c', 'worker', {
        config: {
          ignition: { version: '3.4.0' },
          systemd: { units: [{ name: 'x.service', enabled: true, contents: '[Unit]' }] },
          passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['ssh-ed25519 A'] }] },
        },
      }),
      mc('d', 'worker', {
        config: {
          ignition: { version: '3.4.0' },
          systemd: { units: [{ name: 'x.service', enabled: false }] },
          passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['ssh-ed25519 B'] }] },
        },
      }),
    ],
    BASE,
  );
  assert.ok(r.spec);
  assert.equal(r.spec.osImageURL, 'quay.io/y@sha256:' + '2'.repeat(64));
  assert.equal(r.spec.kernelType, 'realtime');
  assert.equal(r.spec.fips, true);
  assert.deepEqual(r.spec.extensions, ['usbguard']);
  assert.deepEqual(r.spec.config.systemd?.units, [{ name: 'x.service', enabled: false, contents: '[Unit]' }]);
  assert.deepEqual(r.spec.config.passwd?.users, [{ name: 'core', sshAuthorizedKeys: ['ssh-ed25519 A', 'ssh-ed25519 B'] }]);
});

test('merge errors carry MCO’s messages', () => {
  assert.equal(
    mergeMachineConfigs([mc('a', 'worker', { kernelType: 'rt' })], BASE).error,
    'could not generate rendered MachineConfig: kernelType=rt is invalid',
  );
  assert.equal(
    mergeMachineConfigs([mc('a', 'worker', { kernelType: 'realtime', extensions: ['kernel-devel'] })], BASE).error,
    'could not generate rendered MachineConfig: installing kernel-devel extension is not supported with kernelType: realtime',
  );
  assert.equal(
    mergeMachineConfigs([mc('a', 'worker', { config: { ignition: { version: '3.4.0' } }, extensions: ['vim', 'usbguard'] })], BASE).error,
    'could not generate rendered MachineConfig: invalid extensions found: [vim]',
  );
});

let sim: Simulator;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-render-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kc'), speed: 40, nodes: { worker: 2, infra: 1, master: 1 } }));
});
after(async () => {
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const target = (pool: string) =>
  (sim.store.get('machineconfigpools', pool)!['spec'] as { configuration: { name: string } }).configuration.name;
const cond = (pool: string, type: string) =>
  (
    (sim.store.get('machineconfigpools', pool)!['status'] as { conditions?: { type: string; status: string; message: string }[] })
      .conditions ?? []
  ).find((c) => c.type === type);
async function until<T>(what: string, f: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
function kubectl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('kubectl', ['--kubeconfig', path.join(dir, 'kc'), ...args], { timeout: 60_000 }, (e, out, err) =>
      e ? reject(new Error(`kubectl ${args.join(' ')}: ${err}`)) : resolve(out),
    ),
  );
}

test('kubectl apply of a file-only MachineConfig renders a new config, and the worker and custom pools roll out to it', async () => {
  const before = { worker: target('worker'), infra: target('infra'), master: target('master') };
  const f = path.join(dir, 'file.yaml');
  fs.writeFileSync(
    f,
    [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: MachineConfig',
      'metadata:',
      '  name: 99-worker-motd',
      '  labels:',
      '    machineconfiguration.openshift.io/role: worker',
      'spec:',
      '  config:',
      '    ignition:',
      '      version: 3.4.0',
      '    storage:',
      '      files:',
      '      - path: /etc/motd',
      '        contents:',
      '          source: data:,hello',
    ].join('\n'),
  );
  await kubectl('apply', '--validate=false', '-f', f);
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', 'mcp/infra', '--timeout=60s');
  const now = { worker: target('worker'), infra: target('infra'), master: target('master') };
  assert.notEqual(now.worker, before.worker);
  assert.notEqual(now.infra, before.infra);
  assert.equal(now.master, before.master);
  const rendered = JSON.parse(await kubectl('get', 'mc', now.worker, '-o', 'json'));
  assert.deepEqual(rendered.spec.config.storage.files, [{ path: '/etc/motd', contents: { source: 'data:,hello' }, overwrite: true }]);
  const infraPool = JSON.parse(await kubectl('get', 'mcp', 'infra', '-o', 'json'));
  assert.deepEqual(
    infraPool.spec.configuration.source.map((s: { name: string }) => s.name),
    ['00-worker', '99-worker-motd', '00-infra'],
  );
  for (const n of sim.store.list('nodes').filter((x) => x.metadata.name.startsWith('worker-')))
    assert.equal(n.metadata.annotations?.[`${ANN}currentConfig`], now.worker);
});

test('a FIPS change and a bad kernelType degrade the render with MCO’s message; the pool keeps its target', async () => {
  const was = target('worker');
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '99-worker-fips', labels: { [`${ANN}role`]: 'worker' } },
    spec: { fips: true },
  });
  const c = await until('RenderDegraded', () => cond('worker', 'RenderDegraded')?.status === 'True' && cond('worker', 'RenderDegraded'));
  assert.equal(
    c.message,
    `Failed to render configuration for pool worker: could not generate rendered MachineConfig: reconciliation failed between current config "${was}" and base config "99-worker-fips": detected change to FIPS flag; refusing to modify FIPS on a running cluster`,
  );
  assert.equal(cond('worker', 'Degraded')?.status, 'True');
  assert.equal(target('worker'), was);
  sim.store.delete('machineconfigs', '99-worker-fips');
  await until('RenderDegraded cleared', () => cond('worker', 'RenderDegraded')?.status === 'False');
  assert.equal(target('worker'), was);
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '98-worker-kt', labels: { [`${ANN}role`]: 'worker' } },
    spec: { kernelType: 'rt' },
  });
  const k = await until('RenderDegraded', () => cond('worker', 'RenderDegraded')?.status === 'True' && cond('worker', 'RenderDegraded'));
  assert.equal(
    k.message,
    'Failed to render configuration for pool worker: could not generate rendered MachineConfig: kernelType=rt is invalid',
  );
  sim.store.delete('machineconfigs', '98-worker-kt');
  await until('RenderDegraded cleared', () => cond('worker', 'RenderDegraded')?.status === 'False');
});

test('4.16 (no disruption policies): a registries.d file reloads crio without cordon or reboot; a unit change reboots', async () => {
  const states: string[] = [];
  let cordoned = false;
  const on = (e: {
    plural: string;
    object: { metadata: { name: string; annotations?: Record<string, string> }; spec?: { unschedulable?: boolean } };
  }) => {
    if (e.plural !== 'nodes' || e.object.metadata.name !== 'worker-1') return;
    const s = e.object.metadata.annotations?.[`${ANN}state`] ?? '';
    if (states.at(-1) !== s) states.push(s);
    cordoned ||= !!e.object.spec?.unschedulable;
  };
  sim.store.on('event', on);
  const was = target('worker');
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '99-worker-sigstore', labels: { [`${ANN}role`]: 'worker' } },
    spec: { config: { ignition: { version: '3.4.0' }, storage: { files: [file('/etc/containers/registries.d/x.yaml', 'docker: {}')] } } },
  });
  await until('a new target', () => target('worker') !== was);
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', '--timeout=60s');
  assert.equal(sim.store.get('nodes', 'worker-1')!.metadata.annotations?.[`${ANN}currentConfig`], target('worker'));
  assert.deepEqual(states, ['Done', 'Working', 'Done']);
  assert.equal(cordoned, false);
  const ev = sim.store
    .list('events', 'default')
    .filter((e) => (e['involvedObject'] as { name: string }).name === 'worker-1')
    .map((e) => `${String(e['reason'])}: ${String(e['message'])}`);
  assert.ok(ev.includes('SkipReboot: Config changes do not require reboot. Service crio was reloaded.'), ev.join('\n'));
  states.length = 0;
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '99-worker-unit', labels: { [`${ANN}role`]: 'worker' } },
    spec: { config: { ignition: { version: '3.4.0' }, systemd: { units: [{ name: 'app.service', enabled: true, contents: '[Unit]' }] } } },
  });
  await until('worker-1 rebooting', () => states.includes('Rebooting'));
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', '--timeout=60s');
  assert.equal(cordoned, true);
  sim.store.off('event', on);
});

/**
 * A node's update as MCO tells it, seen with real kubectl: MachineConfigNode phases (4.19+), Node Events,
 * the machine-config-daemon pod's log, the UpdateInProgress taint and MCO's update order; and the
 * disruption actions taken (a Reload policy: no cordon, no reboot; an osImageURL: drain and reboot).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { startSimulator, options, Simulator } from '../harness/cluster-sim/main';
import type { Obj } from '../harness/cluster-sim/store';
import { daemonPodName, MCO_NS } from '../harness/cluster-sim/daemon';

const ANN = 'machineconfiguration.openshift.io/';
let sim: Simulator;
let dir: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-mcn-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kc'), speed: 10, ocpVersion: '4.19', nodes: { worker: 3, master: 1 } }));
});
after(async () => {
  await sim.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function kubectl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('kubectl', ['--kubeconfig', path.join(dir, 'kc'), ...args], { timeout: 60_000 }, (e, out, err) =>
      e ? reject(new Error(`kubectl ${args.join(' ')}: ${err}`)) : resolve(out),
    ),
  );
}
async function until<T>(what: string, f: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const conds = (o: Obj | undefined) =>
  (o?.['status'] as { conditions?: { type: string; status: string; reason: string; message: string }[] })?.conditions ?? [];
const cond = (o: Obj | undefined, type: string) => conds(o).find((c) => c.type === type);
const mcFile = (name: string, p: string, data: string) =>
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name, labels: { [`${ANN}role`]: 'worker' } },
    spec: { config: { ignition: { version: '3.4.0' }, storage: { files: [{ path: p, contents: { source: `data:,${data}` } }] } } },
  });
const target = () => (sim.store.get('machineconfigpools', 'worker')!['spec'] as { configuration: { name: string } }).configuration.name;
const events = (node: string) =>
  sim.store
    .list('events', 'default')
    .filter((e) => (e['involvedObject'] as { name: string }).name === node)
    .map((e) => `${String(e['reason'])}: ${String(e['message'])}`);

test('every node has a MachineConfigNode: kubectl get machineconfignodes shows NAME POOLNAME DESIREDCONFIG CURRENTCONFIG UPDATED', async () => {
  const out = (await kubectl('get', 'machineconfignodes')).trim().split('\n');
  assert.deepEqual(out[0]!.split(/\s+/), ['NAME', 'POOLNAME', 'DESIREDCONFIG', 'CURRENTCONFIG', 'UPDATED', 'AGE']);
  assert.equal(out.length, 5);
  assert.match(
    out.find((l) => l.startsWith('worker-0'))!,
    /^worker-0\s+worker\s+rendered-worker-[0-9a-f]{32}\s+rendered-worker-[0-9a-f]{32}\s+True\s+\d+s$/,
  );
  const wide = (await kubectl('get', 'machineconfignodes', '-o', 'wide')).split('\n')[0]!;
  for (const col of ['UPDATEPREPARED', 'UPDATEEXECUTED', 'UPDATEDFILESANDOS', 'CORDONEDNODE', 'DRAINEDNODE', 'REBOOTEDNODE'])
    assert.ok(wide.includes(col), col);
  const mcn = JSON.parse(await kubectl('get', 'machineconfignode', 'worker-1', '-o', 'json'));
  assert.deepEqual(cond(mcn, 'UpdatePrepared'), {
    ...cond(mcn, 'UpdatePrepared'),
    status: 'False',
    reason: 'NotYetOccurred',
    message: 'This node has not yet entered the UpdatePrepared phase',
  });
});

test('a file covered by a Reload policy: no cordon, no drain, no reboot; MCN, Events and the daemon log say so', async () => {
  await kubectl(
    'patch',
    'machineconfiguration',
    'cluster',
    '--type=merge',
    '-p',
    JSON.stringify({
      spec: {
        nodeDisruptionPolicy: { files: [{ path: '/etc/app.conf', actions: [{ type: 'Reload', reload: { serviceName: 'app.service' } }] }] },
      },
    }),
  );
  await until('the policy published', () =>
    JSON.stringify(sim.store.get('machineconfigurations', 'cluster')?.['status'] ?? {}).includes('/etc/app.conf'),
  );
  // Every node change of worker-0 from now on: it must never be unschedulable, NotReady or Rebooting.
  const seen: Obj[] = [];
  const phases: string[] = [];
  sim.store.on('event', (e: { plural: string; object: Obj }) => {
    if (e.plural === 'nodes' && e.object.metadata.name === 'worker-0') seen.push(e.object);
    if (e.plural === 'machineconfignodes' && e.object.metadata.name === 'worker-0') {
      const u = conds(e.object).find((c) => c.status === 'Unknown')?.type;
      if (u && phases.at(-1) !== u) phases.push(u);
    }
  });
  mcFile('99-worker-app', '/etc/app.conf', 'a=1');
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', '--timeout=60s');
  assert.ok(seen.length > 0);
  assert.ok(
    seen.every((n) => !(n['spec'] as { unschedulable?: boolean }).unschedulable),
    'never cordoned',
  );
  assert.ok(
    seen.every((n) => n.metadata.annotations?.[`${ANN}state`] !== 'Rebooting'),
    'never rebooting',
  );
  assert.ok(
    seen.every((n) => cond(n, 'Ready')?.status === 'True'),
    'never NotReady',
  );
  assert.deepEqual(phases, ['UpdateExecuted']);

  const mcn = JSON.parse(await kubectl('get', 'machineconfignode', 'worker-0', '-o', 'json'));
  assert.equal(cond(mcn, 'Updated')!.status, 'True');
  assert.equal(cond(mcn, 'Updated')!.message, 'Node worker-0 Updated');
  // The Updated call resets the phases to False, keeping what they said.
  assert.equal(
    cond(mcn, 'UpdatePrepared')!.message,
    `Action during update to ${target()}: Update Compatible. Post Cfg Actions: [] Drain Required: false`,
  );
  // Drained was False (not needed), so the reset leaves it as it was.
  assert.deepEqual([cond(mcn, 'Drained')!.status, cond(mcn, 'Drained')!.message], ['False', 'Node Drain Not required for this update.']);
  assert.equal(
    cond(mcn, 'UpdatePostActionComplete')!.message,
    `Action during update to ${target()}: Node has reloaded service app.service`,
  );
  assert.equal(cond(mcn, 'RebootedNode')!.reason, 'NotYetOccurred');
  assert.deepEqual(mcn.status.configVersion, { desired: target(), current: target() });

  const ev = events('worker-0');
  assert.ok(ev.includes('ServiceReload: Config changes do not require reboot. Service app.service was reloaded.'), ev.join('\n'));
  assert.ok(ev.includes(`NodeDone: Setting node worker-0, currentConfig ${target()} to Done`));
  assert.ok(!ev.some((e) => /^(Cordon|Drain|Reboot):/.test(e)), ev.join('\n'));
  const kev = await kubectl('get', 'events', '--field-selector', 'metadata.namespace=default');
  assert.match(kev, /ServiceReload\s+node\/worker-0\s+Config changes do not require reboot\. Service app\.service was reloaded\./);

  const log = await kubectl('logs', '-n', MCO_NS, daemonPodName('worker-0'));
  assert.match(log, /update\.go:\d+\] Calculated node disruption actions:\n.*update\.go:\d+\] Reload - app\.service\n/);
  assert.match(log, /Drain calculated for node disruption: false for config rendered-worker-/);
  assert.match(log, /app\.service service reloaded successfully!/);
  assert.doesNotMatch(log, /initiating reboot/);
});

test('an osImageURL cordons, drains and reboots, one node at a time in zone order, with the UpdateInProgress taint on the waiting ones', async () => {
  // Zones: worker-2 in zone a, worker-0 in zone b, worker-1 none: MCO takes worker-2, worker-0, worker-1.
  for (const [n, z] of [
    ['worker-2', 'a'],
    ['worker-0', 'b'],
  ] as const)
    sim.store.mutate('nodes', n, (x) => ((x.metadata.labels = { ...x.metadata.labels, 'topology.kubernetes.io/zone': z }), x));
  const started: string[] = [];
  let tainted = 0;
  const phases: string[] = [];
  sim.store.on('event', (e: { plural: string; object: Obj }) => {
    if (e.plural === 'nodes') {
      const n = e.object;
      if (n.metadata.annotations?.[`${ANN}state`] === 'Working' && !started.includes(n.metadata.name)) started.push(n.metadata.name);
      const t = ((n['spec'] as { taints?: { key: string; effect: string }[] }).taints ?? []).some(
        (x) => x.key === 'UpdateInProgress' && x.effect === 'PreferNoSchedule',
      );
      if (t) tainted++;
    }
    if (e.plural === 'machineconfignodes' && e.object.metadata.name === 'worker-1') {
      const u = conds(e.object).find((c) => c.status === 'Unknown')?.type;
      if (u && phases.at(-1) !== u) phases.push(u);
    }
  });
  const follow = spawn('kubectl', [
    '--kubeconfig',
    path.join(dir, 'kc'),
    'logs',
    '-f',
    '-n',
    MCO_NS,
    daemonPodName('worker-1'),
    '--since=1s',
  ]);
  let followed = '';
  follow.stdout.on('data', (d: Buffer) => (followed += d.toString()));
  const image = 'quay.io/example/custom@sha256:' + '4'.repeat(64);
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '99-worker-os', labels: { [`${ANN}role`]: 'worker' } },
    spec: { osImageURL: image },
  });
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', '--timeout=90s');
  follow.kill();
  assert.deepEqual(started, ['worker-2', 'worker-0', 'worker-1']);
  assert.ok(tainted > 0, 'waiting nodes carry UpdateInProgress:PreferNoSchedule');
  for (const n of sim.store.list('nodes'))
    assert.ok(!JSON.stringify(n['spec']).includes('UpdateInProgress'), `${n.metadata.name} untainted at the end`);
  assert.deepEqual(phases, ['UpdateExecuted', 'RebootedNode']);
  const ev = events('worker-1');
  for (const want of [
    'Cordon: Cordoned node to apply update',
    'Drain: Draining node to update config.',
    `OSUpdateStarted: Upgrading OS`,
    'OSUpdateStaged: Changes to OS staged',
    `Reboot: Node will reboot into config ${target()}`,
    `Uncordon: Update completed for config ${target()} and node has been uncordoned`,
  ])
    assert.ok(ev.includes(want), `${want}\n${ev.join('\n')}`);
  const mcn = sim.store.get('machineconfignodes', 'worker-1');
  assert.match(cond(mcn, 'UpdatePrepared')!.message, /Update Compatible\. Post Cfg Actions: \[\] Drain Required: true$/);
  assert.match(cond(mcn, 'RebootedNode')!.message, /: Node has rebooted$/);
  assert.match(followed, /Running rpm-ostree \[rebase --experimental ostree-unverified-registry:quay\.io\/example\/custom@sha256:4+\]/);
  assert.match(followed, /initiating reboot: Node will reboot into config rendered-worker-/);
});

test('a file covered by a Drain policy: cordon and drain, no reboot; the node stays Ready', async () => {
  await kubectl(
    'patch',
    'machineconfiguration',
    'cluster',
    '--type=merge',
    '-p',
    JSON.stringify({ spec: { nodeDisruptionPolicy: { files: [{ path: '/etc/drain-me.conf', actions: [{ type: 'Drain' }] }] } } }),
  );
  await until('the policy published', () =>
    JSON.stringify(sim.store.get('machineconfigurations', 'cluster')?.['status'] ?? {}).includes('/etc/drain-me.conf'),
  );
  const seen: Obj[] = [];
  sim.store.on('event', (e: { plural: string; object: Obj }) => {
    if (e.plural === 'nodes' && e.object.metadata.name === 'worker-1') seen.push(e.object);
  });
  const was = target();
  mcFile('99-worker-drain', '/etc/drain-me.conf', 'x');
  await until('a new target', () => target() !== was);
  await kubectl('wait', '--for=condition=Updated', 'mcp/worker', '--timeout=60s');
  assert.ok(
    seen.some((n) => (n['spec'] as { unschedulable?: boolean }).unschedulable),
    'cordoned',
  );
  assert.ok(
    seen.every((n) => n.metadata.annotations?.[`${ANN}state`] !== 'Rebooting'),
    'never rebooting',
  );
  assert.ok(
    seen.every((n) => cond(n, 'Ready')?.status === 'True'),
    'never NotReady',
  );
  const ev = events('worker-1');
  assert.ok(ev.includes('Drain: Draining node to update config.'));
  assert.ok(!ev.some((e) => e.startsWith('Reboot:') && e.includes(target())), ev.join('\n'));
  const mcn = sim.store.get('machineconfignodes', 'worker-1');
  assert.match(cond(mcn, 'UpdatePrepared')!.message, /Post Cfg Actions: \[\] Drain Required: true$/);
  assert.match(
    await kubectl('logs', '-n', MCO_NS, daemonPodName('worker-1')),
    /update\.go:\d+\] Drain\n(.*\n)*.*Drain calculated for node disruption: true/,
  );
});

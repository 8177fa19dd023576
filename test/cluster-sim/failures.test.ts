/**
 * Injected failures (`--fail`, options().fail, Simulator.injectFailure): each degrades the node with MCO's
 * text in the node's reason annotation, the MachineConfigNode's NodeDegraded condition and the daemon log;
 * clearing it lets the node retry.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { startSimulator, options, Simulator } from '../harness/cluster-sim/main';
import type { Obj } from '../harness/cluster-sim/store';
import { daemonPodName, MCO_NS } from '../harness/cluster-sim/daemon';
import { FailureKind, parseFailures } from '../harness/cluster-sim/failures';

const ANN = 'machineconfiguration.openshift.io/';
const IMAGE = 'quay.io/example/custom:v1';
const DIGEST = 'quay.io/example/custom@sha256:' + '5'.repeat(64);
let sim: Simulator;
let dir: string;
const workers = ['worker-0', 'worker-1', 'worker-2', 'worker-3', 'worker-4', 'worker-5'];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-sim-fail-'));
  const registry = path.join(dir, 'registry');
  fs.writeFileSync(registry, `${IMAGE}\n${DIGEST}\nquay.io/example/custom@sha256:${'6'.repeat(64)}\n`);
  sim = await startSimulator(
    options({
      kubeconfig: path.join(dir, 'kc'),
      speed: 20,
      ocpVersion: '4.19',
      nodes: { worker: 6, master: 1 },
      registry,
      fail: parseFailures('worker-0=pull-unauthorized,worker-1=manifest-unknown,worker-2=signature-rejected,worker-3=x509'),
    }),
  );
  sim.store.mutate('machineconfigpools', 'worker', (p) => (((p['spec'] as Record<string, unknown>)['maxUnavailable'] = 6), p));
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
async function until<T>(what: string, f: () => T | undefined | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const ann = (n: string, k: string) => sim.store.get('nodes', n)?.metadata.annotations?.[`${ANN}${k}`];
const nodeDegraded = (n: string) =>
  (
    (sim.store.get('machineconfignodes', n)?.['status'] as { conditions: { type: string; status: string; message: string }[] })
      ?.conditions ?? []
  ).find((c) => c.type === 'NodeDegraded');
const mc = (name: string, spec: Record<string, unknown>): Obj =>
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name, labels: { [`${ANN}role`]: 'worker' } },
    spec,
  });

test('--fail parses <node>=<kind>; an unknown kind names the known ones', () => {
  assert.deepEqual(parseFailures('a=x509, b=drain-pdb'), { a: 'x509', b: 'drain-pdb' });
  assert.throws(() => parseFailures('a=boom'), /unknown kind "boom"; one of pull-unauthorized, manifest-unknown, .*rendered-not-found/);
});

test('OS image pull failures: the reason says "after retries", the daemon log carries the registry’s answer five times', async () => {
  mc('99-worker-os', { osImageURL: IMAGE });
  const inner: Record<string, RegExp> = {
    'worker-0': /reading manifest v1 in quay\.io\/example\/custom: unauthorized: access to the requested resource is not authorized/,
    'worker-1': /reading manifest v1 in quay\.io\/example\/custom: manifest unknown/,
    'worker-2': /Source image rejected: A signature was required, but no signature exists/,
    'worker-3':
      /pinging container registry quay\.io: Get "https:\/\/quay\.io\/v2\/": tls: failed to verify certificate: x509: certificate signed by unknown authority/,
  };
  for (const n of Object.keys(inner)) {
    await until(`${n} Degraded`, () => ann(n, 'state') === 'Degraded');
    const reason = `Failed to update OS to ${IMAGE} after retries: timed out waiting for the condition`;
    assert.equal(ann(n, 'reason'), reason);
    assert.deepEqual([nodeDegraded(n)?.status, nodeDegraded(n)?.message], ['True', `Node ${n} upgrade failure. ${reason}`]);
    const log = await kubectl('logs', '-n', MCO_NS, daemonPodName(n), '-c', 'machine-config-daemon');
    const warnings = log
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('W') &&
          l.includes(
            `Failed to update OS to ${IMAGE} (will retry): error running rpm-ostree rebase --experimental ostree-unverified-registry:${IMAGE}: `,
          ),
      );
    assert.equal(warnings.length, 5, log);
    assert.match(warnings[0]!, inner[n]!);
    assert.match(
      log,
      new RegExp(
        `^E.* writer\\.go:231\\] Marking Degraded due to: "Failed to update OS to ${IMAGE.replace(/[./]/g, '\\$&')} after retries`,
        'm',
      ),
    );
  }
  // worker-4 and worker-5 have no failure: they finish.
  await until('worker-4 and -5 Done', () =>
    ['worker-4', 'worker-5'].every((n) => ann(n, 'currentImage') === IMAGE && ann(n, 'state') === 'Done'),
  );
  const mcp = JSON.parse(await kubectl('get', 'mcp', 'worker', '-o', 'json'));
  assert.equal(mcp.status.degradedMachineCount, 4);
  assert.match(
    mcp.status.conditions.find((c: { type: string }) => c.type === 'NodeDegraded').message,
    /Node worker-0 is reporting: "Failed to update OS to quay\.io\/example\/custom:v1 after retries: timed out waiting for the condition"/,
  );
  // Clearing the failures lets the nodes retry and finish.
  for (const n of ['worker-0', 'worker-1', 'worker-2', 'worker-3']) sim.clearFailure(n);
  await until('all workers on the image', () => workers.every((n) => ann(n, 'currentImage') === IMAGE && ann(n, 'state') === 'Done'));
  assert.equal(nodeDegraded('worker-0')?.status, 'False');
});

test('a drain blocked by a PodDisruptionBudget: Drained stays Unknown with the eviction error, then FailedToDrain and Degraded', async () => {
  sim.injectFailure('worker-4', 'drain-pdb');
  mc('99-worker-os2', { osImageURL: DIGEST });
  const drained = await until('the eviction error', () => {
    const c = (
      (sim.store.get('machineconfignodes', 'worker-4')?.['status'] as { conditions: { type: string; status: string; message: string }[] })
        ?.conditions ?? []
    ).find((x) => x.type === 'Drained');
    return c?.message.startsWith('Error: Node Drain has not succeeded') && c;
  });
  assert.equal(drained.status, 'Unknown');
  assert.match(
    drained.message,
    /Error is: \[error when evicting pods\/"app-0" -n "default": Cannot evict pod as it would violate the pod's disruption budget\.\]/,
  );
  assert.equal((sim.store.get('nodes', 'worker-4')!['spec'] as { unschedulable?: boolean }).unschedulable, true);
  await until('worker-4 Degraded', () => ann('worker-4', 'state') === 'Degraded');
  const reason = 'failed to drain node: worker-4 after 1 hour. Please see machine-config-controller logs for more information';
  assert.equal(ann('worker-4', 'reason'), reason);
  assert.equal(nodeDegraded('worker-4')?.message, `Node worker-4 upgrade failure. ${reason}`);
  const ev = await kubectl('get', 'events', '-n', 'default', '--field-selector', 'involvedObject.name=worker-4');
  assert.match(ev, /Warning\s+DrainThresholdExceeded\s+node\/worker-4\s+Drain failed\./);
  assert.match(ev, /Warning\s+FailedToDrain\s+node\/worker-4\s+failed to drain node: worker-4 after 1 hour/);
  sim.clearFailure('worker-4');
  await until('worker-4 on the digest', () => ann('worker-4', 'currentImage') === DIGEST && ann('worker-4', 'state') === 'Done');
});

test('on-disk state mismatch after the reboot, and a rendered config that is not found', async () => {
  const fails: [string, FailureKind][] = [
    ['worker-5', 'ondisk-mismatch'],
    ['worker-3', 'rendered-not-found'],
  ];
  for (const [n, k] of fails) sim.injectFailure(n, k);
  await until('every worker Done', () => workers.every((n) => ann(n, 'state') === 'Done'));
  mc('99-worker-os3', { osImageURL: 'quay.io/example/custom@sha256:' + '6'.repeat(64) });
  await until('worker-5 and worker-3 Degraded', () =>
    fails.every(([n]) => ann(n, 'state') === 'Degraded' && ann(n, 'desiredImage')?.endsWith('6'.repeat(64))),
  );
  const target = ann('worker-5', 'desiredConfig')!;
  assert.equal(
    ann('worker-5', 'reason'),
    `unexpected on-disk state validating against ${target}: expected target osImageURL "quay.io/example/custom@sha256:${'6'.repeat(64)}", have "${DIGEST}"`,
  );
  assert.equal(ann('worker-3', 'reason'), `machineconfig.machineconfiguration.openshift.io "${target}" not found`);
  assert.equal(
    nodeDegraded('worker-3')?.message,
    `Node worker-3 upgrade failure. machineconfig.machineconfiguration.openshift.io "${target}" not found`,
  );
  const ev = await kubectl('get', 'events', '-n', 'default', '--field-selector', 'involvedObject.name=worker-5');
  assert.match(ev, /Warning\s+OnDiskStateValidationFailed\s+node\/worker-5\s+unexpected on-disk state validating against/);
  assert.match(
    await kubectl('logs', '-n', MCO_NS, daemonPodName('worker-5')),
    /Marking Degraded due to: "unexpected on-disk state validating against/,
  );
});

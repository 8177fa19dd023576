/**
 * How often the plan shown before a write matches what the cluster simulator then does, over N random
 * MachineConfig changes (files under policy paths or not, units, SSH keys, kernel arguments,
 * extensions, kernelType, osImageURL, deletes). Each change goes through the API like Apply and
 * Roll Back do; the predictor runs on what the cluster says just before. Compared, when the simulator
 * can tell:
 *   - rolls out or not: the pool gets a new rendered config iff the plan says the render changes;
 *   - drain: each node's MachineConfigNode UpdatePrepared "Drain Required: …" (only when MCNs are served);
 *   - reboot: the node's Events (Reboot vs SkipReboot/ServiceReload…) after the write (only when served);
 *   - the action list, drain and reboot against the simulator's own MCO algorithm (actionsFor) on the
 *     rendered configs it produced, before and after.
 *   npm run bench:plan  [CHANGES=200 SEED=15 OCP=4.19]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../test/harness/cluster-sim/main';
import { Cluster } from '../client/src/cluster/cluster';
import type { Obj } from '../client/src/cluster/cluster';
import { commitApply, planApply } from '../client/src/cluster/apply';
import { predict } from '../client/src/cluster/plan/predict';
import type { Change } from '../client/src/cluster/plan/predict';
import { livePolicies } from '../client/src/cluster/plan/policies';
import { updatePrepared } from '../client/src/cluster/plan/prepared';
import { listMachineConfigNodes } from '../client/src/cluster/machineConfigNodes';
import { actionsFor } from '../test/harness/cluster-sim/disruption';
import type { ClusterPolicies as SimPolicies, RenderedLike } from '../test/harness/cluster-sim/disruption';

const CHANGES = Number(process.env.CHANGES ?? 200);
const OCP = process.env.OCP ?? '4.19';
let seed = Number(process.env.SEED ?? 15);
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const ROLE = 'machineconfiguration.openshift.io/role';
const PATHS = [
  '/etc/containers/policy.json',
  '/etc/containers/registries.d/quay.yaml',
  '/etc/containers/registries.conf',
  '/etc/nmstate/openshift/br-ex.yml',
  '/var/lib/kubelet/config.json',
  '/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt',
  '/etc/crio/policies/p.json',
  '/etc/foo.conf',
  '/etc/chrony.conf',
  '/etc/sysctl.d/99-bench.conf',
];
const UNITS = ['bench.service', 'iri-registry.service', 'extra.timer'];

function randomMc(i: number): Obj {
  const name = `99-bench-${pick(['a', 'b', 'c', 'd'])}`;
  const kind = pick(['file', 'file', 'file', 'files', 'unit', 'ssh', 'kargs', 'ext', 'kernel', 'image']);
  const spec: Record<string, unknown> = {};
  const ign: Record<string, unknown> = { ignition: { version: '3.4.0' } };
  const file = (p: string) => ({ path: p, mode: 420, contents: { source: `data:,v${i}` } });
  if (kind === 'file') ign['storage'] = { files: [file(pick(PATHS))] };
  if (kind === 'files')
    ign['storage'] = { files: [file(pick(PATHS)), file(pick(PATHS))].filter((f, j, a) => a.findIndex((g) => g.path === f.path) === j) };
  if (kind === 'unit') ign['systemd'] = { units: [{ name: pick(UNITS), enabled: true, contents: `[Unit]\nDescription=v${i}\n` }] };
  if (kind === 'ssh') ign['passwd'] = { users: [{ name: 'core', sshAuthorizedKeys: [`ssh-ed25519 AAAA${i} bench`] }] };
  if (kind === 'kargs') spec['kernelArguments'] = [`bench.v=${i}`];
  if (kind === 'ext') spec['extensions'] = [pick(['usbguard', 'kerberos', 'wasm'])];
  if (kind === 'kernel') spec['kernelType'] = pick(['default', 'realtime']);
  if (kind === 'image') spec['osImageURL'] = `quay.io/bench/os@sha256:${(i % 16).toString(16).repeat(64)}`;
  spec['config'] = ign;
  return {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name, labels: { [ROLE]: 'worker' } },
    spec,
  };
}

/** The change in a few words, for the list of mismatches. */
function describe(change: Change): string {
  if ('remove' in change) return `delete ${change.remove}`;
  const spec = { ...change.apply.spec };
  const ign = spec['config'] as Record<string, unknown>;
  delete spec['config'];
  const what: Record<string, unknown> = { ...spec };
  if (ign['storage']) what['files'] = (ign['storage'] as { files: { path: string }[] }).files.map((f) => f.path);
  if (ign['systemd']) what['units'] = (ign['systemd'] as { units: { name: string }[] }).units.map((u) => u.name);
  if (ign['passwd']) what['ssh'] = true;
  return `${change.apply.metadata.name} ${JSON.stringify(what)}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settled(c: Cluster, ms: number): Promise<Obj> {
  const end = Date.now() + ms;
  for (;;) {
    const pool = (await c.get('machineconfigpools', 'worker'))!;
    const st = pool.status ?? {};
    const conds = (st['conditions'] as { type: string; status: string }[] | undefined) ?? [];
    const target = (pool.spec?.['configuration'] as { name?: string } | undefined)?.name;
    const done =
      conds.some((x) => x.type === 'Updated' && x.status === 'True') &&
      (st['configuration'] as { name?: string } | undefined)?.name === target;
    if (done || Date.now() > end) return pool;
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-plan-'));
  const sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kubeconfig'), speed: 50, ocpVersion: OCP, nodes: { worker: 2, master: 1 } }),
  );
  const c = await Cluster.connect({ explicit: sim.kubeconfig });
  const tally = { rollout: [0, 0], drain: [0, 0], reboot: [0, 0], actions: [0, 0] };
  const misses: string[] = [];
  let mcnsServed = false;
  let eventsServed = false;
  try {
    for (let i = 0; i < CHANGES; i++) {
      const [pools, mcs, nodes] = await Promise.all([c.list('machineconfigpools'), c.list('machineconfigs'), c.list('nodes')]);
      const ours = mcs.items.filter((m) => m.metadata.name.startsWith('99-bench-'));
      const change: Change = ours.length && rand() < 0.15 ? { remove: pick(ours).metadata.name } : { apply: randomMc(i) };
      const p = predict({
        pools: pools.items,
        mcs: mcs.items,
        change,
        policies: livePolicies(await c.machineConfiguration()),
        version: await c.ocpVersion(),
        nodes: nodes.items,
      });
      const worker = p.pools.find((x) => x.pool === 'worker');
      const before = (pools.items.find((x) => x.metadata.name === 'worker')!.spec?.['configuration'] as { name?: string }).name;
      const at = Date.now();
      try {
        if ('apply' in change) await commitApply(c, await planApply(c, change.apply));
        else await c.delete(change.remove);
      } catch (e) {
        // The simulator refused it (e.g. an irreconcilable change): the render degrades; not a plan question.
        misses.push(`#${i} write refused: ${e instanceof Error ? e.message.slice(0, 120) : String(e)}`);
        continue;
      }
      await sleep(150);
      const pool = await settled(c, 15_000);
      const after = (pool.spec?.['configuration'] as { name?: string }).name;
      const rolled = after !== before;
      const predictedRoll = !!worker && !worker.unchanged;
      tally.rollout[1]!++;
      if (rolled === predictedRoll) tally.rollout[0]!++;
      else
        misses.push(
          `#${i} rollout: planned ${predictedRoll ? 'a rollout' : 'none'}, simulator ${rolled ? 'rolled out' : 'did not'} (${describe(change)}): ${p.lines[0]}`,
        );
      if (!rolled || !worker) continue;
      {
        const mcfg = await c.machineConfiguration();
        const cp = (mcfg?.status?.['nodeDisruptionPolicyStatus'] as { clusterPolicies?: SimPolicies } | undefined)?.clusterPolicies ?? null;
        const specOf = (n: string | undefined) => (sim.store.get('machineconfigs', n ?? '')?.spec ?? {}) as RenderedLike;
        const legacy = !livePolicies(mcfg);
        const sim_ = actionsFor(specOf(before), specOf(after), legacy ? null : cp);
        const mine = worker.decision;
        const words = (xs: { type: string; reload?: { serviceName: string }; restart?: { serviceName: string } }[]) =>
          xs.map((a) => `${a.type}${a.reload ? `:${a.reload.serviceName}` : ''}${a.restart ? `:${a.restart.serviceName}` : ''}`).join(',');
        const sorted = (xs: Parameters<typeof words>[0]) => words(xs).split(',').sort().join(',');
        const agree =
          mine.actions.some((a) => a.type === 'Reboot') === sim_.reboot &&
          (mine.drain === 'maybe' || mine.drain === sim_.drain) &&
          // As a multiset: MCO collects the changed paths from Go maps (CalculateConfigFileDiffs), so its order is not fixed.
          (sim_.reboot || sorted(mine.actions) === sorted(sim_.actions));
        tally.actions[1]!++;
        if (agree) tally.actions[0]!++;
        else
          misses.push(
            `#${i} actionsFor: planned [${words(mine.actions)}] drain ${mine.drain}, simulator [${words(sim_.actions)}] drain ${sim_.drain} reboot ${sim_.reboot} (${describe(change)})`,
          );
      }
      const mcns = await listMachineConfigNodes(c);
      if (mcns?.length) {
        mcnsServed = true;
        for (const m of mcns.filter((x) => (x.spec?.['pool'] as { name?: string } | undefined)?.name === 'worker')) {
          const r = updatePrepared(m);
          if (!r || r.at < at - 1000 || worker.decision.drain === 'maybe') continue;
          tally.drain[1]!++;
          if (r.drain === worker.decision.drain) tally.drain[0]!++;
          else misses.push(`#${i} drain on ${m.metadata.name}: planned ${worker.decision.drain}, UpdatePrepared ${r.drain}: ${p.lines[0]}`);
        }
      }
      const core = c.kc.makeApiClient((await import('@kubernetes/client-node')).CoreV1Api);
      const events = await core.listNamespacedEvent({ namespace: 'default' }).then(
        (l) => l.items,
        () => [],
      );
      const recent = events.filter(
        (e) => e.involvedObject?.kind === 'Node' && Date.parse(String(e.lastTimestamp ?? e.eventTime ?? 0)) >= at,
      );
      const perNode = new Map<string, Set<string>>();
      for (const e of recent) perNode.set(e.involvedObject.name!, (perNode.get(e.involvedObject.name!) ?? new Set()).add(e.reason ?? ''));
      for (const [node, reasons] of perNode) {
        if (!reasons.has('Reboot') && !reasons.has('SkipReboot')) continue;
        eventsServed = true;
        const predicted = worker.decision.actions.some((a) => a.type === 'Reboot');
        tally.reboot[1]!++;
        if (reasons.has('Reboot') === predicted) tally.reboot[0]!++;
        else
          misses.push(
            `#${i} reboot on ${node}: planned ${predicted ? 'reboot' : 'no reboot'}, events ${[...reasons].join(',')}: ${p.lines[0]}`,
          );
      }
    }
  } finally {
    c.close();
    await sim.stop();
  }
  const rate = ([ok, n]: number[]) => (n ? `${ok}/${n} = ${((100 * ok!) / n).toFixed(1)}%` : 'not measured');
  console.log(`${CHANGES} random MachineConfig changes on the simulator (OpenShift ${OCP}, seed ${process.env.SEED ?? 15})`);
  console.log(`rolls out or not (new rendered config): ${rate(tally.rollout)}`);
  console.log(`actions, drain and reboot vs the simulator's MCO algorithm (actionsFor) on its rendered configs: ${rate(tally.actions)}`);
  console.log(
    `drain vs MachineConfigNode UpdatePrepared: ${mcnsServed ? rate(tally.drain) : 'not measured (the simulator serves no MachineConfigNodes)'}`,
  );
  console.log(
    `reboot vs node Events: ${eventsServed ? rate(tally.reboot) : 'not measured (the simulator writes no Reboot/SkipReboot events)'}`,
  );
  if (misses.length) console.log(`mismatches and refusals (${misses.length}):\n  ${misses.slice(0, 30).join('\n  ')}`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});

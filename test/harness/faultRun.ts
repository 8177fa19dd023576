/**
 * Drives rollouts through the fault proxy: the cluster module watches through the proxy, faults run
 * one after another while a rollout is going, and after each one the time until the model equals
 * the API server's own state is measured. A new rollout starts only when the previous one is done on
 * the server, so every final state (a node Done on its new config, a pool Updated N/N) stays on the
 * server until the model has caught up: one the model never showed is a lost update. Used by
 * test/cluster/faults.test.ts, test/cluster/faults50.test.ts and bench/watch-faults.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from './cluster-sim/main';
import type { WatchEvent } from './cluster-sim/store';
import { startFaultProxy } from './faultProxy';
import type { FaultKind } from './faultProxy';
import { Cluster } from '../../client/src/cluster/cluster';
import type { Kind, Obj } from '../../client/src/cluster/cluster';
import { Connector } from '../../client/src/cluster/connector';
import { KINDS, RolloutFeed } from '../../client/src/cluster/rolloutFeed';
import { poolView } from '../../client/src/cluster/rollout';
import type { WatchOptions } from '../../client/src/cluster/watcher';
import { commitApply, layerMachineConfig, planApply } from '../../client/src/cluster/apply';

export interface FaultResult {
  kind: FaultKind;
  /** From the end of the fault until the model equals the server; null when it did not within the limit. */
  convergedMs: number | null;
  /** Requests the proxy received during the fault, and how long the fault lasted. */
  requests: number;
  seconds: number;
  /** Final states the server reached while this fault or its recovery was going on, and the model never showed. */
  lost: string[];
}

export interface RunResult {
  faults: FaultResult[];
  /** Nodes whose final state (config and state) after the last rollout the model never showed. */
  unseenFinal: string[];
  rollouts: number;
  /** What the model retains at the end: its objects as JSON, and the heap it holds (with node --expose-gc). */
  memory: { modelJsonBytes: number; modelHeapBytes: number | null };
}

export interface RunOptions {
  workers: number;
  faultMs: number;
  limitMs: number;
  /** Simulator speed: 20 is twenty times faster than the default delays. */
  speed?: number;
  /** The watch's silence limit (the simulator bookmarks every second). */
  silenceMs?: number;
  /** Other watch options (backoff, floor), to see the checks catch a watch that retries too fast. */
  watch?: WatchOptions;
  /** MachineConfigs with this many bytes of file contents each, created before the watches start. */
  bigMachineConfigs?: { count: number; bytes: number };
  onFault?(f: FaultResult): void;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ANN = 'machineconfiguration.openshift.io/';

/** A final state as the server holds it: a node Done on its desired config, or a pool Updated with every node. */
function finalState(e: WatchEvent): string | undefined {
  const o = e.object as unknown as Obj;
  if (e.type === 'DELETED') return undefined;
  if (e.plural === 'nodes') {
    const a = o.metadata.annotations ?? {};
    const current = a[`${ANN}currentConfig`];
    if ((a[`${ANN}state`] ?? 'Done') === 'Done' && current && current === a[`${ANN}desiredConfig`])
      return `node ${o.metadata.name} ${current} Done`;
  }
  if (e.plural === 'machineconfigpools') {
    const v = poolView(o);
    if (v.state === 'Updated' && v.updated === v.total) return `pool ${v.name} ${v.target} Updated ${v.updated}/${v.total}`;
  }
  return undefined;
}

export async function runFaults(plan: FaultKind[], o: RunOptions): Promise<RunResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-faults-'));
  const sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: o.workers, master: 1 }, speed: o.speed ?? 20 }),
  );
  for (let i = 0; i < (o.bigMachineConfigs?.count ?? 0); i++)
    sim.store.create('machineconfigs', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfig',
      metadata: { name: `50-worker-big-${i}`, labels: { [`${ANN}role`]: 'worker' } },
      spec: {
        config: {
          ignition: { version: '3.4.0' },
          storage: {
            files: [{ path: `/etc/big-${i}`, mode: 420, contents: { source: `data:,${'x'.repeat(o.bigMachineConfigs!.bytes)}` } }],
          },
        },
      },
    });
  const proxy = await startFaultProxy(sim.url, sim.tls!);
  const proxied = path.join(dir, 'proxied');
  fs.writeFileSync(proxied, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/server: \S+/, `server: ${proxy.url}`));
  const connector = new Connector(() => Cluster.connect({ explicit: proxied }, undefined, { timeoutMs: 2_000 }));
  /** What the model showed: node `currentConfig state`, pool `target state updated/total`. */
  const seen = new Map<string, Set<string>>();
  const saw = (key: string, v: string) => (seen.get(key) ?? seen.set(key, new Set()).get(key)!).add(v);
  let closing = false;
  const feed: RolloutFeed = new RolloutFeed(
    connector,
    {
      changed: (c) => {
        for (const n of c.nodes) {
          const v = feed.model.node(n);
          if (v) saw(`node ${n}`, `${v.currentConfig} ${v.state}`);
        }
        for (const p of c.pools) {
          const v = feed.model.pool(p);
          if (v) saw(`pool ${p}`, `${v.target} ${v.state} ${v.updated}/${v.total}`);
        }
      },
      // The tree asks again a moment after each reset, as VS Code does.
      reset: () => {
        if (!closing) void wait(10).then(() => (closing ? undefined : feed.start()));
      },
    },
    { silenceMs: o.silenceMs ?? 3_000, timeoutSeconds: 60, ...o.watch },
  );
  // Final states the server reached, with the fault during (or after) which each was reached.
  const finals: { state: string; fault: number }[] = [];
  let current = -1;
  const onServer = (e: WatchEvent) => {
    const s = finalState(e);
    if (s) finals.push({ state: s, fault: current });
  };
  sim.store.on('event', onServer);
  const shown = (state: string) => {
    const [what, name, ...rest] = state.split(' ');
    return seen.get(`${what} ${name}`)?.has(rest.join(' ')) ?? false;
  };
  const same = () =>
    KINDS.every((k: Kind) => {
      const server = sim.store.scan(k); // read only, not copied: this runs every 25 ms
      const mine = feed.model[k === 'nodes' ? 'nodes' : k === 'machineconfigpools' ? 'pools' : 'mcs'];
      return (
        server.length === mine.size &&
        server.every((x) => mine.get(x.metadata.name)?.metadata.resourceVersion === x.metadata.resourceVersion)
      );
    });
  const rolloutDone = () =>
    sim.store.list('nodes').every((x) => (x.metadata.annotations?.[`${ANN}state`] ?? 'Done') === 'Done') &&
    poolView(sim.store.get('machineconfigpools', 'worker') as unknown as Obj).state === 'Updated';
  const faults: FaultResult[] = [];
  let rollouts = 0;
  let stopped = false;
  try {
    await feed.start();
    const direct = await Cluster.connect({ explicit: sim.kubeconfig });
    for (const kind of plan) {
      // Keep a rollout going: each fault lands while nodes are changing; the next starts when this one is done.
      if (rolloutDone()) {
        const image = `quay.io/example/layered@sha256:${(++rollouts % 16).toString(16).repeat(64)}`;
        await commitApply(direct, await planApply(direct, layerMachineConfig('worker', image)));
      }
      current = faults.length;
      const before = proxy.requests();
      const t0 = Date.now();
      await proxy.fault(kind, o.faultMs);
      const seconds = (Date.now() - t0) / 1000;
      const requests = kind === 'cut' ? 0 : proxy.requests() - before;
      const end = Date.now();
      let convergedMs: number | null = null;
      while (Date.now() - end < o.limitMs) {
        if (same()) {
          convergedMs = Date.now() - end;
          break;
        }
        await wait(25);
      }
      faults.push({ kind, convergedMs, requests, seconds, lost: [] });
    }
    // Let the last rollout finish; every node's final state must have been on screen.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(rolloutDone() && same())) await wait(50);
    sim.store.off('event', onServer);
    for (const f of finals) if (f.fault >= 0 && !shown(f.state)) faults[f.fault]!.lost.push(f.state);
    for (const f of faults) o.onFault?.(f);
    const unseenFinal = sim.store
      .list('nodes')
      .map((x) => {
        const a = x.metadata.annotations ?? {};
        return [x.metadata.name, `${a[`${ANN}currentConfig`]} ${a[`${ANN}state`] ?? 'Done'}`];
      })
      .filter(([name, final]) => !seen.get(`node ${name!}`)?.has(final!))
      .map(([name]) => name!);
    const modelJsonBytes = JSON.stringify([...feed.model.pools.values(), ...feed.model.nodes.values(), ...feed.model.mcs.values()]).length;
    const gc = (globalThis as { gc?: () => void }).gc;
    let modelHeapBytes: number | null = null;
    closing = true;
    feed.dispose();
    await proxy.stop();
    await sim.stop(); // nothing moves any more: the simulator's history and the sockets stay as they are
    stopped = true;
    if (gc) {
      gc();
      const withModel = process.memoryUsage().heapUsed;
      feed.restart(); // an empty model in its place: the difference is what the model held
      gc();
      modelHeapBytes = withModel - process.memoryUsage().heapUsed;
    }
    return { faults, unseenFinal, rollouts, memory: { modelJsonBytes, modelHeapBytes } };
  } finally {
    closing = true;
    sim.store.off('event', onServer);
    feed.dispose();
    if (!stopped) {
      await proxy.stop();
      await sim.stop();
    }
  }
}

/** Per fault kind: count, convergence min / median / max, lost updates, requests per second per watch during the faults. */
export function faultTable(r: RunResult): string {
  const kinds = [...new Set(r.faults.map((f) => f.kind))];
  const rows = kinds.map((kind) => {
    const f = r.faults.filter((x) => x.kind === kind);
    const ms = f
      .map((x) => x.convergedMs)
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    const at = (q: number) => (ms.length ? String(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]) : '-');
    return [
      kind,
      String(f.length),
      at(0),
      at(0.5),
      ms.length ? String(ms[ms.length - 1]) : '-',
      String(f.length - ms.length),
      String(f.reduce((n, x) => n + x.lost.length, 0)),
      kind === 'cut' ? '-' : perWatchPerSecond(f).toFixed(2),
    ];
  });
  const head = ['fault', 'n', 'min ms', 'median ms', 'max ms', 'not converged', 'lost updates', 'req/s per watch'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Requests per second per watch (3 watches) over all the faults given, taken together. */
export function perWatchPerSecond(f: FaultResult[]): number {
  const seconds = f.reduce((n, x) => n + x.seconds, 0);
  return seconds > 0 ? f.reduce((n, x) => n + x.requests, 0) / seconds / KINDS.length : 0;
}

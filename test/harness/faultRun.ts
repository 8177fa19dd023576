/**
 * Drives a rollout through the fault proxy: the cluster module watches through the proxy, each fault
 * runs for a while, and after each one the time until the model equals the API server's own state is
 * measured. Used by test/cluster/faults.test.ts and bench/watch-faults.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from './cluster-sim/main';
import { startFaultProxy } from './faultProxy';
import type { FaultKind } from './faultProxy';
import { Cluster } from '../../client/src/cluster/cluster';
import type { Kind } from '../../client/src/cluster/cluster';
import { Connector } from '../../client/src/cluster/connector';
import { KINDS, RolloutFeed } from '../../client/src/cluster/rolloutFeed';
import { commitApply, layerMachineConfig, planApply } from '../../client/src/cluster/apply';

export interface FaultResult {
  kind: FaultKind;
  /** From the end of the fault until the model equals the server; null when it did not within the limit. */
  convergedMs: number | null;
  /** Requests the proxy received per second during the fault, per watch (3 watches). */
  perWatchPerSecond: number;
}

export interface RunResult {
  faults: FaultResult[];
  /** Nodes whose final state (config and state) the model never showed. */
  unseenFinal: string[];
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runFaults(
  plan: FaultKind[],
  o: { workers: number; faultMs: number; limitMs: number; onFault?(f: FaultResult): void },
): Promise<RunResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-faults-'));
  const sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: o.workers, master: 1 }, speed: 20 }),
  );
  const proxy = await startFaultProxy(sim.url, sim.tls!);
  const proxied = path.join(dir, 'proxied');
  fs.writeFileSync(proxied, fs.readFileSync(sim.kubeconfig, 'utf8').replace(/server: \S+/, `server: ${proxy.url}`));
  const connector = new Connector(() => Cluster.connect({ explicit: proxied }, undefined, { timeoutMs: 2_000 }));
  const seen = new Map<string, Set<string>>();
  const feed: RolloutFeed = new RolloutFeed(
    connector,
    {
      changed: (c) => {
        for (const n of c.nodes) {
          const v = feed.model.node(n);
          if (v) (seen.get(n) ?? seen.set(n, new Set()).get(n)!).add(`${v.currentConfig} ${v.state}`);
        }
      },
      reset: () => void wait(10).then(() => feed.start()),
    },
    { silenceMs: 3_000, timeoutSeconds: 60 },
  );
  const same = () =>
    KINDS.every((k: Kind) => {
      const server = sim.store.list(k);
      const mine = feed.model[k === 'nodes' ? 'nodes' : k === 'machineconfigpools' ? 'pools' : 'mcs'];
      return (
        server.length === mine.size &&
        server.every((x) => mine.get(x.metadata.name)?.metadata.resourceVersion === x.metadata.resourceVersion)
      );
    });
  const faults: FaultResult[] = [];
  try {
    await feed.start();
    const direct = await Cluster.connect({ explicit: sim.kubeconfig });
    let n = 0;
    for (const kind of plan) {
      // Keep a rollout going: each fault lands while nodes are changing.
      if (n++ % 4 === 0) {
        const image = `quay.io/example/layered@sha256:${(n % 16).toString(16).repeat(64)}`;
        await commitApply(direct, await planApply(direct, layerMachineConfig('worker', image)));
      }
      const before = proxy.requests();
      const t0 = Date.now();
      await proxy.fault(kind, o.faultMs);
      const secs = Math.max(0.001, (Date.now() - t0) / 1000);
      const perWatchPerSecond = kind === 'cut' ? 0 : (proxy.requests() - before) / secs / KINDS.length;
      const end = Date.now();
      let convergedMs: number | null = null;
      while (Date.now() - end < o.limitMs) {
        if (same()) {
          convergedMs = Date.now() - end;
          break;
        }
        await wait(20);
      }
      faults.push({ kind, convergedMs, perWatchPerSecond });
      o.onFault?.(faults[faults.length - 1]!);
    }
    // Let the last rollout finish; every node's final state must have been on screen.
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      !(sim.store.list('nodes').every((x) => !/Working|Rebooting/.test(JSON.stringify(x.metadata.annotations))) && same())
    )
      await wait(50);
    const unseenFinal = sim.store
      .list('nodes')
      .map((x) => {
        const a = x.metadata.annotations ?? {};
        return [
          x.metadata.name,
          `${a['machineconfiguration.openshift.io/currentConfig']} ${a['machineconfiguration.openshift.io/state'] ?? 'Done'}`,
        ];
      })
      .filter(([name, final]) => !seen.get(name!)?.has(final!))
      .map(([name]) => name!);
    return { faults, unseenFinal };
  } finally {
    feed.dispose();
    await proxy.stop();
    await sim.stop();
  }
}

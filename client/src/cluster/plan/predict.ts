/**
 * The plan for one change (apply a MachineConfig, or delete one): per affected pool, the rendered diff
 * and the action MCO's daemon will take, with the waves. Pure: everything it needs is passed in.
 */
import type { Obj } from '../cluster';
import { decideLegacy, decideWithPolicies } from './actions';
import type { Decision } from './actions';
import { diffRendered, isEmptyDiff } from './diff';
import { describeBehind, describePool, describeWaves } from './describe';
import type { PoolPlan } from './describe';
import { defaultClusterPolicies, minorOf, usesPolicies } from './policies';
import type { ClusterPolicies } from './policies';
import { poolConfigs, render, withChange } from './render';
import { poolNodes, wavesFor } from './waves';

export type Change = { apply: Obj } | { remove: string };

export interface PlanInput {
  pools: Obj[];
  /** Every MachineConfig on the cluster now (rendered ones are ignored). */
  mcs: Obj[];
  change: Change;
  /** The live `clusterPolicies`, or null when MachineConfiguration/cluster could not be read. */
  policies: ClusterPolicies | null;
  /** The cluster's OpenShift version ("4.19"), or null. */
  version: string | null;
  nodes?: Obj[];
  /** Pools a MachineOSConfig targets (on-cluster layering). */
  layeredPools?: ReadonlySet<string>;
}

export interface Prediction {
  pools: PoolPlan[];
  /** Where the policies came from, for the modal and the log. */
  policySource: string;
  /** One line per pool, then the waves, then the pools still rolling out. */
  lines: string[];
}

function policySource(input: PlanInput): { source: string; decide: (d: Parameters<typeof decideLegacy>[0]) => Decision } {
  if (!usesPolicies(input.version))
    return {
      source: `OpenShift ${input.version}: the daemon's fixed table (node disruption policies start in 4.17)`,
      decide: decideLegacy,
    };
  if (input.policies)
    return { source: 'node disruption policies from MachineConfiguration/cluster', decide: (d) => decideWithPolicies(d, input.policies!) };
  const defaults = defaultClusterPolicies(input.version);
  return {
    source: `MachineConfiguration/cluster could not be read: MCO's default policies for ${input.version ? `OpenShift ${input.version}` : 'the newest OpenShift'}`,
    decide: (d) => decideWithPolicies(d, defaults),
  };
}

export function predict(input: PlanInput): Prediction {
  const after = withChange(input.mcs, input.change);
  const name = 'apply' in input.change ? input.change.apply.metadata.name : input.change.remove;
  const { source, decide } = policySource(input);
  const minor = minorOf(input.version);
  const pools: PoolPlan[] = [];
  for (const pool of input.pools) {
    const before = poolConfigs(pool, input.mcs);
    const next = poolConfigs(pool, after);
    if (!before.some((m) => m.metadata.name === name) && !next.some((m) => m.metadata.name === name)) continue;
    const old = render(before);
    const now = render(next);
    const diff = diffRendered(old, now);
    const count = Number(pool.status?.['machineCount'] ?? 0);
    const updated = pool.status?.['updatedMachineCount'];
    pools.push({
      pool: pool.metadata.name,
      nodes: count,
      paused: pool.spec?.['paused'] === true,
      layered: input.layeredPools?.has(pool.metadata.name) ?? false,
      minor,
      unchanged: isEmptyDiff(diff),
      imageChange: diff.osImageURL,
      decision: decide(diff),
      waves: wavesFor(pool, count, poolNodes(pool.metadata.name, input.nodes ?? [])),
      behind: typeof updated === 'number' ? Math.max(0, count - updated) : 0,
    });
  }
  const lines = pools.length ? pools.map(describePool) : ['No pool selects this MachineConfig; no node changes'];
  lines.push(...pools.map(describeWaves).filter((l): l is string => !!l));
  lines.push(...pools.map(describeBehind).filter((l): l is string => !!l));
  return { pools, policySource: source, lines };
}

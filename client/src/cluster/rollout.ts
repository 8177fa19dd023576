/**
 * The rollout as the tree shows it, kept from list and watch events: pools with their nodes and
 * MachineConfigs. Each update says which pools and nodes changed, so the view refreshes only those,
 * and which pools finished updating or became degraded, for notifications. Objects are kept slim
 * (slim.ts): only the fields read here.
 */
import { MCO_PREFIX, ROLE_LABEL } from '../../../common/mco';
import type { Kind, Obj } from './cluster';
import { matches } from './selector';
import { appliedFromVsCode } from './apply';
import { slim } from './slim';

export type NodeState = 'Done' | 'Working' | 'Rebooting' | 'Degraded' | 'Unreconcilable';
export type PoolState = 'Updated' | 'Updating' | 'Degraded' | 'Paused';

export interface NodeView {
  name: string;
  pool: string | undefined;
  state: NodeState;
  cordoned: boolean;
  ready: boolean;
  currentConfig: string;
  desiredConfig: string;
  currentImage: string;
  desiredImage: string;
  reason: string;
}

export interface PoolView {
  name: string;
  state: PoolState;
  paused: boolean;
  total: number;
  updated: number;
  degraded: number;
  unavailable: number;
  target: string;
  message: string;
}

export interface McView {
  name: string;
  osImageURL: string | undefined;
  ours: boolean;
}

export interface Change {
  pools: Set<string>;
  nodes: Set<string>;
  /** Pools whose membership or MachineConfigs changed: their children must be re-read. */
  structure: Set<string>;
  transitions: { pool: string; to: 'Updated' | 'Degraded'; message: string }[];
}

function conditions(o: Obj): { type: string; status: string; message?: string; reason?: string }[] {
  return (o.status?.['conditions'] as { type: string; status: string; message?: string }[] | undefined) ?? [];
}

/** Node names in the order people count them (worker-2 before worker-10); one collator, not one per comparison. */
const BY_NAME = new Intl.Collator(undefined, { numeric: true });

export class RolloutModel {
  readonly pools = new Map<string, Obj>();
  readonly nodes = new Map<string, Obj>();
  readonly mcs = new Map<string, Obj>();
  private readonly poolOf = new Map<string, string | undefined>();
  private readonly lastState = new Map<string, PoolState>();
  /** Each pool's nodes, sorted, kept until membership changes: a 2,000-node pool is not re-sorted per event. */
  private readonly members = new Map<string, readonly string[]>();

  private fresh(): Change {
    return { pools: new Set(), nodes: new Set(), structure: new Set(), transitions: [] };
  }

  private mapOf(kind: Kind): Map<string, Obj> {
    return kind === 'nodes' ? this.nodes : kind === 'machineconfigpools' ? this.pools : this.mcs;
  }

  list(kind: Kind, items: Obj[]): Change {
    const map = this.mapOf(kind);
    const c = this.fresh();
    map.clear();
    // Only what the view reads is kept (slim.ts): the lists and events themselves are dropped.
    for (const o of items) map.set(o.metadata.name, slim(kind, o));
    // Pool membership is re-derived from the new list: a node relabelled while the watch was down
    // belongs to its new pool now (a list of pools can change every node's pool, too).
    if (kind !== 'machineconfigs') this.poolOf.clear();
    if (kind !== 'machineconfigs') this.members.clear();
    if (kind === 'nodes') for (const o of items) c.nodes.add(o.metadata.name);
    this.everything(c);
    return c;
  }

  event(kind: Kind, type: 'ADDED' | 'MODIFIED' | 'DELETED', full: Obj): Change {
    const map = this.mapOf(kind);
    const o = slim(kind, full);
    const c = this.fresh();
    const name = o.metadata.name;
    const before = map.get(name);
    if (type === 'DELETED') map.delete(name);
    else map.set(name, o);
    if (kind === 'nodes') {
      const labelsChanged = !before || type === 'DELETED' || JSON.stringify(before.metadata.labels) !== JSON.stringify(o.metadata.labels);
      const oldPool = this.poolOf.get(name);
      if (labelsChanged) {
        this.poolOf.delete(name);
        this.members.clear();
      }
      const pool = type === 'DELETED' ? undefined : this.poolName(name);
      c.nodes.add(name);
      for (const p of [oldPool, pool])
        if (p) {
          if (labelsChanged) c.structure.add(p);
          c.pools.add(p);
        }
    } else if (kind === 'machineconfigpools') {
      if (!before || type === 'DELETED' || JSON.stringify(before.spec?.['nodeSelector']) !== JSON.stringify(o.spec?.['nodeSelector'])) {
        this.poolOf.clear();
        this.members.clear();
        this.everything(c);
      }
      c.pools.add(name);
      this.transition(name, c);
    } else {
      for (const p of this.pools.values()) {
        if (
          matches(p.spec?.['machineConfigSelector'], o.metadata.labels) ||
          (before && matches(p.spec?.['machineConfigSelector'], before.metadata.labels))
        )
          c.structure.add(p.metadata.name);
      }
    }
    return c;
  }

  private everything(c: Change): void {
    for (const p of this.pools.keys()) {
      c.pools.add(p);
      c.structure.add(p);
      this.transition(p, c);
    }
  }

  private transition(pool: string, c: Change): void {
    const v = this.pool(pool);
    const prev = this.lastState.get(pool);
    if (!v) {
      this.lastState.delete(pool);
      return;
    }
    this.lastState.set(pool, v.state);
    if (prev === undefined || prev === v.state) return;
    if (v.state === 'Updated' && prev === 'Updating')
      c.transitions.push({ pool, to: 'Updated', message: `Pool ${pool} finished updating: ${v.updated}/${v.total} nodes on ${v.target}.` });
    if (v.state === 'Degraded')
      c.transitions.push({ pool, to: 'Degraded', message: `Pool ${pool} is degraded: ${v.message || `${v.degraded} node(s) degraded`}` });
  }

  /** The pool a node belongs to: a custom pool wins over worker, as in MCO. */
  poolName(node: string): string | undefined {
    if (this.poolOf.has(node)) return this.poolOf.get(node);
    const n = this.nodes.get(node);
    let found: string | undefined;
    if (n) {
      const hits = [...this.pools.values()].filter((p) => matches(p.spec?.['nodeSelector'], n.metadata.labels)).map((p) => p.metadata.name);
      found = hits.find((h) => h !== 'worker') ?? hits[0];
    }
    this.poolOf.set(node, found);
    return found;
  }

  nodesOf(pool: string): string[] {
    let sorted = this.members.get(pool);
    if (!sorted) {
      const out: string[] = [];
      for (const n of this.nodes.keys()) if (this.poolName(n) === pool) out.push(n);
      this.members.set(pool, (sorted = out.sort(BY_NAME.compare)));
    }
    return [...sorted];
  }

  /** How many nodes are not Done (node() would say Working, Rebooting, Degraded or Unreconcilable), without making their views. */
  notDone(): number {
    let n = 0;
    for (const o of this.nodes.values()) {
      const raw = o.metadata.annotations?.[`${MCO_PREFIX}state`];
      if (raw === 'Working' || raw === 'Rebooting' || raw === 'Degraded' || raw === 'Unreconcilable') n++;
    }
    return n;
  }

  machineConfigsOf(pool: string): McView[] {
    const p = this.pools.get(pool);
    if (!p) return [];
    return [...this.mcs.values()]
      .filter((m) => !m.metadata.name.startsWith('rendered-') && matches(p.spec?.['machineConfigSelector'], m.metadata.labels))
      .map((m) => ({
        name: m.metadata.name,
        osImageURL: (m.spec?.['osImageURL'] as string | undefined) || undefined,
        ours: appliedFromVsCode(m),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  pool(name: string): PoolView | undefined {
    const p = this.pools.get(name);
    return p ? poolView(p) : undefined;
  }

  node(name: string): NodeView | undefined {
    const n = this.nodes.get(name);
    if (!n) return undefined;
    const a = n.metadata.annotations ?? {};
    const ready = conditions(n).some((c) => c.type === 'Ready' && c.status === 'True');
    const raw = a[`${MCO_PREFIX}state`] ?? 'Done';
    const state: NodeState =
      raw === 'Degraded' || raw === 'Unreconcilable'
        ? raw
        : raw === 'Rebooting' || (raw === 'Working' && !ready)
          ? 'Rebooting'
          : raw === 'Working'
            ? 'Working'
            : 'Done';
    return {
      name,
      pool: this.poolName(name),
      state,
      ready,
      cordoned: n.spec?.['unschedulable'] === true,
      currentConfig: a[`${MCO_PREFIX}currentConfig`] ?? '',
      desiredConfig: a[`${MCO_PREFIX}desiredConfig`] ?? '',
      currentImage: a[`${MCO_PREFIX}currentImage`] ?? '',
      desiredImage: a[`${MCO_PREFIX}desiredImage`] ?? '',
      reason: a[`${MCO_PREFIX}reason`] ?? '',
    };
  }

  /** The value of the MachineConfig's role label (ROLE_LABEL): the role whose pools it is meant for. */
  static role(mc: Obj): string | undefined {
    return mc.metadata.labels?.[ROLE_LABEL];
  }
}

/** A MachineConfigPool as the view and the commands show it: state from its conditions, counts from its status. */
export function poolView(p: Obj): PoolView {
  const st = p.status ?? {};
  const cond = (t: string) => conditions(p).find((c) => c.type === t);
  const paused = p.spec?.['paused'] === true;
  const degraded =
    cond('Degraded')?.status === 'True' || cond('RenderDegraded')?.status === 'True' || cond('NodeDegraded')?.status === 'True';
  const updating = cond('Updating')?.status === 'True';
  const state: PoolState = degraded
    ? 'Degraded'
    : paused
      ? 'Paused'
      : updating
        ? 'Updating'
        : cond('Updated')?.status === 'True'
          ? 'Updated'
          : 'Updating';
  const message = [cond('RenderDegraded'), cond('NodeDegraded')]
    .filter((c) => c?.status === 'True')
    .map((c) => c!.message ?? '')
    .join(' ');
  return {
    name: p.metadata.name,
    state,
    paused,
    message,
    total: Number(st['machineCount'] ?? 0),
    updated: Number(st['updatedMachineCount'] ?? 0),
    degraded: Number(st['degradedMachineCount'] ?? 0),
    unavailable: Number(st['unavailableMachineCount'] ?? 0),
    target: (p.spec?.['configuration'] as { name?: string } | undefined)?.name ?? '',
  };
}

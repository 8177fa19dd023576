/**
 * How many nodes update at once and in how many waves. Source: MCO pkg/controller/node/node_controller.go
 * `maxUnavailable` (default 1; a percentage scales down with intstr.GetScaledValueFromIntOrPercent(…, false);
 * 0 becomes 1; the arbiter pool is always 1) and the candidate order (zone label, then age).
 */
import type { Obj } from '../cluster';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** The pool's maxUnavailable for `nodes` nodes, or an error message when the value is not an int or a percentage. */
export function maxUnavailable(pool: Obj, nodes: number): number | string {
  if (pool.metadata.name === 'arbiter') return 1;
  const v = pool.spec?.['maxUnavailable'] ?? 1;
  let n: number;
  if (typeof v === 'number' && Number.isInteger(v)) n = v;
  else if (typeof v === 'string' && /^\d+%$/.test(v)) n = Math.floor((Number(v.slice(0, -1)) * nodes) / 100);
  else if (typeof v === 'string' && /^\d+$/.test(v)) n = Number(v);
  else return `maxUnavailable ${JSON.stringify(v)} is neither an integer nor a percentage`;
  return n <= 0 ? 1 : n;
}

export interface Waves {
  maxUnavailable: number;
  waves: number;
  /** Zones in the order MCO walks them (empty when the nodes carry no zone label or are not known). */
  zones: string[];
  /** Set when maxUnavailable could not be read; the waves then assume 1. */
  problem?: string;
}

/** The nodes a pool updates: those whose current or desired config is the pool's rendered config. */
export function poolNodes(pool: string, nodes: Obj[]): Obj[] {
  const prefix = `rendered-${pool}-`;
  return nodes.filter((n) => {
    const a = n.metadata.annotations ?? {};
    return (a['machineconfiguration.openshift.io/currentConfig'] ?? a['machineconfiguration.openshift.io/desiredConfig'] ?? '').startsWith(
      prefix,
    );
  });
}

export function wavesFor(pool: Obj, count: number, nodes: Obj[] = []): Waves {
  const m = maxUnavailable(pool, count);
  const max = typeof m === 'number' ? m : 1;
  const zones = [...new Set(nodes.map((n) => n.metadata.labels?.[ZONE_LABEL]).filter((z): z is string => !!z))].sort();
  return { maxUnavailable: max, waves: count ? Math.ceil(count / max) : 0, zones, ...(typeof m === 'string' ? { problem: m } : {}) };
}

/**
 * The order MCO picks nodes to update when more are waiting than maxUnavailable allows
 * (MCO:pkg/controller/node/node_controller.go@release-4.21 `sortNodeList`): by the
 * `topology.kubernetes.io/zone` label, nodes without it last, and oldest first within a zone.
 */
import type { Obj } from './store';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function sortNodeList<T extends Pick<Obj, 'metadata'>>(nodes: readonly T[]): T[] {
  const keyed = nodes.map((n) => ({
    n,
    zone: n.metadata.labels?.[ZONE_LABEL],
    created: Date.parse((n.metadata['creationTimestamp'] as string | undefined) ?? '') || 0,
  }));
  keyed.sort((a, b) => {
    if (a.zone !== undefined && b.zone !== undefined) return a.zone === b.zone ? a.created - b.created : a.zone < b.zone ? -1 : 1;
    if (a.zone !== undefined) return -1;
    if (b.zone !== undefined) return 1;
    return a.created - b.created;
  });
  return keyed.map((k) => k.n);
}

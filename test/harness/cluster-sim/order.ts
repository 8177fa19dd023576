/**
 * The order MCO picks nodes to update when more are waiting than maxUnavailable allows
 * (MCO:pkg/controller/node/node_controller.go@release-4.21 `sortNodeList`): by the
 * `topology.kubernetes.io/zone` label, nodes without it last, and oldest first within a zone.
 */
import type { Obj } from './store';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function sortNodeList<T extends Pick<Obj, 'metadata'>>(nodes: readonly T[]): T[] {
  const created = (n: T) => Date.parse((n.metadata['creationTimestamp'] as string | undefined) ?? '') || 0;
  return [...nodes].sort((a, b) => {
    const za = a.metadata.labels?.[ZONE_LABEL];
    const zb = b.metadata.labels?.[ZONE_LABEL];
    if (za !== undefined && zb !== undefined) return za === zb ? created(a) - created(b) : za < zb ? -1 : 1;
    if (za !== undefined) return -1;
    if (zb !== undefined) return 1;
    return created(a) - created(b);
  });
}

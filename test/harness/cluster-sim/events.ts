/**
 * Node Events as the machine-config-daemon records them: namespace `default` (a Node is cluster-scoped),
 * `involvedObject` the Node, `source.component` `machineconfigdaemon`, `source.host` the node
 * (MCO:pkg/daemon/daemon.go, update.go, drain.go `nodeWriter.Eventf`; the OSUpdateStaged event literal in
 * update.go `applyOSChanges`).
 */
import type { Obj, Store } from './store';

export type EventType = 'Normal' | 'Warning';

let seq = 0;

export function nodeEvent(
  store: Store,
  node: Obj,
  type: EventType,
  reason: string,
  message: string,
  component = 'machineconfigdaemon',
): void {
  const now = new Date();
  // `<node>.<unix nanoseconds in hex>`, as client-go's recorder names events; a counter keeps them unique.
  const name = `${node.metadata.name}.${(BigInt(now.getTime()) * 1_000_000n + BigInt(seq++ % 1_000_000)).toString(16)}`;
  store.create('events', {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Node', name: node.metadata.name, uid: node.metadata.uid ?? '' },
    reason,
    message,
    type,
    source: { component, host: node.metadata.name },
    firstTimestamp: now.toISOString(),
    lastTimestamp: now.toISOString(),
    count: 1,
  });
}

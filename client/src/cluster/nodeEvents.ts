/**
 * A node's Events as a timeline, fetched when its tooltip or the explainer needs them: one request
 * with a field selector (the API server filters), never a cluster-wide watch of every Event, so a
 * 2,000-node pool costs nothing until a node is looked at. The MCD records its steps on the Node
 * (reasons Cordon, Drain, OSUpdateStarted, Reboot, SkipReboot, NodeDone, …; CURRENT.md §2).
 */
import type { Cluster } from './cluster';
import { getJson } from './rawApi';
import { ClusterError } from './errors';

export interface NodeEvent {
  at: string;
  reason: string;
  message: string;
  type: string;
  count: number;
  source: string;
}

interface RawEvent {
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  eventTime?: string | null;
  lastTimestamp?: string | null;
  firstTimestamp?: string | null;
  metadata?: { creationTimestamp?: string };
  source?: { component?: string };
  reportingComponent?: string;
  series?: { count?: number; lastObservedTime?: string };
}

export function toNodeEvent(e: RawEvent): NodeEvent {
  return {
    at: e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '',
    reason: e.reason ?? '',
    message: (e.message ?? '').trim(),
    type: e.type ?? 'Normal',
    count: e.series?.count ?? e.count ?? 1,
    source: e.source?.component || e.reportingComponent || '',
  };
}

/** The node's Events, newest first, at most `limit`. */
export async function nodeEvents(cluster: Cluster, node: string, limit = 20): Promise<NodeEvent[]> {
  type Events = { items?: (RawEvent & { involvedObject?: { kind?: string; name?: string } })[] };
  const action = `list events of node ${node}`;
  let l: Events;
  try {
    l = await getJson<Events>(cluster, '/api/v1/events', { fieldSelector: `involvedObject.kind=Node,involvedObject.name=${node}` }, action);
  } catch (e) {
    // A server that does not index those fields: node Events live in `default` (a Node has no namespace); filter them here.
    if (!(e instanceof ClusterError && e.kind === 'invalid')) throw e;
    l = await getJson<Events>(cluster, '/api/v1/namespaces/default/events', {}, action);
  }
  const mine = (l.items ?? []).filter((e) => !e.involvedObject || (e.involvedObject.kind === 'Node' && e.involvedObject.name === node));
  return newestFirst(mine.map(toNodeEvent)).slice(0, limit);
}

export function newestFirst(events: NodeEvent[]): NodeEvent[] {
  return [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Markdown lines for a tooltip: `10:04:12 **Drain** Draining node to update config.`, oldest at the top, like a log. */
export function timelineMarkdown(events: NodeEvent[], max = 8): string {
  if (!events.length) return '_No Events recorded for this node (Events expire after an hour by default)._';
  const esc = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
  const time = (at: string) => (/T(\d\d:\d\d:\d\d)/.exec(at)?.[1] ?? at) || '--:--:--';
  return events
    .slice(0, max)
    .reverse()
    .map((e) => {
      const text = e.message.length > 120 ? `${e.message.slice(0, 119)}…` : e.message;
      return `${time(e.at)} ${e.type === 'Warning' ? '⚠ ' : ''}**${esc(e.reason)}** ${esc(text)}${e.count > 1 ? ` (×${e.count})` : ''}`;
    })
    .join('  \n');
}

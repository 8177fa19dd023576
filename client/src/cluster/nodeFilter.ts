/** The Rollouts filter: node name text, and/or only nodes not Done or only degraded ones. Kept per workspace. */
import type { NodeView } from './rollout';

export interface NodeFilter {
  /** Case-insensitive part of the node name. */
  text?: string | undefined;
  only?: 'notDone' | 'degraded' | undefined;
}

export function isActive(f: NodeFilter): boolean {
  return !!f.text || !!f.only;
}

export function matches(f: NodeFilter, name: string, v: NodeView | undefined): boolean {
  if (f.text && !name.toLowerCase().includes(f.text.toLowerCase())) return false;
  if (f.only === 'notDone' && v?.state === 'Done') return false;
  if (f.only === 'degraded' && v?.state !== 'Degraded' && v?.state !== 'Unreconcilable') return false;
  return true;
}

/** What the view's description says of the filter: `filter: "infra", not Done`. */
export function describeFilter(f: NodeFilter): string {
  const parts = [...(f.text ? [`"${f.text}"`] : []), ...(f.only === 'notDone' ? ['not Done'] : f.only === 'degraded' ? ['degraded'] : [])];
  return parts.length ? `filter: ${parts.join(', ')}` : '';
}

/** A filter read back from storage: anything unexpected is dropped. */
export function parseFilter(raw: unknown): NodeFilter {
  const o = (raw ?? {}) as Record<string, unknown>;
  return {
    ...(typeof o['text'] === 'string' && o['text'] ? { text: o['text'].slice(0, 200) } : {}),
    ...(o['only'] === 'notDone' || o['only'] === 'degraded' ? { only: o['only'] } : {}),
  };
}

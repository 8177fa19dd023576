/**
 * MachineConfigNodes (one per node, same name; v1 from 4.19, v1alpha1 on TechPreview 4.16–4.18):
 * the phase each node is in, read from the conditions MCO writes (API machineconfiguration/v1
 * types_machineconfignode.go; MCO pkg/upgrademonitor/upgrade_monitor.go). `Unknown` means the phase
 * runs, `True` done, `False` not reached or failed. The source lists then watches them, recovers
 * from a dropped watch like the view's watches, and stays quiet when the cluster does not serve them.
 */
import type { Cluster, Obj } from './cluster';
import { getJson } from './rawApi';
import { watchStream } from './watchStream';
import { ClusterError } from './errors';
import { MCO_GROUP } from '../../../common/mco';
import { StoppableLoop } from './loop';
import { mark } from './marks';
import { PAGE_SIZE } from './pagedList';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Parents before their children, in the order an update goes through them (MCO upgrade_monitor allConditionTypes). */
const PHASES = [
  'UpdatePrepared',
  'UpdateCompatible',
  'UpdateExecuted',
  'Cordoned',
  'Drained',
  'ImagePulledFromRegistry',
  'AppliedFilesAndOS',
  'AppliedFiles',
  'AppliedOSImage',
  'UpdatePostActionComplete',
  'RebootedNode',
  'ReloadedCRIO',
  'UpdateComplete',
  'Uncordoned',
  'Resumed',
  'Updated',
];

export interface McnView {
  /** The phase running now (the most specific condition in Unknown), `NodeDegraded`, `Updated` or `Idle`. */
  phase: string;
  /** That condition's message. */
  message: string;
  /** NodeDegraded's message when it is True. */
  degraded: string | undefined;
  /** UpdatePrepared's message: the disruption plan MCO chose (`Update Compatible. Post Cfg Actions: [...] Drain Required: ...`). */
  plan: string | undefined;
  /** PinnedImageSets of this node: name and how far it is. */
  pinned: { name: string; current: number | undefined; desired: number | undefined; error: string | undefined }[];
}

export function mcnView(mcn: Obj): McnView {
  const conds = (mcn.status?.['conditions'] as Condition[] | undefined) ?? [];
  const by = new Map(conds.map((c) => [c.type, c]));
  const degradedCond = by.get('NodeDegraded');
  const degraded = degradedCond?.status === 'True' ? (degradedCond.message ?? degradedCond.reason ?? 'degraded') : undefined;
  const prepared = by.get('UpdatePrepared');
  const plan = prepared?.message && /Post Cfg Actions|compatib/i.test(prepared.message) ? prepared.message : undefined;
  const pinned = ((mcn.status?.['pinnedImageSets'] as Record<string, unknown>[] | undefined) ?? []).map((p) => ({
    name: String(p['name']),
    current: typeof p['currentGeneration'] === 'number' ? p['currentGeneration'] : undefined,
    desired: typeof p['desiredGeneration'] === 'number' ? p['desiredGeneration'] : undefined,
    error:
      typeof p['lastFailedGenerationError'] === 'string' && p['lastFailedGenerationError'] ? p['lastFailedGenerationError'] : undefined,
  }));
  if (degraded) return { phase: 'NodeDegraded', message: degraded, degraded, plan, pinned };
  let running: Condition | undefined;
  for (const p of PHASES) if (by.get(p)?.status === 'Unknown') running = by.get(p);
  if (running) return { phase: running.type, message: running.message ?? '', degraded, plan, pinned };
  const updated = by.get('Updated');
  if (updated?.status === 'True') return { phase: 'Updated', message: updated.message ?? '', degraded, plan, pinned };
  return { phase: 'Idle', message: updated?.message ?? '', degraded, plan, pinned };
}

/** The row's words for a phase: `draining`, `rebooting`, … */
export function phaseLabel(v: McnView): string {
  const words: Record<string, string> = {
    UpdatePrepared: 'preparing',
    UpdateCompatible: 'preparing',
    UpdateExecuted: 'updating',
    Cordoned: 'cordoning',
    Drained: 'draining',
    ImagePulledFromRegistry: 'pulling image',
    AppliedFilesAndOS: 'applying files and OS',
    AppliedFiles: 'applying files',
    AppliedOSImage: 'applying OS image',
    UpdatePostActionComplete: 'post-update action',
    RebootedNode: 'rebooting',
    ReloadedCRIO: 'reloading CRI-O',
    UpdateComplete: 'completing',
    Uncordoned: 'uncordoning',
    Resumed: 'resuming',
    Updated: 'updated',
    NodeDegraded: 'degraded',
    Idle: 'idle',
  };
  return words[v.phase] ?? v.phase;
}

/** Tooltip lines: the phase with its message, MCO's chosen plan, pinned image sets still pulling. */
export function phaseMarkdown(v: McnView): string {
  const esc = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
  const lines = [`**Phase** (MachineConfigNode): ${esc(phaseLabel(v))}${v.message && !v.degraded ? ` · ${esc(v.message)}` : ''}`];
  if (v.plan) lines.push(`**MCO's plan:** ${esc(v.plan)}`);
  for (const p of v.pinned)
    if (p.error || p.current !== p.desired)
      lines.push(`**Pinned images ${esc(p.name)}:** ${p.error ? esc(p.error) : `generation ${p.current ?? 0} of ${p.desired ?? '?'}`}`);
  return lines.join('\n\n');
}

/** The versions to try, newest first: v1 is GA from 4.19, v1alpha1 is served on TechPreview clusters before. */
const VERSIONS = ['v1', 'v1alpha1'];

/** The served path of MachineConfigNodes, or null when the cluster serves neither version. */
export async function mcnPath(cluster: Cluster): Promise<string | null> {
  for (const v of VERSIONS) {
    const path = `/apis/${MCO_GROUP}/${v}/machineconfignodes`;
    try {
      await getJson(cluster, path, { limit: '1' }, 'list machineconfignodes');
      return path;
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'not-found') continue;
      throw e;
    }
  }
  return null;
}

/** Every MachineConfigNode, or null when the cluster serves neither version. */
export async function listMachineConfigNodes(cluster: Cluster): Promise<Obj[] | null> {
  const path = await mcnPath(cluster);
  if (!path) return null;
  return (await getJson<{ items?: Obj[] }>(cluster, path, {}, 'list machineconfignodes')).items ?? [];
}

/** One node's MachineConfigNode, or null when it is not served or not there. */
export async function readMcn(cluster: Cluster, node: string): Promise<Obj | null> {
  const path = await mcnPath(cluster).catch(() => null);
  if (!path) return null;
  try {
    return await getJson<Obj>(cluster, `${path}/${encodeURIComponent(node)}`, {}, `get machineconfignodes/${node}`);
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'not-found') return null;
    throw e;
  }
}

export interface McnSourceOptions {
  minBackoffMs?: number;
  maxBackoffMs?: number;
  timeoutSeconds?: number;
  silenceMs?: number;
  /** MachineConfigNodes per page of the first list (PAGE_SIZE). */
  pageSize?: number;
}

/**
 * Keeps the phase of every node, from a list then a watch of MachineConfigNodes; calls `changed`
 * with the nodes whose phase view changed. Relists after 410 or a doubtful stream, backs off with
 * jitter on errors, and stops for good (served = false) when the cluster does not serve MCNs.
 */
export class McnSource extends StoppableLoop {
  readonly views = new Map<string, McnView>();
  /** undefined until known. */
  served: boolean | undefined;
  readonly stats = { lists: 0, watches: 0, errors: 0 };

  constructor(
    readonly cluster: Cluster,
    private readonly changed: (nodes: string[]) => void,
    private readonly opts: McnSourceOptions = {},
  ) {
    super();
  }

  private set(name: string, v: McnView | undefined, out: string[]): void {
    const before = this.views.get(name);
    if (v) this.views.set(name, v);
    else this.views.delete(name);
    if (JSON.stringify(before) !== JSON.stringify(v)) out.push(name);
  }

  /**
   * Every MachineConfigNode in pages (PAGE_SIZE) (one snapshot: the continue token pins the first
   * page's version), with the event loop free between pages, as the view's node list; undefined once stopped.
   */
  private async list(path: string): Promise<{ items: Obj[]; resourceVersion: string } | undefined> {
    const items: Obj[] = [];
    let resourceVersion = '';
    let token = '';
    do {
      const page = await getJson<{ items?: Obj[]; metadata?: { resourceVersion?: string; continue?: string } }>(
        this.cluster,
        path,
        { limit: String(this.opts.pageSize ?? PAGE_SIZE), ...(token ? { continue: token } : {}) },
        'list machineconfignodes',
        this.abort.signal,
      );
      if (this.stopped) return undefined;
      for (const o of page.items ?? []) items.push(o);
      if (!token) resourceVersion = page.metadata?.resourceVersion ?? '';
      token = page.metadata?.continue ?? '';
      if (token) await new Promise((r) => setImmediate(r));
    } while (token);
    return { items, resourceVersion };
  }

  protected async loop(): Promise<void> {
    const min = this.opts.minBackoffMs ?? 500;
    const max = this.opts.maxBackoffMs ?? 8_000;
    let backoff = min;
    let path: string | null | undefined;
    let rv: string | undefined;
    while (!this.stopped) {
      try {
        path ??= await mcnPath(this.cluster);
        if (this.stopped) return;
        if (!path) {
          this.served = false;
          return;
        }
        this.served = true;
        if (rv === undefined) {
          const l = await this.list(path);
          if (!l) return;
          this.stats.lists++;
          mark('mcns-listed');
          rv = l.resourceVersion;
          const out: string[] = [];
          const seen = new Set(l.items.map((o) => o.metadata.name));
          for (const name of [...this.views.keys()]) if (!seen.has(name)) this.set(name, undefined, out);
          for (const o of l.items) this.set(o.metadata.name, mcnView(o), out);
          if (out.length) this.changed(out);
        }
        this.stats.watches++;
        const began = Date.now();
        const end = await watchStream(
          this.cluster,
          {
            path,
            resourceVersion: rv,
            timeoutSeconds: this.opts.timeoutSeconds ?? 300,
            headersMs: this.cluster.timeoutMs,
            silenceMs: this.opts.silenceMs ?? 90_000,
            signal: this.abort.signal,
          },
          {
            open: () => undefined,
            event: (type, o) => {
              if (this.stopped) return;
              backoff = min;
              if (o.metadata.resourceVersion) rv = o.metadata.resourceVersion;
              if (type === 'BOOKMARK') return;
              const out: string[] = [];
              this.set(o.metadata.name, type === 'DELETED' ? undefined : mcnView(o), out);
              if (out.length) this.changed(out);
            },
          },
        );
        if (end.end !== 'ended') rv = undefined;
        // A server that ends every watch at once must not spin this loop.
        if (Date.now() - began < 1_000) await this.sleep(1_000);
      } catch {
        if (this.stopped) return;
        this.stats.errors++;
        await this.sleep(Math.round(backoff / 2 + (Math.random() * backoff) / 2));
        backoff = Math.min(max, backoff * 2);
      }
    }
  }
}

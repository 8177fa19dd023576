/**
 * A node's machine-config-daemon log (container machine-config-daemon of the daemon pod on that node,
 * namespace openshift-machine-config-operator): the tail for the explainer, and a followed stream
 * for Show Daemon Log. The stream asks for timestamps, and after a dropped connection resumes with
 * sinceTime from the last line it delivered, skipping the lines it already gave; when the daemon pod
 * was replaced it finds the new one.
 */
import type { Cluster } from './cluster';
import { getJson, rawGet, withQuery } from './rawApi';
import { explainError } from './errors';
import { ClusterError } from './errors';
import { StoppableLoop } from './loop';

export const MCO_NS = 'openshift-machine-config-operator';
export const MCD_CONTAINER = 'machine-config-daemon';

/** The machine-config-daemon pod running on the node, or null. */
export async function daemonPodOf(cluster: Cluster, node: string): Promise<string | null> {
  type Pods = { items?: { metadata: { name: string }; spec?: { nodeName?: string }; status?: { phase?: string } }[] };
  const path = `/api/v1/namespaces/${MCO_NS}/pods`;
  const action = `find the machine-config-daemon pod of node ${node}`;
  const labelSelector = 'k8s-app=machine-config-daemon';
  let l: Pods;
  try {
    l = await getJson<Pods>(cluster, path, { labelSelector, fieldSelector: `spec.nodeName=${node}` }, action);
  } catch (e) {
    // A server that does not know the field (some proxies and test servers): one list of the daemon set's pods, filtered here.
    if (!(e instanceof ClusterError && e.kind === 'invalid')) throw e;
    l = await getJson<Pods>(cluster, path, { labelSelector }, action);
  }
  const items = (l.items ?? []).filter((p) => !p.spec?.nodeName || p.spec.nodeName === node);
  return (items.find((p) => p.status?.phase === 'Running') ?? items[0])?.metadata.name ?? null;
}

function logPath(pod: string): string {
  return `/api/v1/namespaces/${MCO_NS}/pods/${encodeURIComponent(pod)}/log`;
}

/** The last `lines` lines of the daemon's log, oldest first. */
export async function daemonLogTail(cluster: Cluster, pod: string, lines = 200): Promise<string[]> {
  const path = withQuery(logPath(pod), { container: MCD_CONTAINER, tailLines: String(lines) });
  try {
    const r = await rawGet(cluster, path, { headersMs: cluster.timeoutMs });
    return r.end === 'done' ? r.body.split('\n').filter((l) => l.length) : [];
  } catch (e) {
    throw explainError(e, { server: cluster.server, context: cluster.context, action: `read the log of ${pod}` });
  }
}

/** `2026-11-30T10:00:00.123456789Z text` → its parts; a line without a timestamp keeps it empty. */
export function splitTimestamp(line: string): { at: string; text: string } {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ?(.*)$/.exec(line);
  return m ? { at: m[1]!, text: m[2]! } : { at: '', text: line };
}

export interface LogSink {
  /** One line of the log, without the API's timestamp. */
  line(text: string): void;
  /** What the stream is doing: connected to pod X, reconnecting in N s, … */
  status(text: string): void;
}

export interface FollowOptions {
  tailLines?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Follows the daemon log of a node until stop(); reconnects by itself. */
export class DaemonLogFollower extends StoppableLoop {
  /** The last timestamp delivered, and the lines already delivered with it (sinceTime is inclusive). */
  private last = '';
  private atLast = new Set<string>();
  pod: string | null = null;
  readonly stats = { connects: 0, lines: 0, skipped: 0 };

  constructor(
    private readonly cluster: Cluster,
    readonly node: string,
    private readonly sink: LogSink,
    private readonly opts: FollowOptions = {},
  ) {
    super();
  }

  private deliver(raw: string): void {
    const { at, text } = splitTimestamp(raw);
    if (at && this.last) {
      if (at < this.last || (at === this.last && this.atLast.has(text))) {
        this.stats.skipped++;
        return;
      }
    }
    if (at && at !== this.last) {
      this.last = at;
      this.atLast = new Set();
    }
    if (at) this.atLast.add(text);
    this.stats.lines++;
    this.sink.line(text);
  }

  protected async loop(): Promise<void> {
    const min = this.opts.minBackoffMs ?? 1_000;
    const max = this.opts.maxBackoffMs ?? 10_000;
    let backoff = min;
    while (!this.stopped) {
      try {
        const pod = await daemonPodOf(this.cluster, this.node);
        if (this.stopped) return;
        if (!pod) throw new Error(`no machine-config-daemon pod runs on node ${this.node}`);
        if (pod !== this.pod && this.pod) this.sink.status(`The daemon pod was replaced: now following ${pod}.`);
        this.pod = pod;
        const query: Record<string, string> = { container: MCD_CONTAINER, follow: 'true', timestamps: 'true' };
        if (this.last) query['sinceTime'] = this.last.replace(/\.\d+Z$/, 'Z');
        else query['tailLines'] = String(this.opts.tailLines ?? 200);
        let partial = '';
        const path = withQuery(logPath(pod), query);
        // A followed daemon log may be quiet for hours: no deadline on silence, only on the answer's headers.
        await rawGet(this.cluster, path, {
          headersMs: this.cluster.timeoutMs,
          signal: this.abort.signal,
          opened: () => {
            this.stats.connects++;
            this.sink.status(
              `Following ${pod} (container ${MCD_CONTAINER}) on node ${this.node}${this.last ? `, resumed from ${this.last}` : ''}.`,
            );
          },
          data: (text) => {
            backoff = min;
            const lines = (partial + text).split('\n');
            partial = lines.pop()!;
            for (const l of lines) if (l) this.deliver(l);
          },
        }).catch((e: unknown) => {
          throw explainError(e, { server: this.cluster.server, context: this.cluster.context, action: `follow the log of ${pod}` });
        });
        // A line cut by the drop is asked for again with sinceTime.
        if (this.stopped) return;
        this.sink.status(`The log stream of ${pod} ended; reconnecting.`);
        await this.sleep(min);
      } catch (e) {
        if (this.stopped) return;
        const delay = Math.round(backoff / 2 + (Math.random() * backoff) / 2);
        this.sink.status(`${e instanceof Error ? e.message : String(e)} Retrying in ${Math.max(1, Math.round(delay / 1000))} s.`);
        await this.sleep(delay);
        backoff = Math.min(max, backoff * 2);
      }
    }
  }
}

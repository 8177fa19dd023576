/**
 * Follows a build's `image-build` log (MCO:pkg/controller/build/buildrequest: the builder pod's buildah
 * container) from the first attempt to the last: the Job retries up to backoffLimit times, one pod each.
 * A dropped connection resumes with `sinceTime` and `timestamps=true`: lines older than the last one shown,
 * and the ones already shown at that very timestamp, are skipped, so each line arrives exactly once
 * (the API takes `sinceTime` to the second, kubelet stamps to the nanosecond).
 */
import type { Cluster, Obj } from './cluster';
import { explainError } from './errors';
import { getJsonRaw, rawGet } from './rawApi';
import { WatchHttpError } from './watchStream';
import { MCO_NAMESPACE, phaseOf, isFinished } from './builds';
import type { BuildPhase } from './builds';
import { MCO_GROUP, MCO_VERSION } from '../../../common/mco';

export const BUILD_CONTAINER = 'image-build';

/** A kubelet timestamp (RFC 3339, up to 9 fraction digits) as [epoch seconds, nanoseconds], or null. */
export function parseStamp(s: string): [number, number] | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) return null;
  const secs = Date.parse(`${m[1]}${m[3]}`);
  if (!Number.isFinite(secs)) return null;
  return [secs / 1000, Number((m[2] ?? '').padEnd(9, '0'))];
}

const cmp = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

/**
 * The position in one container's log: the last timestamp shown and how many lines carried it.
 * Pure: feed it the raw `timestamps=true` lines of each (re)connection; it returns the new ones.
 */
export class LogCursor {
  private last: [number, number] | null = null;
  private atLast = 0;
  /** Lines at `last` still to skip in the current connection. */
  private replay = 0;
  private partial = '';
  lines = 0;

  /** A new connection starts from sinceTime(): its first lines repeat what was shown. */
  reconnect(): void {
    this.replay = this.atLast;
    this.partial = '';
  }

  /** `sinceTime` for the next connection (whole seconds, as the API reads it), or undefined at the start. */
  sinceTime(): string | undefined {
    return this.last ? new Date(this.last[0] * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
  }

  /** Text as it arrives (any chunking); returns the new, complete lines without their timestamps. */
  push(text: string): string[] {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    const out: string[] = [];
    for (const raw of parts) {
      const line = raw.replace(/\r$/, '');
      const sp = line.indexOf(' ');
      const t = sp > 0 ? parseStamp(line.slice(0, sp)) : null;
      if (!t) {
        // Not stamped (a server that ignores timestamps=true): nothing to resume by, shown as is.
        out.push(line);
        continue;
      }
      if (this.last) {
        const c = cmp(t, this.last);
        if (c < 0) continue;
        if (c === 0 && this.replay > 0) {
          this.replay--;
          continue;
        }
      }
      if (this.last && cmp(t, this.last) === 0) this.atLast++;
      else {
        this.last = t;
        this.atLast = 1;
        this.replay = 0;
      }
      out.push(line.slice(sp + 1));
    }
    this.lines += out.length;
    return out;
  }
}

export interface FollowHandlers {
  /** New log lines of `pod`, in order, each exactly once. */
  lines(pod: string, lines: string[]): void;
  /** What the follower is doing, in words: a new attempt, a reconnect, the end. */
  status(message: string): void;
}

export interface FollowOptions {
  /** Between two looks for the next pod, and the first retry after a dropped stream. */
  pollMs?: number;
  maxBackoffMs?: number;
  /** A stream silent this long is taken as dead and resumed. */
  silenceMs?: number;
  signal?: AbortSignal;
}

export interface FollowResult {
  phase: string;
  pods: string[];
  lines: number;
  reconnects: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
  });

type ContainerStatus = { name: string; state?: { terminated?: unknown } };
type Pod = Obj & { status?: { initContainerStatuses?: ContainerStatus[]; containerStatuses?: ContainerStatus[] } };

const created = (p: Obj): string => (typeof p.metadata['creationTimestamp'] === 'string' ? p.metadata['creationTimestamp'] : '');

/** The pod's `image-build` container has exited (an init container in MCO's pod; either list is read). */
function ended(p: Pod): boolean {
  const all = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
  return !!all.find((c) => c.name === BUILD_CONTAINER)?.state?.terminated;
}

/**
 * Streams every attempt's `image-build` log of MachineOSBuild `mosb` until the build has finished and the
 * last attempt's log has ended (or the signal aborts). Resolves with the build's final phase.
 */
export async function followBuildLog(cluster: Cluster, mosb: string, on: FollowHandlers, o: FollowOptions = {}): Promise<FollowResult> {
  const poll = o.pollMs ?? 1_000;
  const max = o.maxBackoffMs ?? 8_000;
  const ns = MCO_NAMESPACE;
  const done = new Set<string>();
  const pods: string[] = [];
  let lines = 0;
  let reconnects = 0;
  let backoff = poll;
  const stopped = () => !!o.signal?.aborted;
  const explain = (e: unknown, action: string) => explainError(e, { server: cluster.server, context: cluster.context, action }).message;
  const job = async (): Promise<string> => {
    const b = await getJsonRaw<Obj>(cluster, `/apis/${MCO_GROUP}/${MCO_VERSION}/machineosbuilds/${encodeURIComponent(mosb)}`, o.signal);
    return (b.status?.['builder'] as { job?: { name?: string } } | undefined)?.job?.name ?? `build-${mosb}`;
  };
  const phase = async (): Promise<BuildPhase> =>
    phaseOf(await getJsonRaw<Obj>(cluster, `/apis/${MCO_GROUP}/${MCO_VERSION}/machineosbuilds/${encodeURIComponent(mosb)}`, o.signal));
  let jobName: string | undefined;
  while (!stopped()) {
    let next: Pod | undefined;
    let finished = false;
    try {
      jobName ??= await job();
      const sel = encodeURIComponent(`job-name=${jobName}`);
      const list = await getJsonRaw<{ items: Pod[] }>(cluster, `/api/v1/namespaces/${ns}/pods?labelSelector=${sel}`, o.signal);
      next = list.items.filter((p) => !done.has(p.metadata.name)).sort((a, b) => created(a).localeCompare(created(b)))[0];
      if (!next) finished = isFinished(await phase());
    } catch (e) {
      if (stopped()) break;
      if (e instanceof WatchHttpError && e.statusCode === 404) return { phase: 'Deleted', pods, lines, reconnects };
      on.status(`Cannot read the build (retrying in ${Math.round(backoff / 1000)} s): ${explain(e, `read build ${mosb}`)}`);
      await sleep(backoff, o.signal);
      backoff = Math.min(max, backoff * 2);
      continue;
    }
    if (!next) {
      if (finished) break;
      await sleep(poll, o.signal);
      continue;
    }
    const pod = next.metadata.name;
    pods.push(pod);
    on.status(`Attempt ${pods.length}: pod ${pod}`);
    const cursor = new LogCursor();
    for (let first = true; !stopped(); first = false) {
      if (!first) cursor.reconnect();
      const q = new URLSearchParams({ container: BUILD_CONTAINER, follow: 'true', timestamps: 'true' });
      const since = cursor.sinceTime();
      if (since) q.set('sinceTime', since);
      try {
        const r = await rawGet(cluster, `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(pod)}/log?${q.toString()}`, {
          headersMs: cluster.timeoutMs,
          silenceMs: o.silenceMs ?? 120_000,
          ...(o.signal ? { signal: o.signal } : {}),
          data: (text) => {
            const got = cursor.push(text);
            if (got.length) {
              lines += got.length;
              on.lines(pod, got);
            }
          },
        });
        if (r.end === 'aborted') break;
        backoff = poll;
        // A clean end: the container exited, the pod went away, or the server closed the stream early.
        const p = await getJsonRaw<Pod>(cluster, `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(pod)}`, o.signal).catch(
          (e: unknown) => {
            if (e instanceof WatchHttpError && e.statusCode === 404) return undefined;
            throw e;
          },
        );
        if (!p || ended(p)) break;
      } catch (e) {
        if (stopped()) break;
        if (e instanceof WatchHttpError && e.statusCode === 404) break; // the pod is gone, and its log with it
        if (e instanceof WatchHttpError && e.statusCode === 400 && /waiting to start|PodInitializing|ContainerCreating/.test(e.body)) {
          await sleep(poll, o.signal);
          continue;
        }
        reconnects++;
        on.status(`The log stream dropped (${explain(e, `stream the log of ${pod}`)}); resuming in ${Math.round(backoff / 1000)} s`);
        await sleep(backoff, o.signal);
        backoff = Math.min(max, backoff * 2);
      }
    }
    done.add(pod);
  }
  let final = 'Stopped';
  if (!stopped()) final = await phase().catch(() => 'Unknown');
  return { phase: final, pods, lines, reconnects };
}

/** The `image-build` log of the build's last attempt (not followed), as lines; empty when its pods are gone. */
export async function lastAttemptLog(cluster: Cluster, mosb: string, job = `build-${mosb}`): Promise<string[]> {
  const sel = encodeURIComponent(`job-name=${job}`);
  const list = await getJsonRaw<{ items: Pod[] }>(cluster, `/api/v1/namespaces/${MCO_NAMESPACE}/pods?labelSelector=${sel}`);
  const at = (p: Pod) => created(p);
  const last = [...list.items].sort((a, b) => at(a).localeCompare(at(b))).at(-1);
  if (!last) return [];
  const q = new URLSearchParams({ container: BUILD_CONTAINER });
  const r = await rawGet(
    cluster,
    `/api/v1/namespaces/${MCO_NAMESPACE}/pods/${encodeURIComponent(last.metadata.name)}/log?${q.toString()}`,
    {
      headersMs: cluster.timeoutMs,
    },
  );
  return r.end === 'done' ? r.body.replace(/\n$/, '').split('\n') : [];
}

/**
 * MCO's generated Containerfile of a build (ConfigMap `containerfile-<mosb>`, key `Containerfile`), or null
 * when MCO has deleted it (it does after a successful build: MCO:pkg/controller/build, PR #4700).
 */
export async function generatedContainerfile(cluster: Cluster, mosb: string): Promise<string | null> {
  try {
    const cm = await getJsonRaw<{ data?: Record<string, string> }>(
      cluster,
      `/api/v1/namespaces/${MCO_NAMESPACE}/configmaps/${encodeURIComponent(`containerfile-${mosb}`)}`,
    );
    // The simulator and MCO's template name the key Containerfile; any single key is taken otherwise.
    return cm.data?.['Containerfile'] ?? Object.values(cm.data ?? {})[0] ?? null;
  } catch (e) {
    if (e instanceof WatchHttpError && e.statusCode === 404) return null;
    throw explainError(e, { server: cluster.server, context: cluster.context, action: `read ConfigMap containerfile-${mosb}` });
  }
}

/** Lines gathered into one text per `ms` (an output channel append each), so the viewer's cost grows with batches, not lines. */
export class LineBatcher {
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Appends made so far. */
  batches = 0;

  constructor(
    private readonly out: (text: string) => void,
    private readonly ms = 100,
  ) {}

  add(lines: readonly string[]): void {
    for (const l of lines) this.buffer.push(l);
    this.timer ??= setTimeout(() => this.flush(), this.ms);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.buffer.length) return;
    const text = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.batches++;
    this.out(text);
  }
}

/**
 * List, then watch, for one kind, forever: resumes from the last resourceVersion (bookmarks keep it
 * fresh), relists when the server answers 410 Gone/Expired, reconnects with exponential backoff,
 * and reports connected / disconnected so the view can show it.
 */
import type { Cluster, Kind, Obj } from './cluster';
import { explainError } from './errors';
import { k8s } from './k8s';
import { MCO_GROUP, MCO_VERSION } from '../../../common/mco';

export type WatchState = { state: 'connecting' } | { state: 'connected' } | { state: 'disconnected'; message: string; retryInMs: number };

export interface WatchHandlers {
  /** A full list: replace everything known of this kind. */
  onList(kind: Kind, items: Obj[]): void;
  onEvent(kind: Kind, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: Obj): void;
  onState?(kind: Kind, s: WatchState): void;
}

export interface WatchOptions {
  /** Server-side timeout of each watch request; the loop then resumes from the last version. */
  timeoutSeconds?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class ResourceWatcher {
  private stopped = false;
  private abort: AbortController | undefined;
  private rv: string | undefined;
  private wake: (() => void) | undefined;
  /** Counters for tests and the output channel. */
  readonly stats = { lists: 0, watches: 0, expired: 0, errors: 0 };

  constructor(
    private readonly cluster: Cluster,
    readonly kind: Kind,
    private readonly h: WatchHandlers,
    private readonly opts: WatchOptions = {},
  ) {}

  start(): this {
    void this.loop();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    const min = this.opts.minBackoffMs ?? 500;
    const max = this.opts.maxBackoffMs ?? 15_000;
    let backoff = min;
    this.h.onState?.(this.kind, { state: 'connecting' });
    while (!this.stopped) {
      try {
        if (this.rv === undefined) {
          const l = await this.cluster.list(this.kind);
          if (this.stopped) return;
          this.stats.lists++;
          this.rv = l.resourceVersion;
          this.h.onList(this.kind, l.items);
        }
        this.h.onState?.(this.kind, { state: 'connected' });
        const r = await this.watchOnce();
        if (r === 'expired') {
          this.stats.expired++;
          this.rv = undefined; // 410: the version is gone; start over with a list
        }
        backoff = min;
      } catch (e) {
        if (this.stopped) return;
        this.stats.errors++;
        const err = explainError(e, { server: this.cluster.server, context: this.cluster.context, action: `watch ${this.kind}` });
        this.h.onState?.(this.kind, { state: 'disconnected', message: err.message, retryInMs: backoff });
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, backoff);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        backoff = Math.min(max, backoff * 2);
      }
    }
  }

  /** One watch request; resolves when the server ends it, 'expired' on 410, rejects on errors. */
  private async watchOnce(): Promise<'ended' | 'expired'> {
    const { Watch } = await k8s();
    this.stats.watches++;
    let expired = false;
    let failure: unknown;
    const ended = new Promise<void>((resolve) => {
      const w = new Watch(this.cluster.kc);
      const started = w.watch(
        pathOf(this.kind),
        { resourceVersion: this.rv, allowWatchBookmarks: true, timeoutSeconds: this.opts.timeoutSeconds ?? 300 },
        (type: string, obj: Obj & { code?: number }) => {
          if (type === 'ERROR') {
            if (obj.code === 410) expired = true;
            else failure = Object.assign(new Error((obj as { message?: string }).message ?? 'watch error'), { code: obj.code });
            return;
          }
          const rv = obj?.metadata?.resourceVersion;
          if (rv) this.rv = rv;
          if (type === 'BOOKMARK') return;
          if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') this.h.onEvent(this.kind, type, obj);
        },
        (err: unknown) => {
          if (err && !(err instanceof Error && err.name === 'AbortError')) failure ??= err;
          resolve();
        },
      );
      started.then(
        (c) => {
          this.abort = c;
          if (this.stopped) c.abort();
        },
        (e: unknown) => {
          failure ??= e;
          resolve();
        },
      );
    });
    await ended;
    if (expired) return 'expired';
    if (failure && !this.stopped) throw failure instanceof Error ? failure : new Error('the watch failed', { cause: failure });
    return 'ended';
  }
}

function pathOf(kind: Kind): string {
  return kind === 'nodes' ? '/api/v1/nodes' : `/apis/${MCO_GROUP}/${MCO_VERSION}/${kind}`;
}

/**
 * List, then watch, for one kind, forever: resumes from the last resourceVersion (bookmarks keep it
 * fresh), also when a stream broke inside an event (the server sends it again; a list costs more),
 * relists when the server answers 410 Gone/Expired or anything that may have lost an event, or when a
 * stream broke twice at the same version (the event itself is broken),
 * reconnects with jittered exponential backoff that resets once a stream is healthy, never faster
 * than a floor, honouring Retry-After, and reports connected / disconnected so the view can show it.
 */
import type { Cluster, Kind, Obj } from './cluster';
import { explainError } from './errors';
import type { ClusterError } from './errors';
import { watchStream, WatchHttpError } from './watchStream';
import type { StreamEnd } from './watchStream';
import { pagedList, pathOf } from './pagedList';
import { StoppableLoop } from './loop';

export type WatchState =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'disconnected'; message: string; retryInMs: number; kind?: ClusterError['kind'] };

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
  /** No two watch (or list + watch) attempts start closer together than this, whatever the server says. */
  floorMs?: number;
  /** A watch with no event and no bookmark for this long is dead (bookmark interval plus a margin). */
  silenceMs?: number;
}

/** Kubernetes sends a bookmark about once a minute; a minute and a half of silence is a dead stream. */
export const SILENCE_MS = 90_000;

export class ResourceWatcher extends StoppableLoop {
  private rv: string | undefined;
  private backoff = 0;
  /** Counters for tests and the output channel. */
  readonly stats = { lists: 0, watches: 0, expired: 0, resumes: 0, relists: 0, errors: 0 };
  /** The version the last broken stream was resumed from. */
  private brokenAt: string | undefined;

  constructor(
    private readonly cluster: Cluster,
    readonly kind: Kind,
    private readonly h: WatchHandlers,
    private readonly opts: WatchOptions = {},
  ) {
    super();
  }

  protected async loop(): Promise<void> {
    const min = this.opts.minBackoffMs ?? 500;
    const max = this.opts.maxBackoffMs ?? 4_000; // a view back within about 5 s of the server
    const floor = this.opts.floorMs ?? 1_000;
    this.backoff = min;
    let last = 0;
    this.h.onState?.(this.kind, { state: 'connecting' });
    while (!this.stopped) {
      const wait = last + floor - Date.now();
      if (wait > 0) await this.sleep(wait);
      if (this.stopped) return;
      last = Date.now();
      try {
        if (this.rv === undefined) {
          const l = await pagedList(this.cluster, this.kind);
          if (this.stopped) return;
          this.stats.lists++;
          this.rv = l.resourceVersion;
          this.h.onList(this.kind, l.items);
        }
        const r = await this.watchOnce();
        if (this.stopped) return;
        if (r.end === 'expired') this.stats.expired++;
        if (r.end === 'resume' && this.rv !== undefined && this.rv !== this.brokenAt) {
          this.stats.resumes++;
          this.brokenAt = this.rv; // every event after it comes again
          last = Date.now(); // after the floor: whatever broke it may still be going on
          continue;
        }
        if (r.end === 'relist' || r.end === 'resume') this.stats.relists++;
        if (r.end !== 'ended') this.rv = undefined; // the version is gone, or an event may be lost: list again
      } catch (e) {
        if (this.stopped) return;
        this.stats.errors++;
        const err = explainError(e, { server: this.cluster.server, context: this.cluster.context, action: `watch ${this.kind}` });
        // Equal jitter: between half and all of the backoff, never below the floor, never before Retry-After.
        const after = e instanceof WatchHttpError ? (e.retryAfterMs ?? 0) : 0;
        const delay = Math.max(floor, after, Math.round(this.backoff / 2 + (Math.random() * this.backoff) / 2));
        this.h.onState?.(this.kind, { state: 'disconnected', message: err.message, retryInMs: delay, kind: err.kind });
        await this.sleep(delay);
        this.backoff = Math.min(max, this.backoff * 2);
        last = 0;
      }
    }
  }

  /** One watch request from this.rv. */
  private async watchOnce(): Promise<StreamEnd> {
    this.stats.watches++;
    return watchStream(
      this.cluster,
      {
        path: pathOf(this.kind),
        resourceVersion: this.rv ?? '',
        timeoutSeconds: this.opts.timeoutSeconds ?? 300,
        headersMs: this.cluster.timeoutMs,
        silenceMs: this.opts.silenceMs ?? SILENCE_MS,
        signal: this.abort.signal,
      },
      {
        open: () => this.h.onState?.(this.kind, { state: 'connected' }),
        event: (type, obj) => {
          if (this.stopped) return;
          // Reset as soon as a stream delivers, not when it ends: a blip after an outage starts from the minimum again.
          this.backoff = this.opts.minBackoffMs ?? 500;
          const rv = obj.metadata.resourceVersion;
          if (rv) this.rv = rv;
          if (type !== 'BOOKMARK') this.h.onEvent(this.kind, type, obj);
        },
      },
    );
  }
}

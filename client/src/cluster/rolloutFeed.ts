/**
 * The watches behind the Rollouts view: one ResourceWatcher per kind feeding one RolloutModel,
 * started on first look and restarted when the connection changes. Exactly one watch set at a time:
 * each start is a numbered run, a restart stops the run's watchers before the next run can begin,
 * and whatever a stopped run still delivers is dropped, so every change and transition comes from
 * the one set that is current. The nodes' MachineConfigNode phases (4.19+) come from their own list
 * and watch beside them: the pools and nodes never wait for them, and a node shows what its
 * annotations say until its MachineConfigNode is known.
 */
import type { Cluster, Kind } from './cluster';
import { RolloutModel } from './rollout';
import { ClusterError } from './errors';
import type { Change } from './rollout';
import { ResourceWatcher } from './watcher';
import type { WatchOptions, WatchState } from './watcher';
import { mark } from './marks';
import { McnSource } from './machineConfigNodes';
import type { McnSourceOptions, McnView } from './machineConfigNodes';

export const KINDS: readonly Kind[] = ['machineconfigpools', 'machineconfigs', 'nodes'];

/** Where the feed gets its cluster: the Connector, or anything that gets and announces one. */
export interface ClusterSource {
  get(): Promise<Cluster>;
  onDidChange(listener: () => void): { dispose(): void };
}

export interface FeedHandlers {
  /** The model changed; `c.transitions` are the pool transitions to announce. */
  changed(c: Change, kind: Kind): void;
  /** A watch changed state, or the feed restarted: the whole view is to be re-read. */
  reset(): void;
  /** The feed restarted (another cluster, or the same asked again): nothing shown so far is current. Before reset(). */
  restarted?(): void;
  /** These nodes' MachineConfigNode phases came (the list arrived) or changed: their rows are to be redrawn. */
  phases?(nodes: string[]): void;
}

export class RolloutFeed {
  private m = new RolloutModel();
  /** The server the current run watches, once it has a cluster. */
  server: string | undefined;
  readonly states = new Map<Kind, WatchState>();
  error: string | undefined;
  /** What kind of failure `error` is, for the view's welcome content. */
  errorKind: ClusterError['kind'] | undefined;
  private watchers: ResourceWatcher[] = [];
  /** The current run's MachineConfigNodes, started with the node watches. */
  private mcns: McnSource | undefined;
  private started: Promise<void> | undefined;
  private run = 0;
  /** A run has painted before: the view has rows on screen that a new run must replace quickly. */
  private painted = false;
  private readonly sub: { dispose(): void };

  constructor(
    private readonly source: ClusterSource,
    private readonly h: FeedHandlers,
    private readonly opts: WatchOptions & { firstPaintMs?: number; repaintMs?: number; mcn?: McnSourceOptions } = {},
  ) {
    this.sub = source.onDidChange(() => this.restart());
  }

  /** What the current cluster has shown so far; a new, empty model after each restart. */
  get model(): RolloutModel {
    return this.m;
  }

  /**
   * A node's phase from its MachineConfigNode: undefined until the MachineConfigNode list has arrived,
   * and where the cluster serves none (the row then shows the node's annotations only).
   */
  phase(node: string): McnView | undefined {
    return this.mcns?.views.get(node);
  }

  /** Rows on screen may be out of date: a watch is not (yet, or no longer) connected. */
  stale(): boolean {
    return KINDS.some((k) => this.states.get(k)?.state !== 'connected');
  }

  /** Starts the watches once; resolves when the pools are known or the cluster is known not to answer. */
  start(): Promise<void> {
    this.started ??= this.open(++this.run);
    return this.started;
  }

  private async open(run: number): Promise<void> {
    const current = () => run === this.run;
    this.error = undefined;
    this.errorKind = undefined;
    let c: Cluster;
    try {
      c = await this.source.get();
    } catch (e) {
      if (!current()) return;
      this.error = e instanceof Error ? e.message : String(e);
      this.errorKind = e instanceof ClusterError ? e.kind : 'other';
      this.started = undefined;
      return;
    }
    if (!current()) return; // restarted while connecting: the next run owns the watches
    mark('connected');
    this.server = c.server;
    // The first paint waits for the pools, or for the first sign that the cluster is not answering.
    // After a restart the previous cluster's rows are still on screen until this resolves: wait only a
    // moment (a healthy cluster answers within it), then show "Connecting…" rather than the old rows.
    let shown!: () => void;
    const first = new Promise<void>((resolve) => (shown = resolve));
    const timer = setTimeout(() => shown(), this.painted ? (this.opts.repaintMs ?? 300) : (this.opts.firstPaintMs ?? 10_000));
    const watch = (k: Kind) =>
      new ResourceWatcher(
        c,
        k,
        {
          onList: (kind, items) => {
            if (!current()) return;
            this.h.changed(this.model.list(kind, items), kind);
            if (kind === 'nodes') mark('nodes-listed');
            if (kind !== 'machineconfigpools') return;
            mark('pools-listed');
            shown();
          },
          onEvent: (kind, type, o) => {
            if (current()) this.h.changed(this.model.event(kind, type, o), kind);
          },
          onState: (kind, s) => {
            if (!current()) return;
            const before = this.states.get(kind)?.state;
            this.states.set(kind, s);
            if (s.state === 'disconnected') shown();
            if (before !== s.state) this.h.reset();
          },
        },
        this.opts,
      ).start();
    // The pools first: their rows paint before the (much larger) node and MachineConfig lists arrive
    // and take the event loop. Those start once the pools are listed or known not to come.
    this.watchers = [watch('machineconfigpools')];
    await first;
    clearTimeout(timer);
    if (!current()) return;
    this.watchers.push(...KINDS.filter((k) => k !== 'machineconfigpools').map(watch));
    this.mcns = new McnSource(
      c,
      (nodes) => {
        if (current()) this.h.phases?.(nodes);
      },
      this.opts.mcn,
    ).start();
    this.painted = true;
  }

  /** Another cluster (or the same one, asked again): nothing of the old one stays on screen. */
  restart(): void {
    this.run++;
    for (const w of this.watchers) w.stop();
    this.watchers = [];
    this.mcns?.stop();
    this.mcns = undefined;
    this.started = undefined;
    this.states.clear();
    this.m = new RolloutModel();
    this.server = undefined;
    this.error = undefined;
    this.errorKind = undefined;
    this.h.restarted?.();
    this.h.reset();
  }

  /** The first watch that is down, for the view's status row. */
  down(): Extract<WatchState, { state: 'disconnected' }> | undefined {
    return [...this.states.values()].find((s): s is Extract<WatchState, { state: 'disconnected' }> => s.state === 'disconnected');
  }

  dispose(): void {
    this.run++;
    this.sub.dispose();
    for (const w of this.watchers) w.stop();
    this.mcns?.stop();
  }
}

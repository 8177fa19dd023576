/**
 * The watches behind the image-mode rows: MachineOSConfigs and MachineOSBuilds, only when discovery says
 * the cluster serves them at machineconfiguration.openshift.io/v1 (OpenShift 4.18+; older clusters get no
 * watches and no rows). The same ResourceWatcher as the pools and nodes: resume, relist, backoff, states.
 */
import type { Cluster, Kind } from './cluster';
import type { ClusterSource } from './rolloutFeed';
import { BuildModel } from './builds';
import type { BuildChange, BuildKind } from './builds';
import { ResourceWatcher } from './watcher';
import type { WatchOptions, WatchState } from './watcher';
import { getJsonRaw } from './rawApi';
import { MCO_GROUP, MCO_VERSION } from '../../../common/mco';

export const BUILD_KINDS: readonly BuildKind[] = ['machineosconfigs', 'machineosbuilds'];

export interface BuildFeedHandlers {
  changed(c: BuildChange): void;
  /** A watch changed state, or the feed restarted. */
  reset(): void;
}

/** Does the cluster serve MachineOSBuilds at v1? null when discovery could not be read. */
export async function servesBuilds(c: Cluster): Promise<boolean | null> {
  try {
    const l = await getJsonRaw<{ resources?: { name: string }[] }>(c, `/apis/${MCO_GROUP}/${MCO_VERSION}`);
    return (l.resources ?? []).some((r) => r.name === 'machineosbuilds');
  } catch {
    return null;
  }
}

export class BuildFeed {
  private m = new BuildModel();
  readonly states = new Map<Kind, WatchState>();
  /** Whether the current cluster serves image-mode builds (undefined until known). */
  served: boolean | undefined;
  cluster: Cluster | undefined;
  private watchers: ResourceWatcher[] = [];
  private started: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private run = 0;
  private readonly sub: { dispose(): void };

  constructor(
    private readonly source: ClusterSource,
    private readonly h: BuildFeedHandlers,
    private readonly opts: WatchOptions & { discoveryRetryMs?: number } = {},
  ) {
    this.sub = source.onDidChange(() => this.restart());
  }

  get model(): BuildModel {
    return this.m;
  }

  /** Starts discovery and the watches once; resolves when discovery has answered (or failed). */
  start(): Promise<void> {
    this.started ??= this.open(++this.run);
    return this.started;
  }

  private async open(run: number): Promise<void> {
    const current = () => run === this.run && !this.disposed;
    let c: Cluster;
    try {
      c = await this.source.get();
    } catch {
      if (current()) this.started = undefined;
      return;
    }
    if (!current()) return;
    this.cluster = c;
    const served = await servesBuilds(c);
    if (!current()) return;
    if (served === null) {
      // Discovery did not answer: ask again later, as the watches would.
      this.retry = setTimeout(() => {
        if (!current()) return;
        this.started = undefined;
        void this.start();
      }, this.opts.discoveryRetryMs ?? 5_000);
      return;
    }
    this.served = served;
    if (!served) return this.h.reset();
    this.watchers = BUILD_KINDS.map((k) =>
      new ResourceWatcher(
        c,
        k,
        {
          onList: (kind, items) => {
            if (current()) this.h.changed(this.m.list(kind as BuildKind, items));
          },
          onEvent: (kind, type, o) => {
            if (current()) this.h.changed(this.m.event(kind as BuildKind, type, o));
          },
          onState: (kind, s) => {
            if (!current()) return;
            const before = this.states.get(kind)?.state;
            this.states.set(kind, s);
            if (before !== s.state) this.h.reset();
          },
        },
        this.opts,
      ).start(),
    );
  }

  private disposed = false;

  restart(): void {
    this.run++;
    clearTimeout(this.retry);
    for (const w of this.watchers) w.stop();
    this.watchers = [];
    this.started = undefined;
    this.states.clear();
    this.m = new BuildModel();
    this.served = undefined;
    this.cluster = undefined;
    this.h.reset();
  }

  dispose(): void {
    this.disposed = true;
    this.run++;
    clearTimeout(this.retry);
    this.sub.dispose();
    for (const w of this.watchers) w.stop();
  }
}

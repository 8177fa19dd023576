/**
 * What the Machine Config Operator does, simulated: the render controller merges each pool's
 * MachineConfigs into `rendered-<pool>-<hash>`, and the node controller walks each node through
 * desiredConfig -> cordon/drain -> Working -> image -> reboot -> Done -> uncordon, keeping the
 * pool's status counts and conditions exact.
 */
import { Obj, Store } from './store';
import { condition, setCondition } from './conditions';
import { Layer, Ocl } from './ocl';
import { RenderedSpec, mergeMachineConfigs, reconcileError, renderOrder, renderedName } from './render';
import { OcpVersion, atLeast } from './version';
import { Daemon } from './daemon';
import { PinnedImages } from './pinnedImages';
import { Logs } from './logs';
import type { FailureKind } from './failures';
import { syncMachineConfiguration } from './operator';
import { sortNodeList } from './order';

const ANN = 'machineconfiguration.openshift.io/';

export interface McoOptions {
  /** Multiplies every delay's speed: 10 = ten times faster. */
  speed: number;
  baseImage: string;
  /** Image references the simulated registry has; null = every digest-pinned reference. */
  registry: Set<string> | null;
  /** Tags (not digests) make nodes degrade. */
  requireDigest: boolean;
  /** The on-cluster image build controller; null = none (no pool is ever layered). */
  ocl: Ocl | null;
  /** The simulated OpenShift version (what the daemon's disruption rules and the Ignition version follow); 4.16 when absent. */
  version?: OcpVersion;
  /** Where the daemon pods' logs go (a private one when absent). */
  logs?: Logs;
}

export class Mco {
  readonly daemon: Daemon;
  /** The PinnedImageSet controller and the daemons' image prefetch (4.19+). */
  readonly pinned: PinnedImages | null = null;
  /** Injected failures by node name (failures.ts). */
  readonly failures = new Map<string, FailureKind>();
  /** Nodes whose last update ran with an injected failure: they retry once it is cleared. */
  private readonly injected = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private dirty = true;
  private operatorDirty = true;

  constructor(
    private readonly store: Store,
    private readonly opts: McoOptions,
  ) {
    const version = opts.version ?? { major: 4, minor: 16 };
    this.daemon = new Daemon(store, opts.logs ?? new Logs(), {
      mcn: atLeast(version, 4, 19),
      ndp: atLeast(version, 4, 17),
      speed: () => this.opts.speed,
      imageProblem: (image) => this.imageProblem(image),
      failures: this.failures,
      localImage: (node, image) => this.pinned?.hasImage(node, image) ?? false,
    });
    // PinnedImageSets from 4.19 (pinnedImages.ts).
    if (atLeast(version, 4, 19))
      this.pinned = new PinnedImages(store, {
        speed: () => this.opts.speed,
        failures: this.failures,
        log: (node, sev, where, msg) => this.daemon.log(node, sev, where, msg),
        selects: (pool, o) => this.selects(pool, o),
        nodesOf: (pool) => this.nodesOf(pool),
      });
    store.on('event', (e: { plural: string; object: Obj }) => {
      if (e.plural === 'machineconfigurations') this.operatorDirty = true;
      if (e.plural === 'machineconfigs' && e.object.metadata.name.startsWith('rendered-')) return;
      if (e.plural === 'machineconfigs' || e.plural === 'machineconfigpools') this.dirty = true;
    });
  }

  start(): void {
    const tick = Math.max(5, Math.round(50 / this.opts.speed));
    this.timer = setInterval(() => this.step(), tick);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Changes the speed of everything from now on (npm start sets a demo up fast, then runs at 1). */
  setSpeed(speed: number): void {
    this.opts.speed = speed;
    this.opts.ocl?.setSpeed(speed);
    if (this.timer) {
      this.stop();
      this.start();
    }
  }

  /** Renders every pool (and publishes the disruption policies) without moving any node: the start-up state. */
  renderNow(): void {
    this.operatorDirty = false;
    syncMachineConfiguration(this.store, this.opts.version ?? { major: 4, minor: 16 });
    this.dirty = false;
    for (const pool of this.store.list('machineconfigpools')) this.render(pool);
  }

  step(): void {
    if (this.operatorDirty) {
      this.operatorDirty = false;
      syncMachineConfiguration(this.store, this.opts.version ?? { major: 4, minor: 16 });
    }
    if (this.dirty) {
      this.dirty = false;
      for (const pool of this.store.list('machineconfigpools')) this.render(pool);
    }
    this.opts.ocl?.step(Date.now());
    for (const pool of this.store.list('machineconfigpools')) this.rollout(pool);
    this.pinned?.step(Date.now());
  }

  private selects(pool: Obj, mc: Obj): boolean {
    const sel = ((pool['spec'] as Record<string, unknown>)?.['machineConfigSelector'] ?? {}) as {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; operator: string; values?: string[] }[];
    };
    const labels = mc.metadata.labels ?? {};
    if (Object.keys(sel).length === 0) return false;
    const ml = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
    const me = (sel.matchExpressions ?? []).every((e) =>
      e.operator === 'In'
        ? (e.values ?? []).includes(labels[e.key] ?? '\u0000')
        : e.operator === 'NotIn'
          ? !(e.values ?? []).includes(labels[e.key] ?? '\u0000')
          : e.operator === 'Exists'
            ? e.key in labels
            : !(e.key in labels),
    );
    return ml && me;
  }

  private nodesOf(pool: Obj): readonly Obj[] {
    const sel = ((pool['spec'] as Record<string, unknown>)?.['nodeSelector'] ?? {}) as { matchLabels?: Record<string, string> };
    return this.store
      .scan('nodes')
      .filter((n) => Object.entries(sel.matchLabels ?? {}).every(([k, v]) => (n.metadata.labels ?? {})[k] === v));
  }

  private render(pool: Obj): void {
    const name = pool.metadata.name;
    const mcs = this.store.list('machineconfigs').filter((m) => !m.metadata.name.startsWith('rendered-') && this.selects(pool, m));
    const current = (pool['spec'] as { configuration?: { name?: string } } | undefined)?.configuration?.name;
    const ignVersion = this.opts.version && atLeast(this.opts.version, 4, 19) ? '3.5.0' : '3.4.0';
    const result = mergeMachineConfigs(mcs, this.opts.baseImage, ignVersion);
    const currentSpec = current ? (this.store.get('machineconfigs', current)?.['spec'] as RenderedSpec | undefined) : undefined;
    const error =
      result.error ?? (current && currentSpec?.config ? reconcileError(current, currentSpec, result.spec, mcs, this.opts.baseImage) : null);
    if (error) {
      // render_controller.go syncFailingStatus; the pool keeps its current target.
      this.store.mutate('machineconfigpools', name, (p) =>
        setCondition(p, 'RenderDegraded', 'True', '', `Failed to render configuration for pool ${name}: ${error}`),
      );
      return;
    }
    const spec = result.spec!;
    const rendered = renderedName(name, spec);
    if (!this.store.get('machineconfigs', rendered)) {
      this.store.create('machineconfigs', {
        apiVersion: 'machineconfiguration.openshift.io/v1',
        kind: 'MachineConfig',
        metadata: {
          name: rendered,
          ownerReferences: [{ apiVersion: 'machineconfiguration.openshift.io/v1', kind: 'MachineConfigPool', name, controller: true }],
          annotations: {
            [`${ANN}generated-by-controller-version`]: 'sim',
            ...(spec.osImageURL !== this.opts.baseImage ? { [`${ANN}os-image-url-overridden`]: 'true' } : {}),
          },
        },
        spec,
      });
    }
    this.store.mutate('machineconfigpools', name, (p) => {
      const pspec = (p['spec'] ?? {}) as Record<string, unknown>;
      const conf = {
        name: rendered,
        source: renderOrder(mcs).map((m) => ({
          apiVersion: 'machineconfiguration.openshift.io/v1',
          kind: 'MachineConfig',
          name: m.metadata.name,
        })),
      };
      const changed = JSON.stringify(pspec['configuration']) !== JSON.stringify(conf);
      p['spec'] = { ...pspec, configuration: conf };
      const cleared = setCondition(p, 'RenderDegraded', 'False', '', '');
      return changed || cleared ? p : null;
    });
  }

  private rollout(pool: Obj): void {
    const spec = (pool['spec'] ?? {}) as Record<string, unknown>;
    const target = (spec['configuration'] as { name?: string } | undefined)?.name;
    const nodes = this.nodesOf(pool);
    const now = Date.now();
    const layer = target ? (this.opts.ocl?.layer(pool.metadata.name, target) ?? null) : null;
    // A layered pool boots its built image, and waits while it is built (MCO:pkg/controller/node, isLayeredPool).
    const image = !target
      ? null
      : layer
        ? layer.image
        : (((this.store.get('machineconfigs', target)?.['spec'] as Record<string, unknown> | undefined)?.['osImageURL'] as string) ??
          this.opts.baseImage);
    if (target) {
      const paused = spec['paused'] === true;
      const maxUnavailable = unavailableBudget(spec['maxUnavailable'], nodes.length);
      // Nodes updating or degraded are unavailable: no more than maxUnavailable at a time.
      let busy = nodes.filter(
        (n) =>
          this.daemon.tasks.has(n.metadata.name) || ['Degraded', 'Unreconcilable'].includes(n.metadata.annotations?.[`${ANN}state`] ?? ''),
      ).length;
      const waiting: Obj[] = [];
      for (const n of nodes) {
        if (this.daemon.tasks.has(n.metadata.name)) this.daemon.advance(n, now);
        else if (image !== null && !paused) waiting.push(n);
      }
      // Candidates in MCO's order: by zone label (unlabelled last), then oldest first (node_controller.go sortNodeList).
      // Sorted only when a node may start: most ticks of a large rollout have no room.
      const candidates = waiting.filter((n) => {
        const a = n.metadata.annotations ?? {};
        if (a[`${ANN}currentConfig`] === target && a[`${ANN}currentImage`] === image && a[`${ANN}state`] !== 'Degraded') return false;
        // A degraded node retries only for a new target, or once its injected failure is cleared.
        if (a[`${ANN}state`] !== 'Degraded') return true;
        return a[`${ANN}desiredConfig`] !== target || (!this.failures.has(n.metadata.name) && this.injected.has(n.metadata.name));
      });
      const room = candidates.some((n) => n.metadata.annotations?.[`${ANN}state`] === 'Degraded') || busy < maxUnavailable;
      for (const n of room ? sortNodeList(candidates) : []) {
        const a = n.metadata.annotations ?? {};
        const degraded = a[`${ANN}state`] === 'Degraded';
        if (!degraded && busy >= maxUnavailable) continue;
        if (!degraded) busy++;
        this.injected.delete(n.metadata.name);
        if (this.failures.has(n.metadata.name)) this.injected.add(n.metadata.name);
        const leaving = !layer && !!this.opts.ocl?.builtImages.has(a[`${ANN}currentImage`] ?? '');
        this.daemon.start(n, pool.metadata.name, target, image!, leaving ? 2 : 1, now);
      }
      this.taint(nodes, target, image);
    }
    this.status(pool, target, this.nodesOf(pool), layer, image);
  }

  /**
   * The UpdateInProgress:PreferNoSchedule taint on every node of an updating pool whose desired config or image
   * is not yet the pool's (MCO:pkg/controller/node/node_controller.go, constants.NodeUpdateInProgressTaint).
   */
  private taint(nodes: readonly Obj[], target: string, image: string | null): void {
    for (const n of nodes) {
      const a = n.metadata.annotations ?? {};
      const pending = a[`${ANN}desiredConfig`] !== target || (image !== null && a[`${ANN}desiredImage`] !== image);
      const taints = ((n['spec'] as { taints?: { key: string; effect: string }[] } | undefined)?.taints ?? []) as {
        key: string;
        effect: string;
      }[];
      const has = taints.some((t) => t.key === 'UpdateInProgress' && t.effect === 'PreferNoSchedule');
      if (pending === has) continue;
      this.store.mutate('nodes', n.metadata.name, (x) => {
        const spec = { ...(x['spec'] as Record<string, unknown>) };
        const rest = taints.filter((t) => !(t.key === 'UpdateInProgress' && t.effect === 'PreferNoSchedule'));
        const next = pending ? [...rest, { key: 'UpdateInProgress', effect: 'PreferNoSchedule' }] : rest;
        if (next.length) spec['taints'] = next;
        else delete spec['taints'];
        x['spec'] = spec;
        return x;
      });
    }
  }

  imageProblem(image: string): string | null {
    const pinned = /@sha256:[0-9a-f]{64}$/.test(image);
    if (this.opts.requireDigest && !pinned && image !== this.opts.baseImage)
      return `failed to update OS to ${image}: error: remote error: osImageURL ${image} is not pinned by digest`;
    if (image === this.opts.baseImage) return null;
    const present = this.opts.registry ? this.opts.registry.has(image) : pinned;
    return present
      ? null
      : `failed to update OS to ${image}: error: Creating importer: failed to invoke method OpenImage: failed to invoke method OpenImage: reading manifest in ${image.split('@')[0]}: manifest unknown`;
  }

  /** Pool status as MCO computes it (pkg/controller/node/status.go). */
  private status(pool: Obj, target: string | undefined, nodes: readonly Obj[], layer: Layer | null, image: string | null): void {
    const s = (n: Obj) => n.metadata.annotations?.[`${ANN}state`] ?? 'Done';
    const ready = (n: Obj) =>
      ((n['status'] as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
    const updated = nodes.filter(
      (n) =>
        target &&
        n.metadata.annotations?.[`${ANN}currentConfig`] === target &&
        n.metadata.annotations?.[`${ANN}desiredConfig`] === target &&
        (image === null || n.metadata.annotations?.[`${ANN}currentImage`] === image) &&
        s(n) === 'Done',
    );
    const degraded = nodes.filter((n) => s(n) === 'Degraded' || s(n) === 'Unreconcilable');
    const unavailable = nodes.filter(
      (n) => !ready(n) || (s(n) !== 'Done' && !degraded.includes(n)) || (n['spec'] as { unschedulable?: boolean })?.unschedulable,
    );
    const readyCount = updated.filter((n) => ready(n) && !(n['spec'] as { unschedulable?: boolean })?.unschedulable).length;
    const name = pool.metadata.name;
    this.store.mutate('machineconfigpools', name, (p) => {
      const before = JSON.stringify(p['status'] ?? {});
      const st = (p['status'] ?? {}) as Record<string, unknown>;
      st['machineCount'] = nodes.length;
      st['updatedMachineCount'] = updated.length;
      st['readyMachineCount'] = readyCount;
      st['unavailableMachineCount'] = unavailable.length;
      st['degradedMachineCount'] = degraded.length;
      st['observedGeneration'] = p.metadata.generation;
      if (target)
        st['configuration'] = {
          ...((p['spec'] as Record<string, unknown>)['configuration'] as object),
          name: updated.length === nodes.length ? target : ((st['configuration'] as { name?: string } | undefined)?.name ?? target),
        };
      p['status'] = st;
      const paused = (p['spec'] as { paused?: boolean })?.paused === true;
      const done =
        target !== undefined &&
        image !== null &&
        updated.length === nodes.length &&
        readyCount === nodes.length &&
        unavailable.length === 0;
      setCondition(p, 'Updated', done ? 'True' : 'False', '', done ? `All nodes are updated with ${target}` : '');
      // Image-mode pools say what they wait for (MCO:pkg/controller/node/status.go).
      const buildFailed = layer?.state === 'failed';
      const waiting = layer && image === null && !buildFailed;
      setCondition(
        p,
        'Updating',
        !done && !paused && !!target && !buildFailed ? 'True' : 'False',
        '',
        buildFailed
          ? `Pool update stopped due to OS image build failure (mosb: ${layer.mosb})`
          : waiting && layer.mosb && layer.state !== 'interrupted'
            ? `Pool is waiting for OS image build to complete (mosb: ${layer.mosb})`
            : waiting
              ? `Pool is waiting for a new OS image build to start (mosc: ${layer.mosc})`
              : !done && !paused && target
                ? `All nodes are updating to ${target}`
                : paused
                  ? `Pool is paused; will not update to ${target}`
                  : '',
      );
      const nd = degraded.length > 0;
      setCondition(
        p,
        'NodeDegraded',
        nd ? 'True' : 'False',
        nd ? `${degraded.length} nodes are reporting degraded status on sync` : '',
        degraded.map((n) => `Node ${n.metadata.name} is reporting: "${n.metadata.annotations?.[`${ANN}reason`] ?? ''}"`).join(', '),
      );
      const rd = condition(p, 'RenderDegraded') === 'True';
      const bd = condition(p, 'ImageBuildDegraded') === 'True';
      setCondition(p, 'Degraded', nd || rd || bd ? 'True' : 'False', '', '');
      return JSON.stringify(p['status']) === before ? null : p;
    });
  }
}

/** maxUnavailable as MCO reads it: a count, or a percentage of the pool rounded down; at least 1. */
export function unavailableBudget(v: unknown, total: number): number {
  if (typeof v === 'number') return Math.max(1, Math.floor(v));
  if (typeof v === 'string' && /^\d+%$/.test(v)) return Math.max(1, Math.floor((total * Number(v.slice(0, -1))) / 100));
  return 1;
}

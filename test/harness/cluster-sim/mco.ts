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
}

type Phase = 'desired' | 'drain' | 'working' | 'reboot' | 'done';
interface NodeTask {
  phase: Phase;
  until: number;
  target: string;
  image: string;
  /** Reboots still to come: 2 when a node leaves an image-mode image (the revert service reboots again). */
  reboots: number;
}

const DELAYS: Record<Exclude<Phase, 'done'>, number> = { desired: 300, drain: 700, working: 900, reboot: 1200 };

export class Mco {
  private readonly tasks = new Map<string, NodeTask>();
  private timer: NodeJS.Timeout | null = null;
  private dirty = true;

  constructor(
    private readonly store: Store,
    private readonly opts: McoOptions,
  ) {
    store.on('event', (e: { plural: string; object: Obj }) => {
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

  private delay(p: Exclude<Phase, 'done'>): number {
    return DELAYS[p] / this.opts.speed;
  }

  step(): void {
    if (this.dirty) {
      this.dirty = false;
      for (const pool of this.store.list('machineconfigpools')) this.render(pool);
    }
    this.opts.ocl?.step(Date.now());
    for (const pool of this.store.list('machineconfigpools')) this.rollout(pool);
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
        (n) => this.tasks.has(n.metadata.name) || ['Degraded', 'Unreconcilable'].includes(n.metadata.annotations?.[`${ANN}state`] ?? ''),
      ).length;
      for (const n of nodes) {
        const task = this.tasks.get(n.metadata.name);
        if (task) {
          if (now >= task.until) this.advance(n, task, now);
          continue;
        }
        const a = n.metadata.annotations ?? {};
        if (image === null) continue;
        if (a[`${ANN}currentConfig`] === target && a[`${ANN}currentImage`] === image && a[`${ANN}state`] !== 'Degraded') continue;
        if (paused || (a[`${ANN}state`] === 'Degraded' && a[`${ANN}desiredConfig`] === target)) continue;
        const wasDegraded = a[`${ANN}state`] === 'Degraded';
        if (!wasDegraded && busy >= maxUnavailable) continue;
        if (!wasDegraded) busy++;
        const leaving = !layer && !!this.opts.ocl?.builtImages.has(a[`${ANN}currentImage`] ?? '');
        const t: NodeTask = { phase: 'desired', until: now + this.delay('desired'), target, image, reboots: leaving ? 2 : 1 };
        this.tasks.set(n.metadata.name, t);
        this.store.mutate('nodes', n.metadata.name, (x) =>
          annotate(x, { desiredConfig: target, desiredImage: image, desiredDrain: `drain-${target}` }),
        );
      }
    }
    this.status(pool, target, this.nodesOf(pool), layer, image);
  }

  private advance(n: Obj, t: NodeTask, now: number): void {
    const name = n.metadata.name;
    if (t.phase === 'desired') {
      this.store.mutate('nodes', name, (x) => {
        x['spec'] = { ...(x['spec'] as object), unschedulable: true };
        return annotate(x, { state: 'Working' });
      });
      t.phase = 'drain';
      t.until = now + this.delay('drain');
    } else if (t.phase === 'drain') {
      this.store.mutate('nodes', name, (x) => annotate(x, { lastAppliedDrain: `drain-${t.target}` }));
      t.phase = 'working';
      t.until = now + this.delay('working');
    } else if (t.phase === 'working') {
      const problem = this.imageProblem(t.image);
      if (problem) {
        this.store.mutate('nodes', name, (x) => annotate(x, { state: 'Degraded', reason: problem }));
        this.tasks.delete(name);
        return;
      }
      this.store.mutate('nodes', name, (x) => setReady(annotate(x, { state: 'Rebooting' }), false));
      t.phase = 'reboot';
      t.until = now + this.delay('reboot');
    } else if (t.phase === 'reboot' && t.reboots > 1) {
      // Back up on the image-mode image; machine-config-daemon-revert.service rebases and reboots once more
      // (MCO:pkg/daemon/runtimeassets/revertservice.go).
      t.reboots--;
      this.store.mutate('nodes', name, (x) => setReady(annotate(x, { state: 'Working' }), true));
      t.phase = 'working';
      t.until = now + this.delay('working');
    } else if (t.phase === 'reboot') {
      this.store.mutate('nodes', name, (x) => {
        x['spec'] = { ...(x['spec'] as object), unschedulable: false };
        delete (x['spec'] as Record<string, unknown>)['unschedulable'];
        const a = annotate(x, {
          state: 'Done',
          currentConfig: t.target,
          currentImage: t.image,
          desiredDrain: `uncordon-${t.target}`,
          lastAppliedDrain: `uncordon-${t.target}`,
        });
        delete a.metadata.annotations![`${ANN}reason`];
        return setReady(a, true);
      });
      this.tasks.delete(name);
    }
  }

  private imageProblem(image: string): string | null {
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

function annotate(n: Obj, values: Record<string, string>): Obj {
  n.metadata.annotations = { ...(n.metadata.annotations ?? {}) };
  for (const [k, v] of Object.entries(values)) n.metadata.annotations[`${ANN}${k}`] = v;
  return n;
}

function setReady(n: Obj, ready: boolean): Obj {
  const st = (n['status'] ?? {}) as { conditions?: { type: string; status: string; reason?: string }[] };
  st.conditions = [
    ...(st.conditions ?? []).filter((c) => c.type !== 'Ready'),
    { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'KubeletReady' : 'KubeletNotReady' },
  ];
  n['status'] = st;
  return n;
}

/**
 * On-cluster image mode as the Rollouts view shows it: each layered pool's MachineOSConfig and its
 * MachineOSBuilds (newest first) with phase, duration and failure message, and the builds that just
 * finished (for notifications). Phases come from MCO's MOSB conditions (MCO:pkg/apihelpers/machineosbuild.go:
 * Prepared, Building, Succeeded, Failed, Interrupted); the current build of a MOSC is its
 * `machineconfiguration.openshift.io/current-machine-os-build` annotation (MCO:pkg/controller/build/constants).
 */
import type { Obj } from './cluster';
import { MCO_PREFIX } from '../../../common/mco';

export type BuildKind = 'machineosconfigs' | 'machineosbuilds';
export type BuildPhase = 'Pending' | 'Building' | 'Succeeded' | 'Failed' | 'Interrupted';

export const CURRENT_BUILD_ANNOTATION = `${MCO_PREFIX}current-machine-os-build`;
export const POOL_LABEL = `${MCO_PREFIX}target-machine-config-pool`;
/** The namespace MCO runs builds in (Jobs, pods, ConfigMaps). */
export const MCO_NAMESPACE = 'openshift-machine-config-operator';

type Condition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };

export interface BuildView {
  name: string;
  pool: string;
  mosc: string;
  phase: BuildPhase;
  created: string;
  start: string | undefined;
  end: string | undefined;
  /** The failure (or interruption) message of the MOSB's condition. */
  message: string | undefined;
  /** The builder Job, `build-<mosb>` unless the MOSB names another. */
  job: string;
  /** The pushed image, by digest, once the build succeeded. */
  image: string | undefined;
}

export interface MoscView {
  name: string;
  pool: string;
  pushSpec: string;
  currentBuild: string | undefined;
  currentImage: string | undefined;
  /** The NoArch containerFile content, the only one MCO builds (MCO:…/buildrequest.go newBuildRequest). */
  content: string | undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const TERMINAL: ReadonlySet<BuildPhase> = new Set(['Succeeded', 'Failed', 'Interrupted']);
export const isFinished = (p: BuildPhase): boolean => TERMINAL.has(p);

function conditionsOf(o: Obj): Condition[] {
  const c = o.status?.['conditions'];
  return Array.isArray(c) ? (c as Condition[]) : [];
}

export function phaseOf(o: Obj): BuildPhase {
  const on = new Set(
    conditionsOf(o)
      .filter((c) => c.status === 'True')
      .map((c) => c.type),
  );
  if (on.has('Succeeded')) return 'Succeeded';
  if (on.has('Failed')) return 'Failed';
  if (on.has('Interrupted')) return 'Interrupted';
  if (on.has('Building')) return 'Building';
  return 'Pending';
}

export function buildView(o: Obj): BuildView {
  const spec = o.spec ?? {};
  const status = o.status ?? {};
  const phase = phaseOf(o);
  const cond = conditionsOf(o).find((c) => c.type === phase && c.status === 'True');
  const builder = status['builder'] as { job?: { name?: string } } | undefined;
  return {
    name: o.metadata.name,
    pool: o.metadata.labels?.[POOL_LABEL] ?? '',
    mosc: (spec['machineOSConfig'] as { name?: string } | undefined)?.name ?? '',
    phase,
    created: str(o.metadata['creationTimestamp']),
    start: typeof status['buildStart'] === 'string' ? status['buildStart'] : undefined,
    end: typeof status['buildEnd'] === 'string' ? status['buildEnd'] : undefined,
    message: phase === 'Failed' || phase === 'Interrupted' ? cond?.message || cond?.reason : undefined,
    job: builder?.job?.name ?? `build-${o.metadata.name}`,
    image: typeof status['digestedImagePushSpec'] === 'string' ? status['digestedImagePushSpec'] : undefined,
  };
}

export function moscView(o: Obj): MoscView {
  const spec = o.spec ?? {};
  const files = (spec['containerFile'] as { containerfileArch?: string; content?: string }[] | undefined) ?? [];
  const status = o.status ?? {};
  return {
    name: o.metadata.name,
    pool: (spec['machineConfigPool'] as { name?: string } | undefined)?.name ?? '',
    pushSpec: str(spec['renderedImagePushSpec']),
    currentBuild: o.metadata.annotations?.[CURRENT_BUILD_ANNOTATION] ?? (status['machineOSBuild'] as { name?: string } | undefined)?.name,
    currentImage: typeof status['currentImagePullSpec'] === 'string' ? status['currentImagePullSpec'] : undefined,
    content: files.find((f) => (f.containerfileArch ?? 'NoArch') === 'NoArch')?.content,
  };
}

/** "1m 05s", "42s", "2h 03m"; undefined without a start. */
export function duration(b: Pick<BuildView, 'start' | 'end'>, now = Date.now()): string | undefined {
  const s = b.start ? Date.parse(b.start) : NaN;
  if (!Number.isFinite(s)) return undefined;
  const e = b.end ? Date.parse(b.end) : now;
  const secs = Math.max(0, Math.round(((Number.isFinite(e) ? e : now) - s) / 1000));
  if (secs < 60) return `${secs}s`;
  const m = Math.floor(secs / 60);
  if (m < 60) return `${m}m ${String(secs % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export interface BuildChange {
  /** Pools whose MOSC or builds changed. */
  pools: Set<string>;
  /** Builds seen running that have now finished, once each. */
  finished: BuildView[];
}

export class BuildModel {
  readonly moscs = new Map<string, MoscView>();
  readonly builds = new Map<string, BuildView>();
  /** Builds already announced as finished, so a relist does not announce them again. */
  private readonly announced = new Set<string>();

  list(kind: BuildKind, items: Obj[]): BuildChange {
    const c: BuildChange = { pools: new Set(), finished: [] };
    if (kind === 'machineosconfigs') {
      for (const m of this.moscs.values()) c.pools.add(m.pool);
      this.moscs.clear();
      for (const o of items) this.put(kind, o, c);
      return c;
    }
    const before = new Map(this.builds);
    for (const b of before.values()) c.pools.add(b.pool);
    this.builds.clear();
    for (const o of items) {
      const b = buildView(o);
      this.builds.set(b.name, b);
      c.pools.add(b.pool);
      this.noteFinished(before.get(b.name), b, c);
    }
    return c;
  }

  event(kind: BuildKind, type: 'ADDED' | 'MODIFIED' | 'DELETED', o: Obj): BuildChange {
    const c: BuildChange = { pools: new Set(), finished: [] };
    if (type === 'DELETED') {
      const map = kind === 'machineosconfigs' ? this.moscs : this.builds;
      const old = map.get(o.metadata.name);
      if (old) c.pools.add(old.pool);
      map.delete(o.metadata.name);
      return c;
    }
    this.put(kind, o, c);
    return c;
  }

  private put(kind: BuildKind, o: Obj, c: BuildChange): void {
    if (kind === 'machineosconfigs') {
      const m = moscView(o);
      this.moscs.set(m.name, m);
      c.pools.add(m.pool);
      return;
    }
    const b = buildView(o);
    const old = this.builds.get(b.name);
    this.builds.set(b.name, b);
    c.pools.add(b.pool);
    this.noteFinished(old, b, c);
  }

  /** A build this model saw unfinished and now sees finished is announced, once. */
  private noteFinished(old: BuildView | undefined, b: BuildView, c: BuildChange): void {
    if (!old || isFinished(old.phase) || !isFinished(b.phase) || this.announced.has(b.name)) return;
    this.announced.add(b.name);
    c.finished.push(b);
  }

  moscOf(pool: string): MoscView | undefined {
    for (const m of this.moscs.values()) if (m.pool === pool) return m;
    return undefined;
  }

  /** The pool's builds, newest first (creation, then start time, then name). */
  buildsOf(pool: string): BuildView[] {
    const mosc = this.moscOf(pool);
    return [...this.builds.values()]
      .filter((b) => b.pool === pool || (!!mosc && b.mosc === mosc.name))
      .sort((a, b) => b.created.localeCompare(a.created) || (b.start ?? '').localeCompare(a.start ?? '') || b.name.localeCompare(a.name));
  }

  /** The build the pool's MOSC points at now (else the newest). */
  currentBuildOf(pool: string): BuildView | undefined {
    const m = this.moscOf(pool);
    return (m?.currentBuild ? this.builds.get(m.currentBuild) : undefined) ?? this.buildsOf(pool)[0];
  }

  /** What the pool row says about image mode: "building", "build failed", or nothing (the rollout progress shows). */
  poolBuildState(pool: string): 'building' | 'build failed' | undefined {
    if (!this.moscOf(pool)) return undefined;
    const b = this.currentBuildOf(pool);
    if (!b) return 'building'; // MCO has not made the MOSB yet: "waiting for a new OS image build to start"
    if (b.phase === 'Pending' || b.phase === 'Building') return 'building';
    if (b.phase === 'Failed' || b.phase === 'Interrupted') return 'build failed';
    return undefined;
  }
}

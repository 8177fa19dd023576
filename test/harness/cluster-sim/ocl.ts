/**
 * On-cluster image mode (OCL), as MCO's build controller runs it (MCO:pkg/controller/build/reconciler.go,
 * buildrequest/, utils/helpers.go, constants/constants.go; shared/domain/CURRENT.md §1.2–1.4):
 * a MachineOSConfig gets a MachineOSBuild `<mosc>-<hash>` for its pool's rendered config; the build runs as
 * the Job `build-<mosb>` (backoffLimit 3) whose pod's init container `image-build` writes buildah's log;
 * the MOSB conditions (Prepared, Building, Succeeded, Failed, Interrupted) and the pool's ImageBuildDegraded
 * follow it; on success the MOSB's digestedImagePushSpec and the MOSC's currentImagePullSpec are set, and
 * the node controller (mco.ts) rolls the pool to that image.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { BuildPlan, generatedContainerfile, planBuild } from './buildah';
import { conditions, dropCondition, setCondition } from './conditions';
import { BuildJobs, MCO_NS } from './buildJob';
import type { Logs } from './logs';
import { Obj, Store } from './store';
import { OcpVersion, atLeast } from './version';

const ANN = 'machineconfiguration.openshift.io/';
export const REBUILD = `${ANN}rebuild`;
const CURRENT_MOSB = `${ANN}current-machine-os-build`;
const L_OCL = `${ANN}on-cluster-layering`;
const L_MOSB = `${ANN}machine-os-build`;
const L_MOSC = `${ANN}machine-os-config`;
const L_POOL = `${ANN}target-machine-config-pool`;
const L_RENDERED = `${ANN}rendered-machine-config`;

export interface OclOptions {
  speed: number;
  version: OcpVersion;
  baseImage: string;
  extensionsImage: string;
  releaseVersion: string;
  /** Packages the simulated RPM repositories lack (`--missing-packages`). */
  missingPackages: ReadonlySet<string>;
  /** Registries that refuse pushes (`--refuse-push`). */
  refusingRegistries: ReadonlySet<string>;
  /** The simulated registry: a pushed image is added to it. */
  registry: Set<string> | null;
}

export type BuildState = 'pending' | 'building' | 'succeeded' | 'failed' | 'interrupted';
export interface Layer {
  mosc: string;
  mosb: string;
  state: BuildState;
  /** The image nodes of the pool boot: the digested push spec of a succeeded build, else null. */
  image: string | null;
}

interface Run {
  phase: 'prepare' | 'running' | 'digest' | 'backoff';
  at: number;
  pod: string;
  attempt: number;
  plan: BuildPlan | null;
  next: number;
  containerfile: string;
}

const COND_ORDER = ['Prepared', 'Building', 'Failed', 'Interrupted', 'Succeeded'];
const REASONS: Record<string, [string, string]> = {
  Prepared: ['Prepared', 'Build Prepared and Pending'],
  Building: ['Building', 'Image Build In Progress'],
  Failed: ['Failed', 'Build Failed'],
  Interrupted: ['Interrupted', 'Build Interrupted'],
  Succeeded: ['Ready', 'Build Ready'],
};

/** MCO's five MOSB conditions with `which` True (MCO:pkg/apihelpers/machineosbuild.go). */
function buildConditions(which: string, old: Obj): unknown[] {
  const now = new Date().toISOString();
  const prev = conditions(old);
  return COND_ORDER.map((type) => {
    const status = type === which ? 'True' : 'False';
    const p = prev.find((c) => c.type === type);
    return {
      type,
      status,
      reason: REASONS[type]![0],
      message: REASONS[type]![1],
      lastTransitionTime: p && p.status === status ? p.lastTransitionTime : now,
    };
  });
}

export function buildState(mosb: Obj | undefined): BuildState {
  const t = conditions(mosb ?? ({} as Obj)).find((c) => c.status === 'True')?.type;
  return t === 'Succeeded'
    ? 'succeeded'
    : t === 'Failed'
      ? 'failed'
      : t === 'Interrupted'
        ? 'interrupted'
        : t === 'Building'
          ? 'building'
          : 'pending';
}

const spec = (o: Obj | undefined) => (o?.['spec'] ?? {}) as Record<string, unknown>;
const st = (o: Obj | undefined) => (o?.['status'] ?? {}) as Record<string, unknown>;

export class Ocl {
  private readonly runs = new Map<string, Run>();
  private readonly jobs: BuildJobs;
  /** Images this simulator built: nodes leaving them revert with two reboots. */
  readonly builtImages = new Set<string>();
  /** pool -> the MOSB that serves the pool's rendered config. */
  private readonly serving = new Map<string, { mosb: string; config: string; mosc: string }>();
  /** MOSB -> the MOSC spec it was made for (a spec edit means a new build). */
  private readonly specOf = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly logs: Logs,
    private readonly opts: OclOptions,
  ) {
    this.jobs = new BuildJobs(store);
  }

  setSpeed(speed: number): void {
    this.opts.speed = speed;
  }

  private delay(ms: number): number {
    return ms / this.opts.speed;
  }

  private moscs(): Obj[] {
    if (!atLeast(this.opts.version, 4, 18)) return [];
    return this.store.list('machineosconfigs').filter((m) => typeof spec(m)['renderedImagePushSpec'] === 'string');
  }

  /** The pool's image-mode state, or null when no MachineOSConfig selects it. */
  layer(pool: string, rendered: string): Layer | null {
    const mosc = this.moscs().find((m) => (spec(m)['machineConfigPool'] as { name?: string } | undefined)?.name === pool);
    if (!mosc) return null;
    const s = this.serving.get(pool);
    if (!s || s.config !== rendered || s.mosc !== mosc.metadata.name)
      return { mosc: mosc.metadata.name, mosb: '', state: 'pending', image: null };
    const mosb = this.store.get('machineosbuilds', s.mosb);
    const state = buildState(mosb);
    const image = state === 'succeeded' ? ((st(mosb)['digestedImagePushSpec'] as string | undefined) ?? null) : null;
    return { mosc: mosc.metadata.name, mosb: s.mosb, state, image };
  }

  step(now: number): void {
    const moscs = this.moscs();
    const names = new Set(moscs.map((m) => m.metadata.name));
    // A deleted MOSC takes its builds with it (owner references).
    for (const b of this.store.list('machineosbuilds')) {
      const owner = (spec(b)['machineOSConfig'] as { name?: string } | undefined)?.name ?? '';
      if (!names.has(owner) && atLeast(this.opts.version, 4, 18) && b.metadata.labels?.[L_MOSC]) this.remove(b.metadata.name, true);
    }
    for (const [pool, s] of [...this.serving]) {
      if (names.has(s.mosc)) continue;
      this.serving.delete(pool);
      this.store.mutate('machineconfigpools', pool, (p) => dropCondition(p, 'ImageBuildDegraded'));
    }
    for (const mosc of moscs) this.reconcile(mosc);
    for (const [name, run] of [...this.runs]) this.advance(name, run, now);
  }

  private reconcile(mosc: Obj): void {
    const poolName = (spec(mosc)['machineConfigPool'] as { name?: string }).name ?? '';
    const pool = this.store.get('machineconfigpools', poolName);
    const rendered = (spec(pool)['configuration'] as { name?: string } | undefined)?.name;
    if (!pool || !rendered) return;
    const annotations = mosc.metadata.annotations ?? {};
    const current = annotations[CURRENT_MOSB];
    if (REBUILD in annotations) {
      // MCO deletes the build and its objects, builds again, and removes the annotation.
      if (current) this.remove(current, true);
      this.store.mutate('machineosconfigs', mosc.metadata.name, (m) => {
        delete m.metadata.annotations![REBUILD];
        return m;
      });
    }
    const specJson = JSON.stringify(spec(mosc));
    let name = `${mosc.metadata.name}-${createHash('md5')
      .update(JSON.stringify({ rendered, spec: specJson }))
      .digest('hex')}`;
    const cur = current ? this.store.get('machineosbuilds', current) : undefined;
    // From 4.20 a new rendered config rebuilds only when it changes what is in the image
    // (MCO:pkg/controller/common ctrlcommon.RequiresRebuild, release-4.20+); else the build is reused.
    if (
      cur &&
      !(REBUILD in annotations) &&
      atLeast(this.opts.version, 4, 20) &&
      this.specOf.get(cur.metadata.name) === specJson &&
      (spec(cur)['machineConfig'] as { name: string }).name !== rendered &&
      !this.requiresRebuild((spec(cur)['machineConfig'] as { name: string }).name, rendered)
    )
      name = cur.metadata.name;
    if (!this.store.get('machineosbuilds', name)) this.create(mosc, poolName, rendered, name, specJson);
    this.serving.set(poolName, { mosb: name, config: rendered, mosc: mosc.metadata.name });
    const mosb = this.store.get('machineosbuilds', name);
    const image = buildState(mosb) === 'succeeded' ? (st(mosb)['digestedImagePushSpec'] as string) : undefined;
    this.store.mutate('machineosconfigs', mosc.metadata.name, (m) => {
      const before = JSON.stringify([m.metadata.annotations, m['status']]);
      m.metadata.annotations = { ...(m.metadata.annotations ?? {}), [CURRENT_MOSB]: name };
      const s = st(m);
      s['observedGeneration'] = m.metadata.generation;
      s['machineOSBuild'] = { group: 'machineconfiguration.openshift.io', resource: 'machineosbuilds', name };
      if (image) s['currentImagePullSpec'] = image;
      m['status'] = s;
      return JSON.stringify([m.metadata.annotations, m['status']]) === before ? null : m;
    });
  }

  private requiresRebuild(oldName: string, newName: string): boolean {
    const a = spec(this.store.get('machineconfigs', oldName));
    const b = spec(this.store.get('machineconfigs', newName));
    return ['osImageURL', 'kernelType', 'extensions', 'kernelArguments'].some(
      (k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null),
    );
  }

  private create(mosc: Obj, pool: string, rendered: string, name: string, specJson: string): void {
    // A running build of this MOSC for another config or spec is interrupted.
    for (const b of this.store.list('machineosbuilds'))
      if (b.metadata.labels?.[L_MOSC] === mosc.metadata.name && b.metadata.name !== name && this.runs.has(b.metadata.name))
        this.interrupt(b.metadata.name);
    this.remove(name, false); // what is left of an earlier MOSB of this name (deleted by hand)
    const push = spec(mosc)['renderedImagePushSpec'] as string;
    const labels = { [L_MOSC]: mosc.metadata.name, [L_POOL]: pool, [L_RENDERED]: rendered };
    this.store.create('machineosbuilds', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineOSBuild',
      metadata: {
        name,
        labels,
        ownerReferences: [
          { apiVersion: 'machineconfiguration.openshift.io/v1', kind: 'MachineOSConfig', name: mosc.metadata.name, uid: mosc.metadata.uid },
        ],
      },
      spec: { machineConfig: { name: rendered }, machineOSConfig: { name: mosc.metadata.name }, renderedImagePushSpec: push },
    });
    this.specOf.set(name, specJson);
    const mc = this.store.get('machineconfigs', rendered);
    const user = ((spec(mosc)['containerFile'] as { containerfileArch?: string; content?: string }[] | undefined) ?? []).find(
      (c) => (c.containerfileArch ?? 'NoArch') === 'NoArch', // MCO reads only the NoArch entry (buildrequest.go newBuildRequest)
    );
    const containerfile = generatedContainerfile({
      baseImage: this.opts.baseImage,
      extensionsImage: this.opts.extensionsImage,
      extensions: (spec(mc)['extensions'] as string[] | undefined) ?? [],
      renderedConfig: rendered,
      pool,
      releaseVersion: this.opts.releaseVersion,
      userContent: user?.content ?? '',
    });
    const objLabels = { [L_OCL]: '', [L_MOSB]: name, ...labels };
    const cm = (n: string, data: Record<string, string>) =>
      this.store.create('configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: n, namespace: MCO_NS, labels: objLabels },
        data,
      });
    cm(`containerfile-${name}`, { Containerfile: containerfile });
    cm(`mc-${name}`, { 'machineconfig.json.gz': gzipSync(JSON.stringify(mc ?? {})).toString('base64') });
    for (const [copy, from] of [
      [`base-${name}`, (spec(mosc)['baseImagePullSecret'] as { name?: string } | undefined)?.name ?? 'global-pull-secret-copy'],
      [`final-${name}`, (spec(mosc)['renderedImagePushSecret'] as { name: string }).name],
    ] as const) {
      const src = this.store.get('secrets', from, MCO_NS);
      if (src)
        this.store.create('secrets', {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: copy, namespace: MCO_NS, labels: objLabels },
          type: src['type'] ?? 'Opaque',
          data: src['data'] ?? {},
        });
    }
    this.store.mutate('machineosbuilds', name, (b) => {
      b['status'] = { conditions: buildConditions('Prepared', b) };
      return b;
    });
    this.store.mutate('machineconfigpools', pool, (p) =>
      setCondition(p, 'ImageBuildDegraded', 'False', 'Building', `Build started for pool ${pool}`),
    );
    this.runs.set(name, { phase: 'prepare', at: Date.now() + this.delay(600), pod: '', attempt: 0, plan: null, next: 0, containerfile });
  }

  private advance(name: string, run: Run, now: number): void {
    const mosb = this.store.get('machineosbuilds', name);
    if (!mosb) {
      // Deleted while it ran: the garbage collector takes its Job and pods (owner references).
      this.remove(name, false);
      return;
    }
    const job = `build-${name}`;
    if (run.phase === 'prepare' && now >= run.at) {
      this.jobs.create(job, mosb, { ...(mosb.metadata.labels ?? {}), [L_OCL]: '', [L_MOSB]: name });
      this.store.mutate('machineosbuilds', name, (b) => {
        b['status'] = {
          ...st(b),
          conditions: buildConditions('Building', b),
          buildStart: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          builder: { imageBuilderType: 'Job', job: { group: 'batch', resource: 'jobs', namespace: MCO_NS, name: job } },
          relatedObjects: ['containerfile', 'mc'].map((p) => ({
            group: '',
            resource: 'configmaps',
            namespace: MCO_NS,
            name: `${p}-${name}`,
          })),
        };
        return b;
      });
      this.startPod(mosb, job, run, now);
    } else if (run.phase === 'backoff' && now >= run.at) {
      this.startPod(mosb, job, run, now);
    } else if (run.phase === 'running') {
      const plan = run.plan!;
      while (run.next < plan.lines.length && now >= run.at) {
        this.logs.write(MCO_NS, run.pod, 'image-build', plan.lines[run.next]!.text);
        run.next++;
        if (run.next < plan.lines.length) run.at += this.delay(plan.lines[run.next]!.after);
      }
      if (run.next < plan.lines.length) return;
      this.logs.end(MCO_NS, run.pod, 'image-build');
      if (plan.exitCode === 0) {
        this.jobs.podState(run.pod, 'Running', 0, null);
        this.logs.open(MCO_NS, run.pod, 'create-digest-configmap');
        run.phase = 'digest';
        run.at = now + this.delay(400);
      } else this.attemptFailed(mosb, job, run, plan.exitCode, now);
    } else if (run.phase === 'digest' && now >= run.at) {
      this.succeed(mosb, job, run);
    }
  }

  private startPod(mosb: Obj, job: string, run: Run, now: number): void {
    const pod = this.jobs.startPod(job);
    if (!pod) return void this.runs.delete(mosb.metadata.name);
    run.attempt++;
    run.pod = pod;
    this.logs.open(MCO_NS, pod, 'image-build');
    const mosc = this.store.get('machineosconfigs', (spec(mosb)['machineOSConfig'] as { name: string }).name);
    const pushSecret = (spec(mosc)['renderedImagePushSecret'] as { name?: string } | undefined)?.name ?? '';
    run.plan = planBuild(run.containerfile, {
      tag: spec(mosb)['renderedImagePushSpec'] as string,
      missingPackages: this.opts.missingPackages,
      pushCredentials: !!this.store.get('secrets', pushSecret, MCO_NS),
      refusingRegistries: this.opts.refusingRegistries,
    });
    run.next = 0;
    run.phase = 'running';
    run.at = now + this.delay(run.plan.lines[0]?.after ?? 0);
  }

  private attemptFailed(mosb: Obj, job: string, run: Run, code: number, now: number): void {
    this.jobs.podState(run.pod, 'Failed', code, null);
    if (!this.jobs.podFailed(job, run.attempt)) {
      // The Job controller's backoff (10 s, doubling), compressed to 1 s, doubling.
      run.phase = 'backoff';
      run.at = now + this.delay(1000 * 2 ** (run.attempt - 1));
      return;
    }
    // The Job has failed; it and its pods stay for debugging (MCO PR #4700).
    this.finish(mosb.metadata.name, 'Failed');
    const pool = mosb.metadata.labels?.[L_POOL] ?? '';
    this.store.mutate('machineconfigpools', pool, (p) =>
      setCondition(
        p,
        'ImageBuildDegraded',
        'True',
        'BuildFailed',
        `Failed to build OS image for pool ${pool} (MachineOSBuild: ${mosb.metadata.name}): Failed: Build Failed`,
      ),
    );
  }

  private succeed(mosb: Obj, job: string, run: Run): void {
    const name = mosb.metadata.name;
    const push = spec(mosb)['renderedImagePushSpec'] as string;
    const digest = createHash('sha256')
      .update(`${name}\n${run.containerfile}\n${String(st(mosb)['buildStart'])}`)
      .digest('hex');
    const image = `${push.replace(/:[^:/]+$/, '')}@sha256:${digest}`;
    this.store.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `digest-${name}`, namespace: MCO_NS, labels: { [L_OCL]: '', [L_MOSB]: name } },
      data: { digest: `sha256:${digest}` },
    });
    this.logs.write(MCO_NS, run.pod, 'create-digest-configmap', `configmap/digest-${name} created`);
    this.logs.end(MCO_NS, run.pod, 'create-digest-configmap');
    this.jobs.podState(run.pod, 'Succeeded', 0, 0);
    this.jobs.succeeded(job);
    this.builtImages.add(image);
    this.opts.registry?.add(image);
    this.store.mutate('machineosbuilds', name, (b) => {
      b['status'] = { ...st(b), digestedImagePushSpec: image };
      return b;
    });
    this.finish(name, 'Succeeded');
    const owner = (spec(mosb)['machineOSConfig'] as { name: string }).name;
    this.store.mutate('machineosconfigs', owner, (m) =>
      m.metadata.annotations?.[CURRENT_MOSB] === name ? { ...m, status: { ...st(m), currentImagePullSpec: image } } : null,
    );
    const pool = mosb.metadata.labels?.[L_POOL] ?? '';
    this.store.mutate('machineconfigpools', pool, (p) =>
      setCondition(p, 'ImageBuildDegraded', 'False', 'BuildSuccess', `Build succeeded for pool ${pool}`),
    );
    // After a success MCO deletes the build's ephemeral objects, the Job and its pods.
    this.cleanup(name);
  }

  private finish(name: string, which: 'Succeeded' | 'Failed' | 'Interrupted'): void {
    this.runs.delete(name);
    this.store.mutate('machineosbuilds', name, (b) => {
      b['status'] = {
        ...st(b),
        conditions: buildConditions(which, b),
        buildEnd: new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      };
      return b;
    });
  }

  private interrupt(name: string): void {
    this.cleanup(name);
    this.finish(name, 'Interrupted');
  }

  /** Deletes the build's Job, pods, ConfigMaps and Secrets (and the MOSB itself when `mosbToo`). */
  private cleanup(name: string): void {
    for (const plural of ['pods', 'jobs', 'configmaps', 'secrets'])
      for (const o of this.store.list(plural, MCO_NS))
        if (o.metadata.labels?.[L_MOSB] === name) {
          if (plural === 'pods') this.logs.drop(MCO_NS, o.metadata.name);
          this.store.delete(plural, o.metadata.name, MCO_NS);
        }
  }

  private remove(name: string, mosbToo: boolean): void {
    this.runs.delete(name);
    this.cleanup(name);
    if (mosbToo && this.store.get('machineosbuilds', name)) this.store.delete('machineosbuilds', name);
  }
}

/**
 * PinnedImageSet (machineconfiguration.openshift.io/v1, served from 4.19), simulated as MCO runs it:
 *
 * - Validation (API:machineconfiguration/v1/types_pinnedimageset.go): `spec.pinnedImages` 1–500 entries, a list-map
 *   keyed by `name`; each name 1–447 characters and two CEL rules (digest suffix; host[:port][/namespace]/name).
 *   MCP `spec.pinnedImageSets` holds at most 100 (types.go `MachineConfigPoolSpec`).
 * - The controller (MCO:pkg/controller/pinnedimageset/pinned_image_set.go `syncMachineConfigPool`,
 *   `syncPinnedImageSets`): a pool's `spec.pinnedImageSets` is **rewritten** to the sets whose labels match the
 *   pool's `machineConfigSelector` (e.g. `machineconfiguration.openshift.io/role: worker`), sorted by name; a ref
 *   to an unlabelled set is dropped. It sets the pool condition `PinnedImageSetsDegraded` False.
 * - The daemon (MCO:pkg/daemon/pinned_image_set.go `sync`, `prefetchImageSets`, `ensurePullImage`,
 *   `createApplyConfigForImageSet`): per node, MCN condition `PinnedImageSetsProgressing` True `ImagePrefetch`
 *   `node is prefetching images: <node>`, then on success Progressing False `AsExpected` `All pinned image sets
 *   complete` and `PinnedImageSetsDegraded` False `AsExpected` `All is good`; on a failed pull
 *   `PinnedImageSetsDegraded` True `PrefetchFailed` and each set's `lastFailedGeneration`/`lastFailedGenerationError`
 *   (`failed to pull image "<image>" (5 tries): timed out waiting for the condition: <CRI error>`). Images already on
 *   the node are not pulled again.
 * - Pool status (MCO:pkg/controller/node/status.go `calculateStatus`, release-4.19 … main):
 *   `status.poolSynchronizersStatus[type=PinnedImageSets]` counts a node as updated when every set on its MCN has
 *   `currentGeneration == desiredGeneration > 0`. A node's failed pull does **not** set the pool's
 *   `PinnedImageSetsDegraded` (the code that would is commented out, OCPBUGS-57177): only the MCN tells.
 */
import type { Obj, Store } from './store';
import { ApiError } from './store';
import { apiVersionOf, ResourceDef } from './resources';
import { setCondition } from './conditions';
import type { FailureKind } from './failures';

export const DIGEST_MESSAGE =
  "the OCI Image reference must end with a valid '@sha256:<digest>' suffix, where '<digest>' is 64 characters long";
export const NAME_FORMAT_MESSAGE =
  'the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the scheme';
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REPO = /^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?\/([a-zA-Z0-9-_]{0,61}\/)?[a-zA-Z0-9-_.]*?$/;

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The CRD's schema and CEL checks for one image reference (both CEL rules run, as the API server does). */
export function imageRefCauses(path: string, name: unknown): string[] {
  if (name === undefined || name === null) return [`${path}: Required value`];
  if (typeof name !== 'string')
    return [`${path}: Invalid value: "${typeof name}": ${path} in body must be of type string: "${typeof name}"`];
  if (name.length < 1) return [`${path}: Invalid value: "": ${path} in body should be at least 1 chars long`];
  if (name.length > 447) return [`${path}: Too long: may not be more than 447 bytes`];
  const parts = name.split('@');
  const out: string[] = [];
  if (!(parts.length === 2 && DIGEST.test(parts[1]!))) out.push(`${path}: Invalid value: "string": ${DIGEST_MESSAGE}`);
  if (!REPO.test(parts[0]!)) out.push(`${path}: Invalid value: "string": ${NAME_FORMAT_MESSAGE}`);
  return out;
}

/** 422 Invalid for a PinnedImageSet the v1 CRD rejects, or for a pool with more than 100 set refs. */
export function validatePinned(r: ResourceDef, o: Obj): void {
  const causes: string[] = [];
  if (r.kind === 'PinnedImageSet') {
    const spec = rec(o['spec']);
    const images = spec?.['pinnedImages'];
    if (!spec) causes.push('spec: Required value');
    else if (images === undefined) causes.push('spec.pinnedImages: Required value');
    else if (!Array.isArray(images))
      causes.push(
        `spec.pinnedImages: Invalid value: "${typeof images}": spec.pinnedImages in body must be of type array: "${typeof images}"`,
      );
    else if (images.length < 1) causes.push('spec.pinnedImages: Invalid value: 0: spec.pinnedImages in body should have at least 1 items');
    else if (images.length > 500) causes.push(`spec.pinnedImages: Too many: ${images.length}: must have at most 500 items`);
    else {
      const seen = new Set<string>();
      images.forEach((x, i) => {
        const name = rec(x)?.['name'];
        causes.push(...imageRefCauses(`spec.pinnedImages[${i}].name`, name));
        if (typeof name === 'string' && seen.has(name))
          causes.push(`spec.pinnedImages[${i}]: Duplicate value: map[string]interface {}{"name":${JSON.stringify(name)}}`);
        if (typeof name === 'string') seen.add(name);
      });
    }
  } else if (r.kind === 'MachineConfigPool') {
    const sets = rec(o['spec'])?.['pinnedImageSets'];
    if (Array.isArray(sets) && sets.length > 100)
      causes.push(`spec.pinnedImageSets: Too many: ${sets.length}: must have at most 100 items`);
  }
  if (!causes.length) return;
  const what = `${r.kind}.${apiVersionOf(r).split('/')[0]} ${JSON.stringify(o.metadata.name)}`;
  throw new ApiError(422, 'Invalid', `${what} is invalid: ${causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`}`);
}

/**
 * CRI-O's error for a pull the registry refuses: containers/image's text behind the gRPC status, as users report it
 * (stolostron/deploy#2 for the `rpc error: code = Unknown desc =` form, crc-org/snc#922 for today's `initializing
 * source docker://…: reading manifest …` wording).
 */
export function criPullError(image: string): string {
  const [repo, digest] = image.split('@');
  return `rpc error: code = Unknown desc = initializing source docker://${image}: reading manifest ${digest ?? 'latest'} in ${repo}: unauthorized: access to the requested resource is not authorized`;
}

/** MCO's error for a pinned image that failed all 5 tries (`ensurePullImage`). */
export function prefetchError(image: string): string {
  return `failed to pull image ${JSON.stringify(image)} (5 tries): timed out waiting for the condition: ${criPullError(image)}`;
}

export interface McnPinnedSet {
  name: string;
  desiredGeneration: number;
  currentGeneration?: number;
  lastFailedGeneration?: number;
  lastFailedGenerationError?: string;
}

interface Work {
  /** The sets and generations this work is for, as a key. */
  key: string;
  sets: { name: string; uid: string; generation: number; images: string[] }[];
  state: 'pulling' | 'done' | 'failed';
  until: number;
  error?: string;
}

export interface PinnedOptions {
  speed: () => number;
  failures: Map<string, FailureKind>;
  log: (node: string, sev: 'I' | 'W' | 'E', where: string, msg: string) => void;
  selects: (pool: Obj, o: Obj) => boolean;
  nodesOf: (pool: Obj) => readonly Obj[];
}

/** Per image not yet on the node (the sim's pull time, before `--speed`), and the wait before a failed sync retries. */
const PULL_MS = 900;
const RETRY_MS = 20000;

export class PinnedImages {
  /** Images on each node's container storage (pulled by a pinned set). */
  private readonly local = new Map<string, Set<string>>();
  /** Set generations each node completed (MCO's cache, by set uid). */
  private readonly done = new Map<string, Map<string, number>>();
  private readonly work = new Map<string, Work>();

  constructor(
    private readonly store: Store,
    private readonly opts: PinnedOptions,
  ) {}

  /** Is the image in the node's container storage (podman images finds it)? */
  hasImage(node: string, image: string): boolean {
    return this.local.get(node)?.has(image) ?? false;
  }

  step(now: number): void {
    const sets = this.store.list('pinnedimagesets');
    for (const pool of this.store.list('machineconfigpools')) {
      this.controller(pool, sets);
      const fresh = this.store.get('machineconfigpools', pool.metadata.name) ?? pool;
      const refs = ((rec(fresh['spec'])?.['pinnedImageSets'] as { name?: string }[] | undefined) ?? []).map((r) => r.name ?? '');
      const wanted = refs.map((n) => sets.find((s) => s.metadata.name === n)).filter((s): s is Obj => !!s);
      const nodes = this.opts.nodesOf(fresh);
      for (const n of nodes) this.node(n.metadata.name, wanted, now);
      this.poolStatus(fresh, nodes);
    }
  }

  /** The pinned image set controller: the pool's refs follow the labels (and the condition says it synced). */
  private controller(pool: Obj, sets: Obj[]): void {
    const match = sets
      .filter((s) => this.opts.selects(pool, s))
      .map((s) => ({ name: s.metadata.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const spec = rec(pool['spec']) ?? {};
    if (JSON.stringify(spec['pinnedImageSets'] ?? []) !== JSON.stringify(match))
      this.store.mutate('machineconfigpools', pool.metadata.name, (p) => {
        const s = (p['spec'] ?? {}) as Record<string, unknown>;
        if (match.length) s['pinnedImageSets'] = match;
        else delete s['pinnedImageSets'];
        p['spec'] = s;
        return p;
      });
    this.store.mutate('machineconfigpools', pool.metadata.name, (p) => setCondition(p, 'PinnedImageSetsDegraded', 'False', '', ''));
  }

  private node(name: string, wanted: Obj[], now: number): void {
    const key = wanted.map((s) => `${s.metadata.uid}:${String(s.metadata.generation)}`).join(',');
    const cur = this.work.get(name);
    if (!wanted.length && !cur) return;
    const failure = this.opts.failures.get(name);
    if (cur && cur.key === key) {
      if (cur.state === 'pulling' && now >= cur.until) this.finish(name, cur, now);
      else if (cur.state === 'failed' && (failure !== 'prepull-unauthorized' || now >= cur.until)) this.begin(name, cur.sets, key, now);
      return;
    }
    this.begin(
      name,
      wanted.map((s) => ({
        name: s.metadata.name,
        uid: s.metadata.uid ?? '',
        generation: (s.metadata.generation as number | undefined) ?? 1,
        images: ((rec(s['spec'])?.['pinnedImages'] as { name: string }[] | undefined) ?? []).map((i) => i.name.trim()),
      })),
      key,
      now,
    );
  }

  private begin(name: string, sets: Work['sets'], key: string, now: number): void {
    const local = this.local.get(name) ?? new Set<string>();
    const missing = new Set(
      sets.flatMap((s) => (this.done.get(name)?.get(s.uid) === s.generation ? [] : s.images)).filter((i) => !local.has(i)),
    );
    for (const s of sets)
      this.opts.log(name, 'I', 'pinned_image_set.go:307', `Reconciling pinned image set: ${s.name}: generation: ${s.generation}`);
    const w: Work = { key, sets, state: 'pulling', until: now + (missing.size * PULL_MS) / this.opts.speed() };
    this.work.set(name, w);
    this.writeMcn(name, w, 'progressing');
  }

  private finish(name: string, w: Work, now: number): void {
    const local = this.local.get(name) ?? new Set<string>();
    this.local.set(name, local);
    const images = [...new Set(w.sets.flatMap((s) => s.images))].sort();
    if (this.opts.failures.get(name) === 'prepull-unauthorized') {
      const bad = images.find((i) => !local.has(i));
      if (bad) {
        w.state = 'failed';
        w.error = prefetchError(bad);
        w.until = now + RETRY_MS / this.opts.speed();
        this.opts.log(name, 'W', 'pinned_image_set.go:770', `failed to prefetch image ${JSON.stringify(bad)}: ${w.error}`);
        this.opts.log(name, 'E', 'pinned_image_set.go:243', w.error);
        return this.writeMcn(name, w, 'failed');
      }
    }
    for (const i of images) local.add(i);
    const done = this.done.get(name) ?? new Map<string, number>();
    for (const s of w.sets) done.set(s.uid, s.generation);
    this.done.set(name, done);
    w.state = 'done';
    this.opts.log(name, 'I', 'pinned_image_set.go:533', 'CRI-O config file is up to date, no reload required');
    this.writeMcn(name, w, 'done');
  }

  /** The MCN status the daemon applies (server-side apply: the sets list is replaced each time). */
  private writeMcn(name: string, w: Work, what: 'progressing' | 'done' | 'failed'): void {
    const cache = this.done.get(name);
    const entries: McnPinnedSet[] = w.sets.map((s) => {
      const e: McnPinnedSet = { name: s.name, desiredGeneration: s.generation };
      if (cache?.get(s.uid) === s.generation || what === 'done') e.currentGeneration = s.generation;
      else if (what === 'failed') {
        e.lastFailedGeneration = s.generation;
        e.lastFailedGenerationError = w.error!;
      }
      return e;
    });
    this.store.mutate('machineconfignodes', name, (m) => {
      const st = (m['status'] ?? {}) as Record<string, unknown>;
      if (entries.length) st['pinnedImageSets'] = entries;
      else delete st['pinnedImageSets'];
      m['status'] = st;
      if (what === 'progressing')
        setCondition(m, 'PinnedImageSetsProgressing', 'True', 'ImagePrefetch', `node is prefetching images: ${name}`);
      if (what === 'done') {
        setCondition(m, 'PinnedImageSetsProgressing', 'False', 'AsExpected', 'All pinned image sets complete');
        setCondition(m, 'PinnedImageSetsDegraded', 'False', 'AsExpected', 'All is good');
      }
      if (what === 'failed')
        setCondition(
          m,
          'PinnedImageSetsDegraded',
          'True',
          'PrefetchFailed',
          'One or more PinnedImageSet is experiencing an error. See PinnedImageSet list for more details.',
        );
      return m;
    });
  }

  /** `status.poolSynchronizersStatus` as the node controller computes it. */
  private poolStatus(pool: Obj, nodes: readonly Obj[]): void {
    // Read without copying (a copy of every MachineConfigNode each tick kept the simulator's event loop busy at 2,000 nodes).
    const mcns = new Map(this.store.scan('machineconfignodes').map((m) => [m.metadata.name, m]));
    const updated = nodes.filter((n) => {
      const sets = (rec(mcns.get(n.metadata.name)?.['status'])?.['pinnedImageSets'] as McnPinnedSet[] | undefined) ?? [];
      return sets.every((s) => s.desiredGeneration > 0 && s.currentGeneration === s.desiredGeneration);
    }).length;
    this.store.mutate('machineconfigpools', pool.metadata.name, (p) => {
      const st = (p['status'] ?? {}) as Record<string, unknown>;
      const unavailable = (st['unavailableMachineCount'] as number | undefined) ?? 0;
      const sync = [
        {
          poolSynchronizerType: 'PinnedImageSets',
          machineCount: nodes.length,
          updatedMachineCount: updated,
          readyMachineCount: (st['readyMachineCount'] as number | undefined) ?? 0,
          unavailableMachineCount: unavailable,
          availableMachineCount: nodes.length - unavailable,
        },
      ];
      if (JSON.stringify(st['poolSynchronizersStatus']) === JSON.stringify(sync)) return null;
      st['poolSynchronizersStatus'] = sync;
      p['status'] = st;
      return p;
    });
  }
}

/**
 * Pre-pull an image to a pool with a PinnedImageSet (4.19+, shared/domain/CURRENT.md §4): the set
 * `<pool>-prepull` holds the image by digest and carries the pool's MachineConfig selector labels, and the
 * pool lists it in `spec.pinnedImageSets`. Then each node's daemon pulls the image (no drain, no reboot), and
 * a later OS update to that image rebases from local storage instead of pulling again.
 *
 * Why the labels: MCO's pinned image set controller rewrites a pool's `spec.pinnedImageSets` to the sets whose
 * labels match the pool's `machineConfigSelector` (MCO:pkg/controller/pinnedimageset/pinned_image_set.go
 * `syncMachineConfigPool`/`syncPinnedImageSets`, release-4.19 … main); a ref to an unlabelled set is dropped.
 *
 * Progress comes from the MachineConfigNodes (API:machineconfiguration/v1/types_machineconfignode.go
 * `status.pinnedImageSets[]`, conditions `PinnedImageSetsProgressing`/`PinnedImageSetsDegraded`, written by
 * MCO:pkg/daemon/pinned_image_set.go). A node's failed pull does not degrade the pool (MCO:pkg/controller/node/
 * status.go: the PinnedImageSetsDegraded roll-up is commented out, OCPBUGS-57177), so only the MCN tells.
 *
 * Pure (no vscode): every write goes to the cluster log (writeLog.ts) with its result, dry runs included.
 */
import { listMachineConfigNodes } from './machineConfigNodes';
import { MCO_GROUP, MANAGED_BY_LABEL, MANAGER } from '../../../common/mco';
import type { Cluster, Obj } from './cluster';
import { ClusterError } from './errors';
import { logWrite } from './writeLog';

const V1 = 'v1';
const PIS = 'pinnedimagesets';

/** The set the extension manages for a pool. */
export function prepullSetName(pool: string): string {
  return `${pool}-prepull`;
}

/** API:machineconfiguration/v1/types_pinnedimageset.go `PinnedImageRef.name`: the two CEL rules and their messages. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REPO = /^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?\/([a-zA-Z0-9-_]{0,61}\/)?[a-zA-Z0-9-_.]*?$/;

/** What the API would refuse about this image reference, in its words (null when it is accepted). */
export function imageRefProblem(image: string): string | null {
  if (!image) return 'The image reference is empty.';
  if (image.length > 447) return 'The image reference is longer than 447 characters.';
  const parts = image.split('@');
  if (!(parts.length === 2 && DIGEST.test(parts[1]!)))
    return `${image} is not pinned by digest: the OCI Image reference must end with a valid '@sha256:<digest>' suffix, where '<digest>' is 64 characters long. Push the image and use the digest the push printed.`;
  if (!REPO.test(parts[0]!))
    return `${image}: the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the scheme (PinnedImageSet allows at most one namespace segment).`;
  return null;
}

/** Is Pre-pull possible on this cluster? null when it is, else why not. */
export async function prepullUnsupported(cluster: Cluster): Promise<string | null> {
  try {
    await cluster.send('list pinnedimagesets', ({ custom }, o) =>
      custom.listClusterCustomObject({ group: MCO_GROUP, version: V1, plural: PIS, limit: 1 }, o),
    );
    return null;
  } catch (e) {
    if (!(e instanceof ClusterError && e.kind === 'not-found')) throw e;
    const v = await cluster.ocpVersion();
    return (
      `${cluster.context}${v ? ` (OpenShift ${v})` : ''} does not serve PinnedImageSet ${MCO_GROUP}/v1: pre-pulling an image ` +
      'needs OpenShift 4.19 or later. On 4.16–4.18 it is a TechPreview API (v1alpha1, TechPreviewNoUpgrade), which the extension does not write.'
    );
  }
}

export interface PrepullPlan {
  pool: string;
  image: string;
  /** The PinnedImageSet to create or replace (with the resourceVersion read when it exists). */
  set: Obj;
  /** The set as it was read, or null: it will be created. */
  existing: Obj | null;
  /** The pool's set refs as read; the patch appends ours when it is missing (others are kept). */
  poolRefs: string[];
  /** A short list of what will be written, for the confirmation. */
  writes: string[];
}

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function refsOf(pool: Obj): string[] {
  return ((rec(pool['spec'])?.['pinnedImageSets'] as { name?: string }[] | undefined) ?? []).map((r) => r.name ?? '');
}

async function logged<T>(cluster: Cluster, verb: string, object: string, dryRun: boolean, f: () => Promise<T>): Promise<T> {
  try {
    const out = await f();
    logWrite({ context: cluster.context, verb, object, dryRun, result: 'ok' });
    return out;
  } catch (e) {
    logWrite({ context: cluster.context, verb, object, dryRun, result: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

async function getSet(cluster: Cluster, name: string): Promise<Obj | null> {
  try {
    return (await cluster.send(`get ${PIS}/${name}`, ({ custom }, o) =>
      custom.getClusterCustomObject({ group: MCO_GROUP, version: V1, plural: PIS, name }, o),
    )) as Obj;
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'not-found') return null;
    throw e;
  }
}

function writeSet(cluster: Cluster, plan: PrepullPlan, dryRun: boolean): Promise<Obj> {
  const name = plan.set.metadata.name;
  const dry = dryRun ? { dryRun: 'All' } : {};
  const verb = plan.existing ? 'update' : 'create';
  return logged(
    cluster,
    verb,
    `${PIS}/${name}`,
    dryRun,
    async () =>
      (await cluster.send(`${verb} ${PIS}/${name}`, ({ custom }, o) =>
        plan.existing
          ? custom.replaceClusterCustomObject({ group: MCO_GROUP, version: V1, plural: PIS, name, body: plan.set, ...dry }, o)
          : custom.createClusterCustomObject({ group: MCO_GROUP, version: V1, plural: PIS, body: plan.set, ...dry }, o),
      )) as Obj,
  );
}

/** A JSON patch that appends our ref and keeps the others (a `test` first: it fails if they changed since read). */
function poolPatch(plan: PrepullPlan): object[] {
  const ref = { name: plan.set.metadata.name };
  return plan.poolRefs.length
    ? [
        { op: 'test', path: '/spec/pinnedImageSets', value: plan.poolRefs.map((name) => ({ name })) },
        { op: 'add', path: '/spec/pinnedImageSets/-', value: ref },
      ]
    : [{ op: 'add', path: '/spec/pinnedImageSets', value: [ref] }];
}

function writePool(cluster: Cluster, plan: PrepullPlan, dryRun: boolean): Promise<unknown> {
  const dry = dryRun ? { dryRun: 'All' } : {};
  return logged(cluster, 'patch', `machineconfigpools/${plan.pool} spec.pinnedImageSets+=${plan.set.metadata.name}`, dryRun, () =>
    cluster.send(`patch machineconfigpools/${plan.pool}`, ({ custom }, o) =>
      custom.patchClusterCustomObject(
        { group: MCO_GROUP, version: V1, plural: 'machineconfigpools', name: plan.pool, body: poolPatch(plan), ...dry },
        o,
      ),
    ),
  );
}

/**
 * Reads the pool and the set, builds the writes and dry-runs them on the server (its 422 carries the API's
 * message). Throws a ClusterError that says why when the image is not by digest or the pool cannot be labelled for.
 */
export async function planPrepull(cluster: Cluster, pool: string, image: string): Promise<PrepullPlan> {
  const problem = imageRefProblem(image.trim());
  if (problem) throw new ClusterError(problem, 'invalid', 422);
  const p = await cluster.get('machineconfigpools', pool);
  if (!p) throw new ClusterError(`MachineConfigPool ${pool} does not exist on ${cluster.context}.`, 'not-found', 404);
  const selector = rec(rec(p['spec'])?.['machineConfigSelector']);
  const labels = rec(selector?.['matchLabels']) as Record<string, string> | undefined;
  if (!labels || !Object.keys(labels).length)
    throw new ClusterError(
      `MachineConfigPool ${pool} selects its MachineConfigs without matchLabels, so a PinnedImageSet cannot be labelled for it ` +
        '(MCO keeps only the sets its machineConfigSelector matches in spec.pinnedImageSets).',
      'invalid',
      422,
    );
  const name = prepullSetName(pool);
  const existing = await getSet(cluster, name);
  const set: Obj = {
    apiVersion: `${MCO_GROUP}/${V1}`,
    kind: 'PinnedImageSet',
    metadata: {
      name,
      labels: { ...(existing?.metadata.labels ?? {}), ...labels, [MANAGED_BY_LABEL]: MANAGER },
      ...(existing ? { resourceVersion: existing.metadata.resourceVersion! } : {}),
    },
    spec: { pinnedImages: [{ name: image.trim() }] },
  };
  const poolRefs = refsOf(p);
  const plan: PrepullPlan = {
    pool,
    image: image.trim(),
    set,
    existing,
    poolRefs,
    writes: [
      `${existing ? 'Update' : 'Create'} PinnedImageSet ${name} with ${image.trim()} (labels ${Object.entries(set.metadata.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`,
      poolRefs.includes(name)
        ? `MachineConfigPool ${pool} already lists ${name}`
        : `Patch MachineConfigPool ${pool}: add ${name} to spec.pinnedImageSets${poolRefs.length ? ` (keeps ${poolRefs.join(', ')})` : ''}`,
    ],
  };
  await writeSet(cluster, plan, true);
  if (!poolRefs.includes(name)) await writePool(cluster, plan, true);
  return plan;
}

/** Writes the plan: the set, then the pool patch (skipped when the pool already lists the set). */
export async function commitPrepull(cluster: Cluster, plan: PrepullPlan): Promise<{ set: Obj }> {
  let set: Obj;
  try {
    set = await writeSet(cluster, plan, false);
  } catch (e) {
    if (e instanceof ClusterError && e.status === 409)
      throw new ClusterError(`PinnedImageSet ${plan.set.metadata.name} changed since it was read; run Pre-pull again.`, 'conflict', 409);
    throw e;
  }
  if (!plan.poolRefs.includes(plan.set.metadata.name)) await writePool(cluster, plan, false);
  return { set };
}

export interface NodeFailure {
  node: string;
  error: string;
  /** What the user can do about it. */
  next: string;
}

export interface PrepullProgress {
  pool: string;
  set: string;
  /** The set's generation the nodes must reach. */
  generation: number;
  /** Nodes of the pool (by their MachineConfigNodes). */
  total: number;
  pulled: string[];
  failed: NodeFailure[];
  /** The pool's own count (`status.poolSynchronizersStatus[type=PinnedImageSets]`), when it has one. */
  poolUpdated?: number;
  done: boolean;
}

interface McnSet {
  name: string;
  desiredGeneration?: number;
  currentGeneration?: number;
  lastFailedGeneration?: number;
  lastFailedGenerationError?: string;
}

/** The next step for a node's failed pull, by the error's words. */
export function nextStep(error: string, pool: string): string {
  if (/unauthorized|authentication required|denied/i.test(error))
    return "The registry refused the node's credentials: add them to the cluster pull secret (oc set data secret/pull-secret -n openshift-config …); the node retries on its own.";
  if (/manifest unknown|not found/i.test(error))
    return 'The registry does not have that digest: push the image again and pre-pull the digest the push printed.';
  if (/storage available is less than minimum required|no space left/i.test(error))
    return 'The node has too little free disk for the image: free space on the node or pin fewer images.';
  if (/x509|certificate/i.test(error))
    return "The node does not trust the registry's certificate: add its CA to image.config.openshift.io/cluster (additionalTrustedCA).";
  return `See the node's MachineConfigNode (oc describe machineconfignode <node>) and its machine-config-daemon log; pool ${pool}.`;
}

/** n of m nodes pulled, and failures with the node and MCO's error, from the MachineConfigNodes and the pool. */
export function prepullProgress(pool: Obj, set: Obj, mcns: Obj[]): PrepullProgress {
  const poolName = pool.metadata.name;
  const setName = set.metadata.name;
  const generation = (set.metadata.generation as number | undefined) ?? 1;
  const mine = mcns.filter((m) => (rec(rec(m['spec'])?.['pool'])?.['name'] as string | undefined) === poolName);
  const pulled: string[] = [];
  const failed: NodeFailure[] = [];
  for (const m of mine) {
    const st = rec(m['status']);
    const entry = ((st?.['pinnedImageSets'] as McnSet[] | undefined) ?? []).find((e) => e.name === setName);
    if (entry?.currentGeneration !== undefined && entry.currentGeneration >= generation) {
      pulled.push(m.metadata.name);
      continue;
    }
    const degraded = ((st?.['conditions'] as { type: string; status: string; message?: string }[] | undefined) ?? []).find(
      (c) => c.type === 'PinnedImageSetsDegraded' && c.status === 'True',
    );
    const error =
      entry?.lastFailedGeneration === generation && entry.lastFailedGenerationError ? entry.lastFailedGenerationError : degraded?.message;
    if (error && (degraded || entry?.lastFailedGeneration === generation))
      failed.push({ node: m.metadata.name, error, next: nextStep(error, poolName) });
  }
  const sync = (
    (rec(pool['status'])?.['poolSynchronizersStatus'] as { poolSynchronizerType?: string; updatedMachineCount?: number }[] | undefined) ??
    []
  ).find((s) => s.poolSynchronizerType === 'PinnedImageSets');
  const total = mine.length;
  return {
    pool: poolName,
    set: setName,
    generation,
    total,
    pulled: pulled.sort(),
    failed: failed.sort((a, b) => a.node.localeCompare(b.node)),
    ...(sync?.updatedMachineCount !== undefined ? { poolUpdated: sync.updatedMachineCount } : {}),
    done: total > 0 && pulled.length === total,
  };
}

/** Reads the pool, the set and the MachineConfigNodes once. */
export async function readPrepullProgress(cluster: Cluster, pool: string, setName = prepullSetName(pool)): Promise<PrepullProgress> {
  const [p, set, mcns] = await Promise.all([
    cluster.get('machineconfigpools', pool),
    getSet(cluster, setName),
    listMachineConfigNodes(cluster),
  ]);
  if (!p) throw new ClusterError(`MachineConfigPool ${pool} does not exist on ${cluster.context}.`, 'not-found', 404);
  if (!set) throw new ClusterError(`PinnedImageSet ${setName} does not exist on ${cluster.context}.`, 'not-found', 404);
  if (!mcns)
    throw new ClusterError(
      `${cluster.context} does not serve MachineConfigNodes, which report pre-pull progress (4.19+).`,
      'not-found',
      404,
    );
  return prepullProgress(p, set, mcns);
}

/** One line for the view and notifications: "pre-pulled 2/3", or the first failure. */
export function progressText(p: PrepullProgress): string {
  if (p.failed.length) return `pre-pull failed on ${p.failed.map((f) => f.node).join(', ')}`;
  return `pre-pulled ${p.pulled.length}/${p.total}`;
}

/**
 * Polls until every node pulled or one failed (or `signal` aborts). `onProgress` gets each distinct reading.
 * Resolves to the last reading.
 */
export async function waitForPrepull(
  cluster: Cluster,
  pool: string,
  opts: { onProgress?: (p: PrepullProgress) => void; signal?: AbortSignal; intervalMs?: number; setName?: string } = {},
): Promise<PrepullProgress> {
  let last = '';
  for (;;) {
    const p = await readPrepullProgress(cluster, pool, opts.setName);
    const key = JSON.stringify(p);
    if (key !== last) opts.onProgress?.(p);
    last = key;
    if (p.done || p.failed.length || opts.signal?.aborted) return p;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1000));
  }
}

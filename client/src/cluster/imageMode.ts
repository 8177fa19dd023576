/**
 * On-cluster image mode, the write side: MachineOSConfigs read, dry-run, created or updated, rebuilt
 * and removed, and the secrets of openshift-machine-config-operator listed by name and type only
 * (shared/domain/CURRENT.md §1; API:machineconfiguration/v1/types_machineosconfig.go;
 * MCO:pkg/controller/build/constants/constants.go for the rebuild annotation).
 */
import { MCO_GROUP } from '../../../common/mco';
import type { Cluster, Obj } from './cluster';
import { ClusterError } from './errors';
import { poolOf } from './moscWrap';
import { MCO_NAMESPACE } from './pushSpec';

const V1 = 'v1';
const MOSC = 'machineosconfigs';
/** MCO rebuilds a MachineOSConfig carrying this annotation, then removes it (CURRENT.md §1.4). */
export const REBUILD_ANNOTATION = `${MCO_GROUP}/rebuild`;

export interface SecretInfo {
  name: string;
  type: string;
  /** The service account a token secret belongs to (`builder` for the internal registry's push secret). */
  serviceAccount?: string;
}

/** Secret types buildah can push with: a docker config (MCO mounts it as the push auth file). */
export const PUSH_TYPES = ['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg'];

function notServed(e: unknown, cluster: Cluster): never {
  if (e instanceof ClusterError && e.kind === 'not-found')
    throw new ClusterError(
      `${cluster.context} does not serve MachineOSConfig ${MCO_GROUP}/v1: on-cluster image mode needs OpenShift 4.18 or later ` +
        '(generally available from 4.19). Use Build, Push and Apply Layered Image to Pool instead.',
      'not-found',
      404,
    );
  throw e;
}

export async function listMoscs(cluster: Cluster): Promise<Obj[]> {
  try {
    const l = (await cluster.send(`list ${MOSC}`, ({ custom }, o) =>
      custom.listClusterCustomObject({ group: MCO_GROUP, version: V1, plural: MOSC }, o),
    )) as { items: Obj[] };
    return l.items;
  } catch (e) {
    return notServed(e, cluster);
  }
}

/** The MachineOSConfig that selects `pool` (by spec.machineConfigPool.name), or null. */
export async function moscOfPool(cluster: Cluster, pool: string): Promise<Obj | null> {
  const all = await listMoscs(cluster);
  return all.find((m) => m.metadata.name === pool && poolOf(m) === pool) ?? all.find((m) => poolOf(m) === pool) ?? null;
}

/**
 * The secrets of openshift-machine-config-operator by name and type. The API answers with their data;
 * it is dropped here, before anything else sees it, and never logged or shown.
 */
export async function listSecrets(cluster: Cluster): Promise<SecretInfo[]> {
  const l = await cluster.send(`list secrets in ${MCO_NAMESPACE}`, ({ core }, o) =>
    core.listNamespacedSecret({ namespace: MCO_NAMESPACE }, o),
  );
  const out: SecretInfo[] = [];
  for (const s of l.items) {
    const a = s.metadata?.annotations ?? {};
    const sa = a['openshift.io/internal-registry-auth-token.service-account'] ?? a['kubernetes.io/service-account.name'];
    out.push({ name: s.metadata?.name ?? '', type: s.type ?? 'Opaque', ...(sa ? { serviceAccount: sa } : {}) });
  }
  l.items.length = 0;
  return out.filter((s) => s.name).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function pushCapable(secrets: SecretInfo[]): SecretInfo[] {
  return secrets.filter((s) => PUSH_TYPES.includes(s.type));
}

/**
 * The internal registry's push secret: the `builder` service account's dockercfg secret, which exists
 * while the image registry is enabled (MCO:docs/onclusterlayering-quickstart.md picks it by the
 * annotation openshift.io/internal-registry-auth-token.service-account=builder). null without one.
 */
export function internalRegistrySecret(secrets: SecretInfo[]): SecretInfo | null {
  return secrets.find((s) => s.serviceAccount === 'builder' && s.type === 'kubernetes.io/dockercfg') ?? null;
}

/** Said when no secret of the namespace can push. */
export function noPushSecretMessage(cluster: Cluster): string {
  return (
    `No secret in ${MCO_NAMESPACE} on ${cluster.context} can push an image: MCO needs one of type ` +
    `${PUSH_TYPES.join(' or ')} with push (and delete, for pruning) rights on the registry. Create one, for example ` +
    `\`oc create secret docker-registry my-push-secret -n ${MCO_NAMESPACE} --docker-server=<registry> --docker-username=<user> ` +
    '--docker-password=<password>` in a terminal, then run the command again. The internal registry has one for the builder ' +
    'service account while the image registry is enabled.'
  );
}

export interface MoscPlan {
  mosc: Obj;
  /** The MachineOSConfig of this name, as read at review time (the update is sent with its resourceVersion). */
  existing: Obj | null;
  /** MachineOSConfigs of another name on the same pool: created before the name rule; they are deleted first. */
  others: Obj[];
}

function body(mosc: Obj, existing: Obj | null): Obj {
  const b = structuredClone(mosc);
  delete b.status;
  if (existing) {
    b.metadata.resourceVersion = existing.metadata.resourceVersion!;
    // Keep MCO's annotations (current-machine-os-build) unless the file sets its own.
    b.metadata.annotations = { ...existing.metadata.annotations, ...b.metadata.annotations };
  } else delete b.metadata.resourceVersion;
  return b;
}

async function write(cluster: Cluster, mosc: Obj, update: boolean, dryRun: boolean): Promise<Obj> {
  const dry = dryRun ? { dryRun: 'All' } : {};
  const name = mosc.metadata.name;
  return (await cluster.send(`${update ? 'update' : 'create'} ${MOSC}/${name}`, ({ custom }, o) =>
    update
      ? custom.replaceClusterCustomObject({ group: MCO_GROUP, version: V1, plural: MOSC, name, body: mosc, ...dry }, o)
      : custom.createClusterCustomObject({ group: MCO_GROUP, version: V1, plural: MOSC, body: mosc, ...dry }, o),
  )) as Obj;
}

/** Reads what is there, then dry-runs the create or update on the server (which runs the API's CEL rules: a 422 says why). */
export async function planMosc(cluster: Cluster, mosc: Obj): Promise<MoscPlan> {
  const all = await listMoscs(cluster);
  const existing = all.find((m) => m.metadata.name === mosc.metadata.name) ?? null;
  const others = all.filter((m) => m.metadata.name !== mosc.metadata.name && poolOf(m) === poolOf(mosc));
  const b = body(mosc, existing);
  await write(cluster, b, !!existing, true);
  return { mosc: b, existing, others };
}

/**
 * Deletes the pool's other MachineOSConfigs (only as they were reviewed), then creates or updates as
 * planned. A 409 means it changed since the review: kind 'conflict', nothing more written.
 */
export async function commitMosc(cluster: Cluster, plan: MoscPlan): Promise<{ action: 'created' | 'updated'; obj: Obj }> {
  for (const o of plan.others) await deleteMosc(cluster, o);
  if (plan.existing) return { action: 'updated', obj: await write(cluster, plan.mosc, true, false) };
  try {
    return { action: 'created', obj: await write(cluster, plan.mosc, false, false) };
  } catch (e) {
    if (e instanceof ClusterError && e.status === 409)
      throw new ClusterError(`MachineOSConfig ${plan.mosc.metadata.name} was created by someone else meanwhile.`, 'conflict', 409);
    throw e;
  }
}

/** Deletes this MachineOSConfig only if it is still the one read (same UID and resourceVersion). */
export async function deleteMosc(cluster: Cluster, mosc: Obj): Promise<void> {
  const name = mosc.metadata.name;
  const preconditions = {
    uid: typeof mosc.metadata['uid'] === 'string' ? mosc.metadata['uid'] : '',
    resourceVersion: mosc.metadata.resourceVersion ?? '',
  };
  await cluster.send(`delete ${MOSC}/${name}`, ({ custom }, o) =>
    custom.deleteClusterCustomObject({ group: MCO_GROUP, version: V1, plural: MOSC, name, body: { preconditions } }, o),
  );
}

/** Asks MCO for a new build of the pool's MachineOSConfig: the rebuild annotation, sent with the resourceVersion read (retried once on a 409). */
export async function requestRebuild(cluster: Cluster, pool: string): Promise<Obj> {
  for (let attempt = 0; ; attempt++) {
    const m = await moscOfPool(cluster, pool);
    if (!m) throw new ClusterError(`Pool ${pool} on ${cluster.context} has no MachineOSConfig; nothing to rebuild.`, 'not-found');
    const b = structuredClone(m);
    b.metadata.annotations = { ...b.metadata.annotations, [REBUILD_ANNOTATION]: '' };
    try {
      return await write(cluster, b, true, false);
    } catch (e) {
      if (!(e instanceof ClusterError && e.status === 409) || attempt > 0) throw e;
    }
  }
}

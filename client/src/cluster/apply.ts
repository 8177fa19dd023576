/**
 * What Apply does, without the editor: the MachineConfig that layers an image onto a pool, which
 * MachineConfig's osImageURL wins after MCO merges the pool's configs, and create-or-update with a
 * server-side dry run first.
 */
import { parseAllDocuments } from 'yaml';
import { MANAGED_BY_LABEL, MANAGER, MCO_GROUP, MCO_VERSION, ROLE_LABEL } from '../../../common/mco';
import type { Cluster, Obj } from './cluster';
import { ClusterError } from './errors';
import { losses, ownershipOf } from './ownership';
import { matches } from './selector';

/** The MachineConfigs in a YAML file, one per document of kind MachineConfig; other kinds and empty documents are skipped. */
export function machineConfigsIn(yamlText: string): Obj[] {
  return parseAllDocuments(yamlText)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => !!o && o.kind === 'MachineConfig');
}

/** A valid MachineConfig name (DNS subdomain), or what is wrong with it. */
export function checkName(name: string): string | null {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) || name.length > 253)
    return 'Use lowercase letters, digits, "-" and "." (a DNS subdomain), for example os-layer-worker.';
  if (name.startsWith('rendered-')) return 'Names starting with rendered- belong to MCO.';
  return null;
}

export function layerMachineConfig(pool: string, image: string, name = `os-layer-${pool}`): Obj {
  return {
    apiVersion: `${MCO_GROUP}/${MCO_VERSION}`,
    kind: 'MachineConfig',
    metadata: { name, labels: { [ROLE_LABEL]: pool, [MANAGED_BY_LABEL]: MANAGER } },
    spec: { osImageURL: image },
  };
}

/** Applied from this extension: the MachineConfig carries the managed-by label layerMachineConfig sets. */
export function appliedFromVsCode(mc: Obj): boolean {
  return mc.metadata.labels?.[MANAGED_BY_LABEL] === MANAGER;
}

function selects(pool: Obj, mc: Obj): boolean {
  return matches(pool.spec?.['machineConfigSelector'], mc.metadata.labels);
}

/** The pools whose machineConfigSelector picks this MachineConfig. */
export function poolsFor(mc: Obj, pools: Obj[]): Obj[] {
  return pools.filter((p) => selects(p, mc));
}

export interface OsImageReport {
  /** The MachineConfig whose osImageURL the pool renders, after the change. */
  winner: string;
  /** Other MachineConfigs of the pool that also set osImageURL. */
  others: { name: string; osImageURL: string }[];
}

/**
 * MCO merges a pool's MachineConfigs sorted by name (for a custom pool, the worker ones first) and
 * the last non-empty osImageURL wins.
 */
export function osImageReport(pool: Obj, existing: Obj[], mc: Obj): OsImageReport {
  const all = [...existing.filter((m) => m.metadata.name !== mc.metadata.name && !m.metadata.name.startsWith('rendered-')), mc].filter(
    (m) => selects(pool, m),
  );
  const custom = pool.metadata.name !== 'worker';
  all.sort(
    (a, b) =>
      (custom && a.metadata.labels?.[ROLE_LABEL] === 'worker' ? 0 : 1) - (custom && b.metadata.labels?.[ROLE_LABEL] === 'worker' ? 0 : 1) ||
      (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0),
  );
  const setting = all.filter((m) => typeof m.spec?.['osImageURL'] === 'string' && m.spec['osImageURL'] !== '');
  return {
    winner: setting[setting.length - 1]?.metadata.name ?? mc.metadata.name,
    others: setting
      .filter((m) => m.metadata.name !== mc.metadata.name)
      .map((m) => ({ name: m.metadata.name, osImageURL: m.spec!['osImageURL'] as string })),
  };
}

export interface Plan {
  mc: Obj;
  /** The MachineConfig as read at review time; the update is sent with its resourceVersion. */
  existing: Obj | null;
  /** Set when `existing` is someone else's: whose it is and what replacing it loses. Committing then needs the typed name. */
  takeover: { owner: string; losses: string[] } | null;
  /** What the server returned for the dry run (dryRun=All): the object as it would be stored. */
  dryRun: Obj;
}

/**
 * Reads what is there now, refuses MCO's own MachineConfigs, and dry-runs the create or update on
 * the server. What we write carries our managed-by label unless it names another manager.
 */
export async function planApply(cluster: Cluster, mc: Obj): Promise<Plan> {
  const existing = await cluster.get('machineconfigs', mc.metadata.name);
  const body = withVersion(ourLabel(mc), existing);
  let takeover: Plan['takeover'] = null;
  if (existing) {
    const o = ownershipOf(existing);
    if (o.kind === 'mco')
      throw new ClusterError(
        `MachineConfig ${mc.metadata.name} belongs to ${o.owner} and is never replaced from here. Give yours another name ` +
          `(for example os-layer-<pool>).`,
        'refused',
      );
    if (o.kind === 'foreign') takeover = { owner: o.owner, losses: losses(existing, body) };
  }
  const dryRun = existing ? await cluster.replace(body, true) : await cluster.create(body, true);
  return { mc: body, existing, takeover, dryRun };
}

function ourLabel(mc: Obj): Obj {
  const body = structuredClone(mc);
  if (body.metadata.labels?.[MANAGED_BY_LABEL] === undefined)
    body.metadata.labels = { ...body.metadata.labels, [MANAGED_BY_LABEL]: MANAGER };
  return body;
}

function withVersion(mc: Obj, existing: Obj | null): Obj {
  const body = structuredClone(mc);
  if (existing) body.metadata.resourceVersion = existing.metadata.resourceVersion!;
  else delete body.metadata.resourceVersion;
  return body;
}

/**
 * Creates or updates as planned. Someone else's MachineConfig is replaced only when `typedName` is
 * its name. A 409 (changed since the plan) is thrown as kind 'conflict'.
 */
export async function commitApply(cluster: Cluster, plan: Plan, typedName?: string): Promise<{ action: 'created' | 'updated'; obj: Obj }> {
  if (plan.takeover && typedName !== plan.mc.metadata.name)
    throw new ClusterError(
      `MachineConfig ${plan.mc.metadata.name} belongs to ${plan.takeover.owner}; type its name to replace it. Nothing was changed.`,
      'refused',
    );
  if (plan.existing) return { action: 'updated', obj: await cluster.replace(plan.mc, false) };
  try {
    return { action: 'created', obj: await cluster.create(plan.mc, false) };
  } catch (e) {
    // Someone created it between the plan and now: that is a conflict too.
    if (e instanceof ClusterError && e.status === 409)
      throw new ClusterError(`MachineConfig ${plan.mc.metadata.name} was created by someone else meanwhile.`, 'conflict', 409);
    throw e;
  }
}

/**
 * The headline of the Apply and Roll Back modals: what the nodes will do. A paused pool's nodes do
 * nothing yet: MCO renders the change and it waits until the pool is resumed.
 */
export function impactMessage(pools: { name: string; total: number; paused: boolean }[]): string {
  if (!pools.length) return 'No pool selects this MachineConfig; no node changes';
  const nodes = (ps: typeof pools) => {
    const n = ps.reduce((s, p) => s + p.total, 0);
    return `${n} node${n === 1 ? '' : 's'} in pool${ps.length > 1 ? 's' : ''} ${ps.map((p) => p.name).join(', ')}`;
  };
  const running = pools.filter((p) => !p.paused);
  const paused = pools.filter((p) => p.paused);
  const parts: string[] = [];
  if (running.length) parts.push(`${nodes(running)} will be cordoned, drained and rebooted`);
  if (paused.length)
    parts.push(
      `pool${paused.length > 1 ? 's' : ''} ${paused.map((p) => p.name).join(', ')} ${paused.length > 1 ? 'are' : 'is'} ` +
        `paused: the change is queued and no node updates until ${paused.length > 1 ? 'they are' : 'it is'} resumed`,
    );
  const s = parts.join('; ');
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * What Apply does, without the editor: the MachineConfig that layers an image onto a pool, which
 * MachineConfig's osImageURL wins after MCO merges the pool's configs, and create-or-update with a
 * server-side dry run first.
 */
import { parseAllDocuments } from 'yaml';
import { MANAGED_BY_LABEL, MANAGER, MCO_GROUP, MCO_VERSION, ROLE_LABEL } from '../../../common/mco';
import type { Cluster, Obj } from './cluster';
import { ClusterError } from './errors';
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
  existing: Obj | null;
}

/** Reads what is there now, and dry-runs the create or update on the server. */
export async function planApply(cluster: Cluster, mc: Obj): Promise<Plan> {
  const existing = await cluster.get('machineconfigs', mc.metadata.name);
  const body = withVersion(mc, existing);
  if (existing) await cluster.replace(body, true);
  else await cluster.create(body, true);
  return { mc: body, existing };
}

function withVersion(mc: Obj, existing: Obj | null): Obj {
  const body = structuredClone(mc);
  if (existing) body.metadata.resourceVersion = existing.metadata.resourceVersion!;
  else delete body.metadata.resourceVersion;
  return body;
}

/** Creates or updates as planned. A 409 (changed since the plan) is thrown as kind 'conflict'. */
export async function commitApply(cluster: Cluster, plan: Plan): Promise<{ action: 'created' | 'updated'; obj: Obj }> {
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

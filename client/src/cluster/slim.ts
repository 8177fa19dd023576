/**
 * What the Rollouts model keeps of an API object: only the fields the view, its notifications and
 * its selectors read. A rendered MachineConfig carries every file of every MachineConfig of its
 * pool, a node its image list and managedFields; kept whole, a 50-node cluster with a few large
 * configs holds megabytes for rows that show a name, a state and an image.
 */
import { MCO_PREFIX } from '../../../common/mco';
import type { Kind, Obj } from './cluster';

type Condition = { type: string; status: string; message?: string; reason?: string };

function meta(o: Obj, annotations: boolean): Obj['metadata'] {
  const m: Obj['metadata'] = { name: o.metadata.name };
  if (o.metadata.resourceVersion !== undefined) m.resourceVersion = o.metadata.resourceVersion;
  if (o.metadata.labels) m.labels = o.metadata.labels;
  if (annotations && o.metadata.annotations) {
    // Only MCO's own annotations (state, current/desired config and image, reason) are shown.
    const a = Object.entries(o.metadata.annotations).filter(([k]) => k.startsWith(MCO_PREFIX));
    if (a.length) m.annotations = Object.fromEntries(a);
  }
  return m;
}

function conds(o: Obj, keep: (c: Condition) => boolean): Condition[] | undefined {
  const all = o.status?.['conditions'] as Condition[] | undefined;
  if (!Array.isArray(all)) return undefined;
  return all.filter(keep).map((c) => ({
    type: c.type,
    status: c.status,
    ...(c.message !== undefined ? { message: c.message } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  }));
}

/** Copies into a new object only the listed keys that are present. */
function pick(from: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (from?.[k] !== undefined) out[k] = from[k];
  return out;
}

/** The part of `o` the Rollouts model needs; the rest (MachineConfig contents, images, managedFields) is dropped. */
export function slim(kind: Kind, o: Obj): Obj {
  if (kind === 'nodes') {
    const ready = conds(o, (c) => c.type === 'Ready');
    return {
      metadata: meta(o, true),
      spec: pick(o.spec, ['unschedulable']),
      status: ready ? { conditions: ready } : {},
    };
  }
  if (kind === 'machineconfigpools') {
    const configuration = o.spec?.['configuration'] as { name?: string } | undefined;
    const c = conds(o, () => true);
    return {
      metadata: meta(o, false),
      spec: {
        ...pick(o.spec, ['nodeSelector', 'machineConfigSelector', 'paused']),
        ...(configuration?.name !== undefined ? { configuration: { name: configuration.name } } : {}),
      },
      status: {
        ...pick(o.status, ['machineCount', 'updatedMachineCount', 'degradedMachineCount', 'unavailableMachineCount']),
        ...(c ? { conditions: c } : {}),
      },
    };
  }
  // MachineConfigs: the tree shows name, osImageURL and whose it is (labels); never the Ignition config.
  return { metadata: meta(o, false), spec: pick(o.spec, ['osImageURL']) };
}

/**
 * Which write actions the connected user may take, asked of the API server with
 * SelfSubjectAccessReviews (authorization.k8s.io/v1, what `oc auth can-i` sends) right after
 * connecting. The view offers only those; a user who may take none sees a read-only view that says
 * so. A review that cannot be asked (an old server, a network blip) leaves its action offered: the
 * API server still decides when the action is taken, and its 403 is explained then.
 */
import type { Cluster } from './cluster';
import { MCO_GROUP } from '../../../common/mco';

interface Attrs {
  verb: string;
  resource: string;
  group: string;
}

const mco = (verb: string, resource: string): Attrs => ({ verb, resource, group: MCO_GROUP });

/** Each action and the reviews it needs (all must be allowed). */
export const ACTIONS = {
  /** Pause Pool / Resume Pool: a JSON patch of spec.paused. */
  patchPools: [mco('patch', 'machineconfigpools')],
  /** Apply MachineConfig and Apply Layered Image to Pool: create, or replace with the resourceVersion read. */
  applyMachineConfig: [mco('create', 'machineconfigs'), mco('update', 'machineconfigs')],
  /** Roll Back: a delete with preconditions. */
  rollBack: [mco('delete', 'machineconfigs')],
  /** On-cluster layering: a MachineOSConfig per pool, created or replaced (Apply Containerfile to Pool, Rebuild Image). */
  createMachineOSConfig: [mco('create', 'machineosconfigs'), mco('update', 'machineosconfigs')],
  /** Remove Image Mode from Pool: a delete with preconditions. */
  removeMachineOSConfig: [mco('delete', 'machineosconfigs')],
  /** Pre-pull Image to Pool: a PinnedImageSet created or replaced, and a JSON patch of the pool's spec.pinnedImageSets. */
  prepullImage: [mco('create', 'pinnedimagesets'), mco('update', 'pinnedimagesets'), mco('patch', 'machineconfigpools')],
  /** Cordon and uncordon. */
  patchNodes: [{ verb: 'patch', resource: 'nodes', group: '' }],
} as const satisfies Record<string, readonly Attrs[]>;

export type Action = keyof typeof ACTIONS;

export interface Access {
  /** May the user take the action? Undecided reviews count as allowed. */
  allowed: Record<Action, boolean>;
  /** Every write action is denied. */
  readOnly: boolean;
  /** Reviews that could not be asked, as `verb resource`. */
  undecided: string[];
}

/** Asks every review once, at the same time. */
export async function reviewAccess(c: Pick<Cluster, 'canI'>): Promise<Access> {
  const key = (a: Attrs) => `${a.verb} ${a.resource}`;
  const all = new Map<string, Attrs>();
  for (const list of Object.values(ACTIONS)) for (const a of list) all.set(key(a), a);
  const answers = new Map<string, boolean | undefined>();
  await Promise.all(
    [...all].map(async ([k, a]) => {
      answers.set(k, await c.canI(a).catch(() => undefined));
    }),
  );
  const allowed = {} as Record<Action, boolean>;
  for (const [action, list] of Object.entries(ACTIONS) as [Action, readonly Attrs[]][])
    allowed[action] = list.every((a) => answers.get(key(a)) !== false);
  return {
    allowed,
    readOnly: Object.values(allowed).every((x) => !x),
    undecided: [...answers].filter(([, v]) => v === undefined).map(([k]) => k),
  };
}

/** The words the view shows for a read-only identity. */
export function readOnlyMessage(context: string): string {
  return `Read-only: the user of context "${context}" may watch rollouts but not apply, pause or roll back (RBAC).`;
}

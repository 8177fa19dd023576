/**
 * MachineConfigNode (machineconfiguration.openshift.io/v1, served from 4.19): one per node, named like it,
 * with the phase conditions the daemon and the drain controller write.
 *
 * Source: MCO:pkg/upgrademonitor/upgrade_monitor.go@release-4.21 `generateAndApplyMachineConfigNodes`:
 * a new MCN gets every condition type, those not set pre-filled `False`/`NotYetOccurred`/`This node has not
 * yet entered the <X> phase`; each call sets a parent condition and optionally a child; a call whose parent
 * is `Updated` resets every other condition that is not `False` to `False`, prefixing its message with
 * `Action during update to <desired>: `. `status.configVersion.desired` follows the node's desiredConfig
 * once UpdatePrepared is True (`NotYetSet` before), `current` its currentConfig.
 */
import type { Obj, Store } from './store';

/** API:machineconfiguration/v1/types_machineconfignode.go StateProgress, in upgrade_monitor.go's order. */
export const MCN_CONDITIONS = [
  'UpdatePrepared',
  'UpdateExecuted',
  'UpdatePostActionComplete',
  'UpdateComplete',
  'Resumed',
  'Drained',
  'AppliedFilesAndOS',
  'Cordoned',
  'RebootedNode',
  'Updated',
  'Uncordoned',
  'NodeDegraded',
] as const;
export type McnCondition = (typeof MCN_CONDITIONS)[number];
export type Status = 'True' | 'False' | 'Unknown';
export interface Phase {
  type: McnCondition;
  status: Status;
  reason: string;
  message: string;
}

const ANN = 'machineconfiguration.openshift.io/';

interface Cond extends Phase {
  lastTransitionTime: string;
}

function fresh(type: string, now: string): Cond {
  return {
    type: type as McnCondition,
    status: 'False',
    reason: 'NotYetOccurred',
    message: `This node has not yet entered the ${type} phase`,
    lastTransitionTime: now,
  };
}

/** Writes one MCO call's worth of conditions to the node's MCN (created if missing). */
export function applyPhase(store: Store, node: Obj, pool: string, parent: Phase, child?: Phase): void {
  const now = new Date().toISOString();
  const a = node.metadata.annotations ?? {};
  const write = (m: Obj): Obj => {
    const st = (m['status'] ?? {}) as { conditions?: Cond[]; configVersion?: { desired: string; current?: string } };
    let conds = st.conditions ?? MCN_CONDITIONS.map((t) => fresh(t, now));
    const desired = (m['spec'] as { configVersion?: { desired?: string } } | undefined)?.configVersion?.desired ?? '';
    conds = conds.map((c) => {
      if (c.type === parent.type) return { ...parent, lastTransitionTime: now };
      if (child && c.type === child.type) return { ...child, lastTransitionTime: now };
      if (parent.type === 'Updated' && c.status !== 'False')
        return { ...c, status: 'False', lastTransitionTime: now, message: `Action during update to ${desired}: ${c.message}` };
      return c;
    });
    const prepared = parent.type === 'UpdatePrepared' ? parent.status === 'True' : !!a[`${ANN}desiredConfig`];
    st.conditions = conds;
    st.configVersion = {
      desired: prepared ? (a[`${ANN}desiredConfig`] ?? 'NotYetSet') : (st.configVersion?.desired ?? 'NotYetSet'),
      ...(a[`${ANN}currentConfig`] ? { current: a[`${ANN}currentConfig`] } : {}),
    };
    m['status'] = { ...st, observedGeneration: (m.metadata.generation as number | undefined) ?? 1 };
    m['spec'] = {
      node: { name: node.metadata.name },
      pool: { name: pool },
      configVersion: { desired: a[`${ANN}desiredConfig`] ?? 'NotYetSet' },
    };
    return m;
  };
  const name = node.metadata.name;
  if (!store.get('machineconfignodes', name)) {
    store.create(
      'machineconfignodes',
      write({
        apiVersion: 'machineconfiguration.openshift.io/v1',
        kind: 'MachineConfigNode',
        metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }] },
      }),
    );
  } else store.mutate('machineconfignodes', name, write);
}

/** The condition a node is in right now (the one `Unknown`), for tests and the view. */
export function currentPhase(mcn: Obj | undefined): string | undefined {
  return ((mcn?.['status'] as { conditions?: Cond[] } | undefined)?.conditions ?? []).find((c) => c.status === 'Unknown')?.type;
}

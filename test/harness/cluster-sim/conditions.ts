/** Status conditions as controllers set them: lastTransitionTime moves only when the status changes. */
import type { Obj } from './store';

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

export function conditions(o: Obj): Condition[] {
  return (o['status'] as { conditions?: Condition[] } | undefined)?.conditions ?? [];
}

export function condition(p: Obj, type: string): string | undefined {
  return conditions(p).find((c) => c.type === type)?.status;
}

/** Sets a condition; returns the object when anything changed, else null. */
export function setCondition(p: Obj, type: string, status: string, reason: string, message: string): Obj | null {
  const st = (p['status'] ?? {}) as { conditions?: Condition[] };
  const conds = st.conditions ?? [];
  const cur = conds.find((c) => c.type === type);
  if (cur && cur.status === status && cur.reason === reason && cur.message === message) return null;
  const next = {
    type,
    status,
    reason,
    message,
    lastTransitionTime: cur && cur.status === status ? cur.lastTransitionTime : new Date().toISOString(),
  };
  st.conditions = [...conds.filter((c) => c.type !== type), next];
  p['status'] = st;
  return p;
}

/** Drops a condition; returns the object when it was there, else null. */
export function dropCondition(p: Obj, type: string): Obj | null {
  const st = (p['status'] ?? {}) as { conditions?: Condition[] };
  if (!(st.conditions ?? []).some((c) => c.type === type)) return null;
  st.conditions = st.conditions!.filter((c) => c.type !== type);
  return p;
}

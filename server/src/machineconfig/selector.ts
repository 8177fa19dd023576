/**
 * Kubernetes label selectors as MCO evaluates a pool's `machineConfigSelector`
 * (metav1.LabelSelectorAsSelector, then render_controller.go getMachineConfigsForPool: an empty or
 * missing selector matches nothing).
 */

export interface LabelSelector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: { key?: unknown; operator?: unknown; values?: unknown }[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The selector as a plain object, or null when it is missing or not a mapping. */
export function asSelector(v: unknown): LabelSelector | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const matchLabels = o['matchLabels'] && typeof o['matchLabels'] === 'object' ? (o['matchLabels'] as Record<string, unknown>) : undefined;
  const matchExpressions = Array.isArray(o['matchExpressions'])
    ? (o['matchExpressions'] as unknown[]).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    : undefined;
  return { ...(matchLabels ? { matchLabels } : {}), ...(matchExpressions ? { matchExpressions } : {}) };
}

/** Whether the selector picks an object with these labels; an empty selector picks nothing, as in MCO. */
export function selects(sel: LabelSelector | null, labels: Record<string, string>): boolean {
  if (!sel) return false;
  const ml = Object.entries(sel.matchLabels ?? {});
  const me = sel.matchExpressions ?? [];
  if (ml.length === 0 && me.length === 0) return false;
  for (const [k, v] of ml) if (labels[k] !== String(v)) return false;
  for (const e of me) {
    const key = typeof e.key === 'string' ? e.key : '';
    const values = strings(e.values);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an unknown operator makes the selector invalid: MCO matches nothing
    }
  }
  return true;
}

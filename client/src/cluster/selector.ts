/** Kubernetes label selectors (matchLabels and matchExpressions), as pools select nodes and MachineConfigs. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** An empty or missing selector selects nothing, as MCO treats a pool without selectors. */
export function matches(sel: unknown, labels: Record<string, string> | undefined): boolean {
  const s = (sel ?? {}) as LabelSelector;
  if (!s.matchLabels && !s.matchExpressions) return false;
  const l = labels ?? {};
  return (
    Object.entries(s.matchLabels ?? {}).every(([k, v]) => l[k] === v) &&
    (s.matchExpressions ?? []).every((e) => {
      if (e.operator === 'In') return l[e.key] !== undefined && (e.values ?? []).includes(l[e.key]!);
      if (e.operator === 'NotIn') return l[e.key] === undefined || !(e.values ?? []).includes(l[e.key]!);
      if (e.operator === 'Exists') return e.key in l;
      return !(e.key in l);
    })
  );
}

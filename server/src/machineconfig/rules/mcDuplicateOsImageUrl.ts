import type { Rule } from '../../engine/types';
import { get, rangeAt, YamlModel, YamlDoc } from '../model';
import { nameOf, owned, roleOf } from '../docs';
import { atMost } from '../../engine/version';
import type { OcpVersion } from '../../engine/types';

/** MCO's merge order: by name; from 4.15 the worker-role MachineConfigs come first. The last one wins. */
export function mcoOrder(docs: YamlDoc[], ocp: OcpVersion | null): YamlDoc[] {
  const workerFirst = !ocp || !atMost(ocp, 4, 14);
  return [...docs].sort((a, b) => {
    if (workerFirst) {
      const wa = roleOf(a) === 'worker' ? 0 : 1;
      const wb = roleOf(b) === 'worker' ? 0 : 1;
      if (wa !== wb) return wa - wb;
    }
    return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
  });
}

export const mcDuplicateOsImageUrl: Rule<YamlModel> = {
  meta: {
    id: 'mc-duplicate-osimageurl',
    kind: 'yaml',
    severity: 'warning',
    title: 'Two MachineConfigs for one pool set osImageURL',
    why: 'Only one osImageURL can win: MCO takes the last MachineConfig in its merge order (by name; worker-role ones first from 4.15). The docs say to keep one MachineConfig per pool for the image.',
    source: 'MCO MergeMachineConfigs; openshift-docs coreos-layering-configuring.adoc',
    fixable: false,
    versionDependent: true,
  },
  check(model, ctx) {
    const byPool = new Map<string, YamlDoc[]>();
    for (const d of owned(model, 'MachineConfig')) {
      const url = get(d.value, ['spec', 'osImageURL']);
      const role = roleOf(d);
      if (typeof url !== 'string' || url === '' || !role) continue;
      byPool.set(role, [...(byPool.get(role) ?? []), d]);
    }
    for (const [pool, docs] of byPool) {
      if (docs.length < 2) continue;
      const winner = mcoOrder(docs, ctx.ocp).at(-1)!;
      for (const d of docs) {
        const others = docs.filter((x) => x !== d).map((x) => `\`${nameOf(x)}\``).join(', ');
        const verdict = d === winner ? 'this one wins (last in MCO\'s order)' : `\`${nameOf(winner)}\` wins (last in MCO's order) and this one is ignored`;
        ctx.report({ range: rangeAt(model, d, ['spec', 'osImageURL']), message: `Pool ${pool} also gets osImageURL from ${others}: ${verdict}. Keep one MachineConfig per pool for the image.` });
      }
    }
  },
};

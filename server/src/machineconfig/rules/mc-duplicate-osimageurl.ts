import type { MachineConfigRule } from '../rule';
import { get, rangeAt, YamlDoc } from '../model';
import { nameOf, owned, roleOf } from '../queries';
import { atMost } from '../../core/version';
import type { OcpVersion } from '../../core/types';
import { machineConfigExample } from '../examples';

interface Entry {
  name: string;
  role: string;
  doc?: YamlDoc;
  file?: string;
}

/** MCO's merge order: by name; from 4.15 the worker-role MachineConfigs come first. The last one wins. */
export function mcoOrder<T extends { name: string; role: string }>(entries: T[], ocp: OcpVersion | null): T[] {
  const workerFirst = !ocp || !atMost(ocp, 4, 14);
  return [...entries].sort((a, b) => {
    if (workerFirst) {
      const wa = a.role === 'worker' ? 0 : 1;
      const wb = b.role === 'worker' ? 0 : 1;
      if (wa !== wb) return wa - wb;
    }
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** How many other MachineConfigs the message names before it only counts the rest. */
const NAMED = 3;

/** `a, b, c and 7 more`: a workspace with hundreds of layered configs still gets a message one can read. */
function listFew(labels: string[]): string {
  if (labels.length <= NAMED) return labels.join(', ');
  return `${labels.slice(0, NAMED).join(', ')} and ${labels.length - NAMED} more`;
}

export const mcDuplicateOsImageUrl: MachineConfigRule = {
  meta: {
    id: 'mc-duplicate-osimageurl',
    kind: 'yaml',
    severity: 'warning',
    title: 'Two MachineConfigs for one pool set osImageURL',
    why: 'Only one osImageURL can win: MCO takes the last MachineConfig in its merge order (by name; worker-role ones first from 4.15). The docs say to keep one MachineConfig per pool for the image.',
    source: 'MCO MergeMachineConfigs; openshift-docs coreos-layering-configuring.adoc',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: aa-layer
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  osImageURL: quay.io/a@sha256:<digest>
---
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: zz-layer
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  osImageURL: quay.io/b@sha256:<digest>`,
      good: machineConfigExample('  osImageURL: quay.io/b@sha256:<digest>', 'os-layer-custom'),
      fix: 'Keep one MachineConfig per pool for osImageURL. The message says which one MCO would use.',
    },
  },
  check(model, ctx) {
    const byPool = new Map<string, Entry[]>();
    const add = (pool: string, e: Entry) => byPool.set(pool, [...(byPool.get(pool) ?? []), e]);
    for (const d of owned(model, 'MachineConfig')) {
      const url = get(d.value, ['spec', 'osImageURL']);
      const role = roleOf(d);
      if (typeof url === 'string' && url !== '' && role) add(role, { name: nameOf(d), role, doc: d });
    }
    for (const m of ctx.options.workspace?.machineConfigs ?? []) {
      if (m.osImageURL && m.pool && byPool.has(m.pool)) add(m.pool, { name: m.name, role: m.pool, file: m.file });
    }
    const label = (e: Entry) => `\`${e.name}\`${e.file ? ` (${e.file})` : ''}`;
    for (const [pool, entries] of byPool) {
      if (entries.length < 2) continue;
      const winner = mcoOrder(entries, ctx.ocp).at(-1)!;
      for (const e of entries) {
        if (!e.doc) continue;
        const others = listFew(entries.filter((x) => x !== e).map(label));
        const verdict =
          e === winner ? "this one wins (last in MCO's order)" : `${label(winner)} wins (last in MCO's order) and this one is ignored`;
        ctx.report({
          range: rangeAt(model, e.doc, ['spec', 'osImageURL']),
          message: `Pool ${pool} also gets osImageURL from ${others}: ${verdict}. Keep one MachineConfig per pool for the image.`,
        });
      }
    }
  },
};

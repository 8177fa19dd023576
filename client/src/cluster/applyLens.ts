/**
 * The "Apply to pool worker (12 nodes)" lens above a MachineConfig file: where it goes and what it
 * says. Only a file with exactly one MachineConfig gets it (Apply MachineConfig applies one); the
 * pools and node counts are the connected cluster's when the Rollouts model has them, else the
 * MachineConfig's role label names the pool.
 */
import { parseAllDocuments } from 'yaml';
import type { Obj } from './cluster';
import { poolsFor } from './apply';
import { poolView } from './rollout';
import { MCO_GROUP, MCO_VERSION, ROLE_LABEL } from '../../../common/mco';

export interface ApplyLens {
  /** 0-based line of the MachineConfig's first key. */
  line: number;
  title: string;
  tooltip: string;
}

export function applyLens(text: string, pools: readonly Obj[] | undefined, context?: string): ApplyLens | undefined {
  // Cheap test first: this runs for every YAML file in the workspace that is opened or edited.
  if (!/^kind:[ \t]*["']?MachineConfig["']?[ \t]*(?:#.*)?$/m.test(text)) return undefined;
  const found: { mc: Obj; offset: number }[] = [];
  for (const d of parseAllDocuments(text)) {
    if (d.errors.length) continue;
    const o = d.toJS() as Obj | null;
    if (o?.kind === 'MachineConfig' && o.apiVersion === `${MCO_GROUP}/${MCO_VERSION}`)
      found.push({ mc: o, offset: d.contents?.range[0] ?? d.range[0] });
  }
  if (found.length !== 1) return undefined;
  const { mc, offset } = found[0]!;
  const line = text.slice(0, offset).split('\n').length - 1;
  const role = mc.metadata?.labels?.[ROLE_LABEL];
  const on = context ? ` on ${context}` : '';
  if (!pools) {
    if (!role) return undefined;
    return {
      line,
      title: `Apply to pool ${role}`,
      tooltip: `Dry-run, review and apply this MachineConfig to the pools of role ${role}${on}`,
    };
  }
  const targets = poolsFor(mc, [...pools]);
  if (!targets.length)
    return {
      line,
      title: `Apply MachineConfig (no pool selects${role ? ` role ${role}` : ' it'})`,
      tooltip: `No pool${on} selects this MachineConfig's labels; Apply MachineConfig says what to fix`,
    };
  const nodes = targets.reduce((n, p) => n + poolView(p).total, 0);
  const names = targets.map((p) => p.metadata.name).join(', ');
  return {
    line,
    title: `Apply to pool${targets.length > 1 ? 's' : ''} ${names} (${nodes} node${nodes === 1 ? '' : 's'})`,
    tooltip: `Dry-run, review and apply this MachineConfig${on}; nothing is written before you confirm`,
  };
}

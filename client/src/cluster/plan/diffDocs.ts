/**
 * The two sides of the diff shown before a write: the live object and the server's dry-run result
 * (dryRun=All), as YAML. Create has an empty left side, delete an empty right side. Fields the
 * server owns and that only add noise (managedFields) are left out of both.
 */
import { stringify } from 'yaml';
import type { Obj } from '../cluster';

export type WriteVerb = 'create' | 'update' | 'delete';

function yamlOf(o: Obj | null): string {
  if (!o) return '';
  const c = structuredClone(o);
  delete (c.metadata as Record<string, unknown>)['managedFields'];
  return stringify(c);
}

export interface DiffSides {
  title: string;
  left: string;
  right: string;
}

export function diffSides(verb: WriteVerb, context: string, name: string, live: Obj | null, dryRun: Obj | null): DiffSides {
  const what = verb === 'create' ? 'new' : verb === 'delete' ? 'deleted' : 'live ↔ dry run';
  return {
    title: `MachineConfig ${name} on ${context}: ${what} (server dry run, read-only)`,
    left: verb === 'create' ? '' : yamlOf(live),
    right: verb === 'delete' ? '' : yamlOf(dryRun),
  };
}

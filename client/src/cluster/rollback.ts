/** What Roll Back offers and does, without the editor: the MachineConfigs it may delete, and the delete itself. */
import type { Cluster, Obj } from './cluster';
import { appliedFromVsCode } from './apply';
import { ClusterError } from './errors';
import { ownershipOf } from './ownership';

/**
 * The MachineConfigs that set an osImageURL, rendered ones left out: deleting one returns its pools
 * to the image of the remaining ones. Those applied from VS Code come first, then by name.
 */
export function rollbackCandidates(mcs: Obj[]): Obj[] {
  const layered = mcs.filter((m) => !m.metadata.name.startsWith('rendered-') && setsOsImage(m));
  const ours = (m: Obj) => Number(appliedFromVsCode(m));
  return layered.sort((a, b) => ours(b) - ours(a) || a.metadata.name.localeCompare(b.metadata.name));
}

function setsOsImage(m: Obj): boolean {
  const image = m.spec?.['osImageURL'];
  return typeof image === 'string' && image !== '';
}

/**
 * Deletes the MachineConfig exactly as it was picked: the delete carries its UID and
 * resourceVersion as preconditions, so one changed or re-created since is not deleted. MCO's own
 * are never deleted; someone else's only when `typedName` is its name.
 */
export async function deletePicked(cluster: Cluster, picked: Obj, typedName?: string): Promise<void> {
  const name = picked.metadata.name;
  const o = ownershipOf(picked);
  if (o.kind === 'mco') throw new ClusterError(`MachineConfig ${name} belongs to ${o.owner}; Roll Back never deletes it.`, 'refused');
  if (o.kind === 'foreign' && typedName !== name)
    throw new ClusterError(`MachineConfig ${name} belongs to ${o.owner}; type its name to delete it. Nothing was deleted.`, 'refused');
  const uid = picked.metadata['uid'];
  const resourceVersion = picked.metadata.resourceVersion;
  if (typeof uid !== 'string' || !uid || !resourceVersion)
    throw new ClusterError(`MachineConfig ${name} was picked without a UID and resourceVersion; nothing was deleted.`, 'refused');
  try {
    await cluster.delete(name, { uid, resourceVersion });
  } catch (e) {
    if (e instanceof ClusterError && e.status === 409)
      throw new ClusterError(
        `MachineConfig ${name} changed on the server after you picked it (it was edited, or deleted and created again), so ` +
          `it was not deleted. Run Roll Back again to see it as it is now.`,
        'conflict',
        409,
      );
    if (e instanceof ClusterError && e.status === 404)
      throw new ClusterError(`MachineConfig ${name} was already deleted by someone else; nothing to roll back.`, 'not-found', 404);
    throw e;
  }
}

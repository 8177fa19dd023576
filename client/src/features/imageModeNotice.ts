/** Apply Layered Image to Pool on a pool that builds its own image: what an osImageURL does there, asked before anything is written. */
import { window } from 'vscode';
import { plain } from '../../../common/plainText';
import type { Cluster, Obj } from '../cluster/cluster';
import { ClusterError } from '../cluster/errors';
import { moscOfPool } from '../cluster/imageMode';
import { osImageOnImageModePool } from '../cluster/oclPoolNotice';

/**
 * Before Apply Layered Image writes an osImageURL for a pool that has a MachineOSConfig: says what that
 * does on this release and asks. true to go on (also when the pool has none or image mode is not served).
 */
export async function osImageOnImageModePoolConfirmed(c: Cluster, pool: string, image: string): Promise<boolean> {
  let mosc: Obj | null;
  try {
    mosc = await moscOfPool(c, pool);
  } catch (e) {
    // Not served (before 4.18) or not readable: nothing to say, as before image mode.
    if (e instanceof ClusterError && (e.kind === 'not-found' || e.kind === 'forbidden')) return true;
    throw e;
  }
  if (!mosc) return true;
  const ok = await window.showWarningMessage(
    plain(`Pool ${pool} builds its image on the cluster.`),
    { modal: true, detail: plain(osImageOnImageModePool(await c.ocpVersion(), pool, mosc.metadata.name, image)) },
    'Apply anyway',
  );
  return ok === 'Apply anyway';
}

/** What Roll Back offers, without the editor: the MachineConfigs it may delete, in the order it lists them. */
import type { Obj } from './cluster';
import { appliedFromVsCode } from './apply';

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

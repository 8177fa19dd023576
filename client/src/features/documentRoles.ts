/**
 * Context keys from what the server made of each open document: `rhcosLayering.layeringFiles` (layering
 * Containerfiles, not application Dockerfiles) and `rhcosLayering.machineConfigFiles` (YAML with a
 * MachineConfig). Menus use them as `resourcePath in rhcosLayering.layeringFiles`; `uri` here is the document's path.
 */
import { commands } from 'vscode';
import type { DocumentRole } from '../../../common/protocol';

export function documentRoles(): { update(r: DocumentRole): void } {
  const layering = new Set<string>();
  const machineConfig = new Set<string>();
  const set = (key: string, s: Set<string>) => void commands.executeCommand('setContext', key, [...s]);
  return {
    update(r) {
      const had = [layering.has(r.uri), machineConfig.has(r.uri)];
      if (r.layeringContainerfile) layering.add(r.uri);
      else layering.delete(r.uri);
      if (r.machineConfig) machineConfig.add(r.uri);
      else machineConfig.delete(r.uri);
      if (had[0] !== r.layeringContainerfile) set('rhcosLayering.layeringFiles', layering);
      if (had[1] !== r.machineConfig) set('rhcosLayering.machineConfigFiles', machineConfig);
    },
  };
}

/** Set OpenShift Version…: a pick of the versions the rules know, written to `rhcosLayering.ocpVersion`. */
import { ConfigurationTarget, window, workspace } from 'vscode';
import type { CommandHandlers } from '../../../common/commands';
import { OCP_VERSIONS } from '../../../common/ocpVersions';

export function versionCommand() {
  return {
    async 'rhcosLayering.setOcpVersion'() {
      const config = workspace.getConfiguration('rhcosLayering');
      const current = config.get<string>('ocpVersion') ?? '';
      const items = [
        { label: 'Not set', description: "the connected cluster's version, else the newest", value: '' },
        ...[...OCP_VERSIONS].reverse().map((v) => ({ label: v, description: v === current ? 'current' : '', value: v })),
      ];
      const pick = await window.showQuickPick(items, {
        title: 'Set OpenShift Version',
        placeHolder: 'The version of the cluster the files are for (`oc get clusterversion`); version-dependent rules judge for it',
        // Run from the walkthrough, its media re-renders after the click and may take the focus: the picker stays.
        ignoreFocusOut: true,
      });
      if (!pick) return;
      // The workspace's files are for one cluster; without a workspace the user setting is all there is.
      const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
      await config.update('ocpVersion', pick.value === '' ? undefined : pick.value, target);
    },
  } satisfies Partial<CommandHandlers>;
}

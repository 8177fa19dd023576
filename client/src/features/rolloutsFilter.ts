/** Filter… / Clear Filter on the Rollouts view: the filter is kept per workspace and shown in the view's description. */
import { commands, window } from 'vscode';
import type { ExtensionContext } from 'vscode';
import type { CommandHandlers } from '../../../common/commands';
import { isActive, parseFilter, type NodeFilter } from '../cluster/nodeFilter';
import type { RolloutsView } from './rolloutsView';

const KEY = 'rhcosLayering.rolloutsFilter';

export function rolloutsFilter(context: ExtensionContext, view: () => RolloutsView) {
  const apply = async (f: NodeFilter) => {
    await context.workspaceState.update(KEY, f);
    view().setFilter(f);
    await commands.executeCommand('setContext', 'rhcosLayering.rolloutsFiltered', isActive(f));
  };
  // The filter the workspace had last time.
  const saved = parseFilter(context.workspaceState.get(KEY));
  if (isActive(saved)) void apply(saved);
  return {
    async 'rhcosLayering.filterRollouts'() {
      const current = parseFilter(context.workspaceState.get(KEY));
      const pick = await window.showQuickPick(
        [
          { label: 'Only nodes not Done', only: 'notDone' as const },
          { label: 'Only degraded nodes', only: 'degraded' as const },
          { label: 'Node name contains…', text: true as const },
        ],
        { title: 'Filter Rollouts', placeHolder: 'Pools and their counts stay; the nodes under them are filtered' },
      );
      if (!pick) return;
      if ('text' in pick) {
        const text = await window.showInputBox({ title: 'Filter Rollouts: node name contains', value: current.text ?? '' });
        if (text === undefined) return;
        return apply({ ...current, text: text.trim() || undefined });
      }
      return apply({ ...current, only: pick.only });
    },
    async 'rhcosLayering.clearRolloutsFilter'() {
      await apply({});
    },
  } satisfies Partial<CommandHandlers>;
}

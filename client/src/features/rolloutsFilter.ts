/** Filter… / Clear Filter on the Rollouts view: the filter is kept per workspace and shown in the view's description. */
import { commands } from 'vscode';
import type { ExtensionContext } from 'vscode';
import type { CommandHandlers } from '../../../common/commands';
import { isActive, parseFilter, type NodeFilter } from '../cluster/nodeFilter';
import type { RolloutsView } from './rolloutsView';
import { inputStep, pickStep, runSteps } from './wizard';

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
      let only: NodeFilter['only'] | 'text' | undefined;
      let text = current.text ?? '';
      const done = await runSteps([
        async () => {
          const v = await pickStep<NodeFilter['only'] | 'text'>({
            title: 'Filter Rollouts',
            step: 1,
            total: 2,
            back: false,
            placeholder: 'Pools and their counts stay; the nodes under them are filtered',
            active: only,
            items: [
              { label: 'Only nodes not Done', value: 'notDone' },
              { label: 'Only degraded nodes', value: 'degraded' },
              { label: 'Node name contains…', value: 'text' },
            ],
          });
          if (v !== undefined && typeof v !== 'symbol') only = v;
          return v;
        },
        async () => {
          if (only !== 'text') return true;
          const v = await inputStep({
            title: 'Filter Rollouts: node name contains',
            step: 2,
            total: 2,
            back: true,
            prompt: 'Part of a node name; empty shows every node',
            value: text,
            validate: () => null,
            keep: (x) => (text = x),
          });
          if (typeof v === 'string') text = v;
          return v;
        },
      ]);
      if (!done) return;
      if (only === 'text') return apply({ ...current, text: text.trim() || undefined });
      return apply({ ...current, only });
    },
    async 'rhcosLayering.clearRolloutsFilter'() {
      await apply({});
    },
  } satisfies Partial<CommandHandlers>;
}

/**
 * Everything behind the commands, the task type and the Rollouts view. Bundled as dist/features.js
 * and loaded on the first use, so activation stays cheap.
 */
import { workspace } from 'vscode';
import type { ExtensionContext, Task, WorkspaceFolder } from 'vscode';
import { registerBuildCommands } from './buildCommands';
import { makeTask } from './buildTask';
import type { BuildTaskDefinition } from './buildTask';

export interface Features {
  commands: Record<string, (...args: unknown[]) => Promise<unknown>>;
  provideTasks(): Task[];
  resolveTask(task: Task): Task | undefined;
}

export function init(context: ExtensionContext): Features {
  const commands = { ...registerBuildCommands(context) };
  return {
    commands,
    provideTasks() {
      // One task per Containerfile that has been built from the command, with its remembered tag.
      const out: Task[] = [];
      for (const key of context.workspaceState.keys()) {
        if (!key.startsWith('tag:')) continue;
        const file = key.slice(4);
        const folder = workspace.workspaceFolders?.find((f) => file.startsWith(f.uri.fsPath + '/'));
        const tag = context.workspaceState.get<string>(key)!;
        out.push(makeTask({ type: 'rhcos-layering-build', action: 'build', containerfile: folder ? file.slice(folder.uri.fsPath.length + 1) : file, tag }, folder));
      }
      return out;
    },
    resolveTask(task: Task) {
      const def = task.definition as BuildTaskDefinition;
      if (!def.tag) return undefined;
      return makeTask(def, typeof task.scope === 'object' ? (task.scope as WorkspaceFolder) : undefined);
    },
  };
}

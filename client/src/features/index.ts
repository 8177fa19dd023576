/**
 * Everything behind the commands, the task type and the Rollouts view. Bundled as dist/features.js
 * and loaded on first use, so activation stays cheap; @kubernetes/client-node loads later still,
 * on the first cluster call.
 */
import { workspace } from 'vscode';
import type { EventEmitter, ExtensionContext, OutputChannel, Task, TreeItem } from 'vscode';
import { TASK_TYPE } from '../../../common/commands';
import type { CommandHandlers } from '../../../common/commands';
import { registerBuildCommands } from './buildCommands';
import { makeTask } from './buildTask';
import type { BuildTaskDefinition } from './buildTask';
import { Connection } from './clusterConnection';
import type { ClusterFacts } from '../../../common/protocol';
import { RolloutsView } from './rolloutsView';
import type { Element, RolloutSummary } from './rolloutsView';
import { clusterCommands } from './clusterCommands';
import { ClusterDocuments, clusterDocumentCommands } from './clusterDocuments';
import { ApplyCodeLens } from './applyCodeLens';
import { versionCommand } from './versionCommand';
import { rolloutsFilter } from './rolloutsFilter';
import { setOutput } from './notify';

export type { Element, RolloutSummary };

export interface Features {
  commands: CommandHandlers;
  provideTasks(): Task[];
  resolveTask(task: Task): Task | undefined;
  rollouts: { getChildren(e?: Element): Promise<Element[]>; getTreeItem(e: Element): TreeItem };
  /** Connects (no watches) so the cluster-aware rules and the status bar have the cluster from the first file. */
  connectInBackground(): void;
}

export interface Host {
  /** Sends the connected cluster's facts to the language server. */
  sendFacts: (f: ClusterFacts | null) => void;
  treeChanged: EventEmitter<Element | Element[] | undefined | void>;
  /** The "RHCOS Layering" output channel (also the language client's). */
  output: OutputChannel;
  /** Shows the Rollouts summary on the view: a badge with the nodes not Done, the context as description. */
  rolloutSummary: (s: RolloutSummary) => void;
}

export function init(context: ExtensionContext, host: Host): Features {
  setOutput(host.output);
  const connection = new Connection(context, host.sendFacts);
  const view = new RolloutsView(connection, host.treeChanged, host.rolloutSummary);
  const docs = new ClusterDocuments(connection);
  context.subscriptions.push(view, docs, new ApplyCodeLens(connection, () => view, host.treeChanged.event));
  const commands: CommandHandlers = {
    ...registerBuildCommands(context),
    ...clusterCommands(context, connection, () => view),
    ...versionCommand(),
    ...rolloutsFilter(context, () => view),
    ...clusterDocumentCommands(docs),
  };
  return {
    commands,
    rollouts: { getChildren: (e) => view.getChildren(e), getTreeItem: (e) => view.getTreeItem(e) },
    connectInBackground() {
      // A failure is shown by the status bar item; the commands and the view ask again when used.
      connection.get().catch(() => undefined);
    },
    provideTasks() {
      // One task per Containerfile built from the command, with its remembered tag.
      const out: Task[] = [];
      for (const key of context.workspaceState.keys()) {
        if (!key.startsWith('tag:')) continue;
        const file = key.slice(4);
        const folder = workspace.workspaceFolders?.find((f) => file.startsWith(f.uri.fsPath + '/'));
        const tag = context.workspaceState.get<string>(key)!;
        out.push(
          makeTask(
            { type: TASK_TYPE, action: 'build', containerfile: folder ? file.slice(folder.uri.fsPath.length + 1) : file, tag },
            folder,
          ),
        );
      }
      return out;
    },
    resolveTask(task: Task) {
      const def = task.definition as BuildTaskDefinition;
      if (!def.tag) return undefined;
      return makeTask(def, typeof task.scope === 'object' ? task.scope : undefined);
    },
  };
}

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
import type { Element, RolloutSummary, RolloutsUi } from './rolloutsView';
import { loginCommands } from './login';
import { clusterCommands } from './clusterCommands';
import { ClusterDocuments, clusterDocumentCommands } from './clusterDocuments';
import { ApplyCodeLens } from './applyCodeLens';
import { versionCommand } from './versionCommand';
import { ruleDocs } from './ruleDocs';
import { rolloutsFilter } from './rolloutsFilter';
import { setOutput } from './notify';
import { BUILD_SCHEME, buildLogCommands, generatedContent } from './buildLogView';
import { buildDiagnostics } from './buildDiagnostics';
import { imageModeCommands } from './imageModeCommands';
import { registerReviewDocuments } from './reviewDocuments';
import { explainCommands } from './explainCommands';
import { PlanReview } from './planReview';
import { prepullCommands } from './prepullCommand';

export type { Element, RolloutSummary };

export interface Features {
  commands: CommandHandlers;
  provideTasks(): Task[];
  resolveTask(task: Task): Task | undefined;
  rollouts: {
    getChildren(e?: Element): Promise<Element[]>;
    getTreeItem(e: Element): TreeItem;
    getParent(e: Element): Element | undefined;
    /** A node's Events timeline, fetched when its tooltip is about to show. */
    resolveTreeItem(item: TreeItem, e: Element): Promise<TreeItem>;
  };
  /**
   * Connects (no watches) so the cluster-aware rules and the status bar have the cluster from the
   * first file; resolves once connected or failed (never rejects).
   */
  connectInBackground(): Promise<void>;
}

export interface Host {
  /** Sends the connected cluster's facts to the language server. */
  sendFacts: (f: ClusterFacts | null) => void;
  treeChanged: EventEmitter<Element | Element[] | undefined | void>;
  /** The "RHCOS Layering" output channel (also the language client's). */
  output: OutputChannel;
  /** Shows the Rollouts summary on the view: a badge with the nodes not Done, the context as description. */
  rolloutSummary: (s: RolloutSummary) => void;
  /** The view's message line and reveal. */
  rolloutsUi: RolloutsUi;
}

export function init(context: ExtensionContext, host: Host): Features {
  setOutput(host.output);
  const connection = new Connection(context, host.sendFacts);
  const view = new RolloutsView(connection, host.treeChanged, host.rolloutSummary, host.rolloutsUi);
  const explain = explainCommands(context, connection, () => view);
  const review = new PlanReview(context);
  const docs = new ClusterDocuments(connection);
  context.subscriptions.push(view, explain, docs, new ApplyCodeLens(connection, () => view, host.treeChanged.event));
  context.subscriptions.push(workspace.registerTextDocumentContentProvider(BUILD_SCHEME, generatedContent(connection)), buildDiagnostics());
  context.subscriptions.push(registerReviewDocuments());
  const commands: CommandHandlers = {
    ...registerBuildCommands(context),
    ...clusterCommands(
      context,
      connection,
      () => view,
      () => review,
    ),
    ...versionCommand(),
    ...ruleDocs(context),
    ...rolloutsFilter(context, () => view),
    ...buildLogCommands(context, connection, () => view),
    ...imageModeCommands(context, connection),
    ...explain.handlers,
    ...loginCommands(connection, host.output),
    ...clusterDocumentCommands(docs),
    ...prepullCommands(context, connection, () => view),
  };
  return {
    commands,
    rollouts: {
      getChildren: (e) => view.getChildren(e),
      getTreeItem: (e) => view.getTreeItem(e),
      getParent: (e) => view.getParent(e),
      resolveTreeItem: (item, e) => view.resolveTreeItem(item, e),
    },
    connectInBackground() {
      // A failure is shown by the status bar item; the commands and the view ask again when used.
      return connection.get().then(
        () => undefined,
        () => undefined,
      );
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

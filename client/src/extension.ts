/**
 * VS Code glue. Activation only schedules the language client (dist/lspClient.js, loaded on the
 * next tick) and registers thin stand-ins for the commands, the task type and the Rollouts view;
 * their code (dist/features.js) loads on first use. All linting lives in the server.
 */
import * as path from 'node:path';
import * as os from 'node:os';
import { appendFile, existsSync } from 'node:fs';
import { commands, EventEmitter, tasks, window, workspace } from 'vscode';
import type { ExtensionContext, LogOutputChannel, TreeView } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Element, Features, Host } from './features/index';
import { COMMANDS, ROLLOUTS_VIEW, TASK_TYPE } from '../../common/commands';
import { registerYamlSchemasWhenYamlOpens } from './features/yamlSchemas';
import { mark } from './cluster/marks';

declare const __rhcosLoadStart: number | undefined;
let lsp: typeof import('./lspClient') | undefined;
let client: LanguageClient | undefined;
let features: Features | undefined;
const treeChanged = new EventEmitter<Element | Element[] | undefined | void>();
/** One "RHCOS Layering" channel: the language client's log, and every error the commands show. */
let output: LogOutputChannel | undefined;
let rollouts: TreeView<Element> | undefined;
/** The Rollouts message line: the view's state (read-only, disconnected), then the filter in effect. */
const viewMessage = { state: '', filter: '', shown: '' };
function showViewMessage(): void {
  const text = [viewMessage.state, viewMessage.filter].filter(Boolean).join(' ');
  if (!rollouts || text === viewMessage.shown) return;
  viewMessage.shown = text;
  rollouts.message = text || undefined;
}
let lastFacts: Parameters<Host['sendFacts']>[0] | undefined;
/** Resolves once the Rollouts view has had its pools (or its welcome state) the first time. */
let rootAnswered: () => void = () => undefined;
const firstAnswer = new Promise<void>((resolve) => (rootAnswered = resolve));
/** Languages the server lints: with one of their documents open, the language client starts first. */
const LINTED = new Set(['dockerfile', 'yaml']);
/** With the Rollouts view first, an open linted document's client waits for the view's first answer at most this long. */
const LSP_DEFER_MS = 3000;
/** With the Rollouts view first and no linted document open (nothing to lint yet), the client waits at most this long. */
const LSP_IDLE_MS = 10_000;

function load(context: ExtensionContext): Features {
  if (!features) mark('features-load');
  // A runtime path keeps the feature code out of this bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path keeps features.js out of this bundle, and activation stays synchronous
  features ??= (require(path.join(__dirname, 'features.js')) as typeof import('./features/index')).init(context, {
    sendFacts: (f) => {
      // Facts found before the language client starts (the cluster connected first) go with its start.
      lastFacts = f;
      if (lsp && client) void lsp.sendClusterFacts(client, f).catch(() => undefined);
    },
    treeChanged,
    output: output!,
    rolloutSummary: (s) => {
      if (!rollouts) return;
      rollouts.badge = s.notDone ? { value: s.notDone, tooltip: `${s.notDone} of ${s.nodes} nodes not Done` } : undefined;
      rollouts.description = [s.context, s.filter, s.readOnly ? 'read-only' : ''].filter(Boolean).join(' · ');
      // While Rollouts is the only view of its container VS Code does not show the description: the message line says the filter.
      viewMessage.filter = s.filter ? `F${s.filter.slice(1)} (Clear Rollouts Filter shows every node).` : '';
      showViewMessage();
    },
    rolloutsUi: {
      message: (m) => {
        viewMessage.state = m ?? '';
        showViewMessage();
      },
      reveal: (e) => rollouts?.reveal(e, { select: true, focus: true, expand: true }) ?? Promise.resolve(),
    },
  });
  mark('features-loaded');
  return features;
}

export function activate(context: ExtensionContext): void {
  const activateStart = performance.now();
  mark('activate');
  output = window.createOutputChannel('RHCOS Layering', { log: true });
  context.subscriptions.push(output);
  let activateMs = NaN;
  for (const id of COMMANDS) {
    context.subscriptions.push(commands.registerCommand(id, (...args: unknown[]) => load(context).commands[id](...args)));
  }
  rollouts = window.createTreeView<Element>(ROLLOUTS_VIEW, {
    treeDataProvider: {
      onDidChangeTreeData: treeChanged.event,
      getChildren: async (e?: Element) => {
        if (e) return load(context).rollouts.getChildren(e);
        mark('view-asked');
        try {
          return await load(context).rollouts.getChildren();
        } finally {
          rootAnswered();
        }
      },
      getTreeItem: (e: Element) => load(context).rollouts.getTreeItem(e),
      resolveTreeItem: (item, e: Element) => load(context).rollouts.resolveTreeItem(item, e),
      getParent: (e: Element) => load(context).rollouts.getParent(e),
    },
    showCollapseAll: true,
  });
  context.subscriptions.push(rollouts);
  context.subscriptions.push(
    tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => load(context).provideTasks(),
      resolveTask: (t) => load(context).resolveTask(t),
    }),
  );
  // The Rollouts view first when no linted document is open (the view, a restored one included, or a
  // command activated us) or when the view is showing: its first paint then waits neither for the
  // language client nor for the server process it starts, which follow once the view has answered
  // (its pools, or its welcome state). An open linted document waits LSP_DEFER_MS at most for it; with
  // none open nothing waits, and the client comes after LSP_IDLE_MS at the latest, or at once when a
  // linted document opens while the view is hidden. Otherwise the language client first, as the open
  // file's diagnostics are what the user waits for.
  const cluster = workspace.isTrusted && kubeconfigGiven();
  setImmediate(() => {
    const linted = workspace.textDocuments.some((d) => LINTED.has(d.languageId));
    if (linted && !rollouts?.visible) return startLanguageClient(context, activateStart, activateMs, cluster);
    let started = false;
    let due = Date.now() + (linted ? LSP_DEFER_MS : LSP_IDLE_MS);
    let timer = setTimeout(() => start(), due - Date.now());
    const opened = workspace.onDidOpenTextDocument((d) => {
      if (!LINTED.has(d.languageId) || started) return;
      if (!rollouts?.visible) return start();
      // Its diagnostics wait for the view's first answer no longer than an open document's would.
      if (due <= Date.now() + LSP_DEFER_MS) return;
      due = Date.now() + LSP_DEFER_MS;
      clearTimeout(timer);
      timer = setTimeout(() => start(), LSP_DEFER_MS);
    });
    const stop = () => {
      started = true;
      clearTimeout(timer);
      opened.dispose();
    };
    const start = () => {
      if (started) return;
      stop();
      startLanguageClient(context, activateStart, activateMs, false);
    };
    context.subscriptions.push({ dispose: stop });
    void firstAnswer.then(() => setImmediate(start));
    // The connection warms up meanwhile (the status bar, and the facts the client gets when it starts).
    if (cluster)
      void load(context)
        .connectInBackground()
        .then(() => mark('background-connected'));
  });
  activateMs = performance.now() - activateStart;
}

function startLanguageClient(context: ExtensionContext, activateStart: number, activateMs: number, connect: boolean): void {
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path keeps lspClient.js (and vscode-languageclient) out of this bundle
  lsp = require(path.join(__dirname, 'lspClient.js')) as typeof import('./lspClient');
  client = lsp.startClient(context, output!);
  mark('lsp-started');
  if (lastFacts !== undefined) void lsp.sendClusterFacts(client, lastFacts).catch(() => undefined);
  const t = {
    loadMs: round(typeof __rhcosLoadStart === 'number' ? activateStart - __rhcosLoadStart : NaN),
    activateMs: round(activateMs),
    clientLoadMs: round(performance.now() - started),
  };
  client.outputChannel.appendLine(
    `activation: loading ${t.loadMs} ms, activate() ${t.activateMs} ms; language client loaded after activation in ${t.clientLoadMs} ms`,
  );
  const file = process.env.RHCOS_LAYERING_TIMING_FILE;
  if (file) appendFile(file, JSON.stringify(t) + '\n', () => undefined);
  // The cluster-aware rules and the status bar from the first file, not only once the Rollouts view
  // is opened: connect after activation when there is a kubeconfig to use. Never in Restricted Mode.
  if (connect) void load(context).connectInBackground();
  // The MachineConfig/pool/MachineOSConfig schemas for vscode-yaml by content, when it is installed.
  context.subscriptions.push(registerYamlSchemasWhenYamlOpens(context.extensionPath));
}

/** A kubeconfig as kubectl would find one: the setting, KUBECONFIG, or ~/.kube/config. */
function kubeconfigGiven(): boolean {
  if (workspace.getConfiguration('rhcosLayering').get<string>('kubeconfig')) return true;
  if (process.env.KUBECONFIG?.split(path.delimiter).some((p) => p && existsSync(p))) return true;
  return existsSync(path.join(os.homedir(), '.kube', 'config'));
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

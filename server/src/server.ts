#!/usr/bin/env node
/**
 * The RHCOS Layering language server. Owns the connection, the open documents and the settings;
 * all judgement is in the engine (./engine/lint).
 * Usage: rhcos-layering-ls --stdio
 */
import './heap';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CodeActionKind,
  CompletionItemKind,
  MarkupKind,
  NotificationType,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver/node';
import type { CancellationToken } from 'vscode-languageserver/node';
import type { Diagnostic as LspDiagnostic, CodeAction, InitializeError, InitializeResult } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind, lint, ruleById } from './lint';
import type { ClusterFacts, Diagnostic, DocumentKind, Fix, LintOptions, Severity } from './core/types';
import { VERSION } from '../../common/version';
import { ASSUMED_OCP, formatVersion } from './core/version';
import {
  ClusterFactsNotification,
  DocumentRoleNotification,
  ServerStatusNotification,
  type DocumentRole,
  type ParamsOf,
  type ServerStatus,
} from '../../common/protocol';
import { LINT_SOURCE } from '../../common/commands';
import { languageService, type VersionInEffect } from './service/languageService';
import { suppressionFix } from './service/suppressFix';
import { schemaGivenToYamlExtension } from './machineconfig/schemaFiles';
import { WorkspaceIndex } from './workspaceIndex';
import { workerFactsReader } from './indexWorkerClient';
import { releaseCacheOwner, withCacheOwner } from './core/memo';
import { FileChangeType } from 'vscode-languageserver/node';
import { decodeUri, DocumentStore, documentUri, isPosition, isRange, type Refused } from './documentStore';

if (process.argv.includes('--version')) {
  process.stdout.write('rhcos-layering-ls 0.1.0\n');
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: rhcos-layering-ls --stdio\nThe RHCOS Layering language server, speaking LSP over stdin/stdout.\n');
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
const documents = new DocumentStore();
const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const docsUri = (id: string) => pathToFileURL(path.join(docsDir, `${id}.md`)).toString();

let settings: LintOptions = {};
/** Facts from the cluster the client is connected to (notification rhcosLayering/clusterFacts); null when none. */
let cluster: ClusterFacts | null = null;
let pullConfiguration = false;
/** The client's command that opens a rule's page (initializationOptions.ruleDocCommand); none: no such action. */
let ruleDocCommand: string | undefined;
/** redhat.vscode-yaml is active in the client: it validates files matching our yamlValidation globs itself. */
let yamlExtensionActive = false;
const lastResults = new Map<string, Diagnostic[]>();
const loggedFailures = new Set<string>();
let workspace = new WorkspaceIndex([]);
const factTimers = new Map<string, NodeJS.Timeout>();

function filePath(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

/** new until initialize, running until shutdown (LSP: requests before initialize and after shutdown are errors). */
let state: 'new' | 'running' | 'shutdown' = 'new';

/** A request handler that answers as the specification says outside `running` and when cancelled before it starts. */
function guarded<P, R>(handler: (params: P, token: CancellationToken) => R): (params: P, token: CancellationToken) => R | ResponseError {
  return (params, token) => {
    if (state === 'new') return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized');
    if (state === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return handler(params, token);
  };
}

connection.onShutdown(() => {
  if (state === 'new') return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized');
  if (state === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'shutdown was already received');
  state = 'shutdown';
  dirty.clear();
  return undefined;
});

// Requests nobody handles: the lifecycle errors first, then MethodNotFound.
connection.onRequest((method) => {
  if (state === 'new') return new ResponseError(ErrorCodes.ServerNotInitialized, 'the server has not been initialized');
  if (state === 'shutdown') return new ResponseError(ErrorCodes.InvalidRequest, 'the server is shutting down');
  return new ResponseError(ErrorCodes.MethodNotFound, `unhandled method ${method}`);
});

connection.onInitialize((params): InitializeResult | ResponseError<InitializeError> => {
  if (state !== 'new') return new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received', { retry: false });
  state = 'running';
  pullConfiguration = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as
    { settings?: LintOptions; yamlExtensionActive?: boolean; ruleDocCommand?: unknown } | undefined;
  if (init?.settings) settings = normalize(init.settings);
  // A client that names a command for rule pages gets a "Show documentation for <rule>" action on each finding.
  ruleDocCommand = typeof init?.ruleDocCommand === 'string' && init.ruleDocCommand.length <= 200 ? init.ruleDocCommand : undefined;
  yamlExtensionActive = init?.yamlExtensionActive === true;
  const roots = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((p): p is string => !!p);
  if (roots.length === 0 && params.rootUri) {
    const r = filePath(params.rootUri);
    if (r) roots.push(r);
  }
  // Workspace files are parsed for facts in a worker thread: never on the path of a keystroke.
  workspace = new WorkspaceIndex(roots, workerFactsReader(path.join(__dirname, 'indexWorker.js')), lintIdle);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', '-', ':'] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'rhcos-layering-ls', version: VERSION },
  };
});

connection.onInitialized(async () => {
  if (pullConfiguration) await refreshSettings();
  // Cross-file rules need the other files; scanning does not hold up the first diagnostics: it starts once the
  // documents the editor opened at start are linted, and parses in a worker thread (indexWorkerClient.ts).
  indexing = true;
  sendStatus();
  whenLintIdle(() => {
    void workspace
      .scan()
      .finally(() => {
        indexing = false;
        sendStatus();
      })
      // Facts from disk can change what the open documents get; a scan that read no file changes nothing (and a
      // second lint of a rendered MachineConfig just opened would hold up its first keystroke).
      .then((read) => read > 0 && documents.all().forEach(schedule));
  });
});

/** Runs `work` once no lint is pending (checked every 50 ms, from 100 ms on: the editor's first didOpens come right after initialized). */
function whenLintIdle(work: () => void): void {
  const check = () => (dirty.size === 0 && !draining && !scheduled ? work() : setTimeout(check, 50));
  setTimeout(check, 100);
}

/** A YAML document of kind MachineConfig (a line `kind: MachineConfig`, as `oc` writes it). */
const MACHINE_CONFIG_DOC = /^kind:[ \t]*["']?MachineConfig["']?[ \t]*$/m;
const roleType = new NotificationType<DocumentRole>(DocumentRoleNotification.method);
const lastRoles = new Map<string, string>();

/** Tells the client what a document is, when that changed (its context keys follow). */
function sendRole(role: DocumentRole): void {
  const key = `${role.layeringContainerfile}/${role.machineConfig}`;
  if (lastRoles.get(role.uri) === key) return;
  if (key === 'false/false' && !lastRoles.has(role.uri)) return;
  lastRoles.set(role.uri, key);
  void connection.sendNotification(roleType, role);
}

/** The workspace scan for cross-file facts is running (the status item shows it busy). */
let indexing = false;
let lastStatus = '';
const statusType = new NotificationType<ServerStatus>(ServerStatusNotification.method);

/** Tells the client what its language status item shows, when that changed. */
function sendStatus(): void {
  const v = versionInEffect();
  const status: ServerStatus = {
    ocpVersion: v.from === 'none' ? formatVersion(ASSUMED_OCP) : v.version,
    from: v.from === 'none' ? 'assumed' : v.from,
    context: cluster?.context ?? null,
    indexing,
  };
  const key = JSON.stringify(status);
  if (key === lastStatus || state !== 'running') return;
  lastStatus = key;
  void connection.sendNotification(statusType, status);
}

connection.onDidChangeWatchedFiles(async (params) => {
  for (const c of params.changes) {
    const p = filePath(c.uri);
    if (!p) continue;
    if (c.type === FileChangeType.Deleted) workspace.deleted(p);
    else await workspace.readFile(p);
  }
  documents.all().forEach(schedule);
});

/** After typing stops, refresh this document's facts; if they changed, the other documents are linted again. */
function scheduleFacts(doc: TextDocument): void {
  const p = filePath(doc.uri);
  if (!p) return;
  clearTimeout(factTimers.get(doc.uri));
  factTimers.set(
    doc.uri,
    setTimeout(() => {
      factTimers.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current) return;
      // Containerfiles read the MachineConfigs' facts; YAML documents read both kinds.
      const changed = workspace.setOpen(p, current.getText());
      for (const d of documents.all()) {
        if (d.uri === doc.uri) continue;
        const reads = kindOf(d) === 'containerfile' ? changed.machineConfigs : changed.machineConfigs || changed.containerfileRpms;
        if (reads) schedule(d);
      }
    }, 500),
  );
}

connection.onDidChangeConfiguration(async (change) => {
  if (pullConfiguration) await refreshSettings();
  else {
    const s = (change.settings as { rhcosLayering?: LintOptions } | undefined)?.rhcosLayering;
    if (s) settings = normalize(s);
  }
  sendStatus();
  for (const doc of documents.all()) schedule(doc);
});

connection.onNotification(new NotificationType<ParamsOf<typeof ClusterFactsNotification>>(ClusterFactsNotification.method), (facts) => {
  cluster =
    facts && typeof facts.context === 'string'
      ? {
          context: facts.context,
          baseImage: typeof facts.baseImage === 'string' ? facts.baseImage : undefined,
          ocpVersion: typeof facts.ocpVersion === 'string' && /^\d+\.\d+$/.test(facts.ocpVersion) ? facts.ocpVersion : undefined,
          pools: Array.isArray(facts.pools) ? facts.pools.filter((p): p is string => typeof p === 'string') : undefined,
        }
      : null;
  sendStatus();
  for (const doc of documents.all()) schedule(doc);
});

async function refreshSettings(): Promise<void> {
  try {
    const s = (await connection.workspace.getConfiguration({ section: 'rhcosLayering' })) as LintOptions | null;
    if (s) settings = normalize(s);
  } catch {
    // The client could not answer; keep the settings we have.
  }
}

function normalize(s: LintOptions): LintOptions {
  const rules: Record<string, Severity | 'off'> = {};
  for (const [id, v] of Object.entries(s.rules ?? {})) if (['off', 'info', 'warning', 'error'].includes(v)) rules[id] = v;
  return { ocpVersion: typeof s.ocpVersion === 'string' ? s.ocpVersion : undefined, rules };
}

/** The version the rules read, and where it came from, as `validate` passes it (the setting wins over the cluster). */
function versionInEffect(): VersionInEffect {
  if (settings.ocpVersion) return { from: 'setting', version: settings.ocpVersion };
  if (cluster?.ocpVersion) return { from: 'cluster', version: cluster.ocpVersion, context: cluster.context };
  return { from: 'none' };
}

function kindOf(doc: TextDocument): DocumentKind | null {
  if (doc.languageId === 'dockerfile' || doc.languageId === 'containerfile') return 'containerfile';
  if (doc.languageId === 'yaml') return 'yaml';
  return detectKind(decodeUri(doc.uri) ?? '');
}

/**
 * Lint scheduling: a change marks its document dirty; once the document messages already queued are handled (or
 * MAX_WAIT_MS after the first, while they go on) the dirty documents are linted one at a time at their newest
 * version, yielding to the message queue between documents so that requests are answered meanwhile. No timer:
 * a fixed debounce (it was 8 ms) is added to every keystroke's diagnostics, while a burst of edits arrives in
 * consecutive turns of the event loop and is coalesced by drainAfterQueue all the same.
 */
const MAX_WAIT_MS = 250;
const dirty = new Set<string>();
/** A drain is scheduled (drainAfterQueue is waiting for the queue to empty). */
let scheduled = false;
let firstDirty = 0;
let draining = false;

function schedule(doc: TextDocument): void {
  if (dirty.size === 0) firstDirty = Date.now();
  dirty.add(doc.uri);
  if (draining || scheduled) return;
  scheduled = true;
  drainAfterQueue(firstDirty);
}

function drain(): void {
  scheduled = false;
  const next = dirty.values().next();
  if (next.done) {
    draining = false;
    return;
  }
  draining = true;
  const uri = next.value;
  dirty.delete(uri);
  const current = documents.get(uri);
  if (current) {
    try {
      validate(current);
    } catch (e) {
      connection.console.error(`linting ${current.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  if (dirty.size === 0) {
    draining = false;
    return;
  }
  // Let queued messages (newer edits, requests, cancellations) in before the next document.
  drainAfterQueue();
}

/**
 * The workspace scan reads its next file only once no lint is pending and no document message came for
 * SCAN_QUIET_MS: while the user types, the index worker does not take the core a keystroke's lint needs (issue 16).
 */
const SCAN_QUIET_MS = 300;
let quietSeen = -1;
let quietSince = 0;

/** Resolves once no lint is pending or running and the documents have been quiet for SCAN_QUIET_MS. */
function lintIdle(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (documentMessages !== quietSeen) {
        quietSeen = documentMessages;
        quietSince = Date.now();
      }
      const idle = dirty.size === 0 && !draining && !scheduled;
      if (idle && Date.now() - quietSince >= SCAN_QUIET_MS) resolve();
      else setTimeout(check, 50);
    };
    check();
  });
}

/** didOpen/didChange/didClose handled so far: how drainAfterQueue sees that messages are still queued. */
let documentMessages = 0;

/**
 * Calls drain once the queued document messages are handled. vscode-jsonrpc handles one message per
 * setImmediate, so draining on the next setImmediate linted once per queued edit: 1,000 edits of a
 * 2,000-line file sent faster than it lints made 1,000 lints of stale versions (10 s stalls in the
 * long-session bench). Waits while each turn brought a document message, at most MAX_WAIT_MS.
 */
function drainAfterQueue(since = Date.now()): void {
  const seen = documentMessages;
  // Two turns: the handler that scheduled us runs before vscode-jsonrpc queues the next message's turn, so after one
  // turn that message has not been handled yet.
  setImmediate(() =>
    setImmediate(() => (documentMessages === seen || Date.now() - since > MAX_WAIT_MS ? drain() : drainAfterQueue(since))),
  );
}

function validate(doc: TextDocument): void {
  const kind = kindOf(doc);
  if (!kind) return;
  const uriPath = decodeUri(doc.uri) ?? '';
  const elsewhere = kind === 'yaml' && yamlExtensionActive && schemaGivenToYamlExtension(uriPath, doc.getText());
  const file = filePath(doc.uri);
  const options: LintOptions = {
    ...settings,
    ...(elsewhere ? { schemaValidatedElsewhere: true } : {}),
    ...(file ? { workspace: workspace.factsFor(file) } : {}),
    // The connected cluster's version counts when the setting does not name one.
    ...(cluster ? { cluster, ocpVersion: settings.ocpVersion || cluster.ocpVersion } : {}),
  };
  // The parse caches note what this document uses, to drop it when the document is closed.
  const result = withCacheOwner(doc.uri, () => lint(doc.getText(), kind, options));
  for (const f of result.failures) {
    if (loggedFailures.has(f.ruleId)) continue;
    loggedFailures.add(f.ruleId);
    connection.console.error(`rule ${f.ruleId} failed and was skipped: ${f.error}`);
  }
  lastResults.set(doc.uri, result.diagnostics);
  sendRole({
    uri: doc.uri,
    layeringContainerfile: kind === 'containerfile' && !result.application,
    machineConfig: kind === 'yaml' && MACHINE_CONFIG_DOC.test(doc.getText()),
  });
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: result.diagnostics.map(toLsp) });
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

function toLsp(d: Diagnostic): LspDiagnostic {
  // file-too-large and lint-incomplete are no rules: no page, no suppression.
  const known = ruleById.has(d.ruleId);
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    ...(known ? { codeDescription: { href: docsUri(d.ruleId) } } : {}),
    source: LINT_SOURCE,
    message: d.message,
    data: { ruleId: d.ruleId, fixes: d.fixes, anchorLine: d.anchorLine },
  };
}

const refused = (r: unknown): r is Refused => typeof r === 'object' && r !== null && 'refused' in r;
const refuse = (r: Refused) => connection.console.warn(`refused: ${r.refused}`);

connection.onDidOpenTextDocument((params) => {
  if (state !== 'running') return;
  documentMessages++;
  const doc = documents.open(params);
  if (refused(doc)) return refuse(doc);
  schedule(doc);
  scheduleFacts(doc);
});
connection.onDidChangeTextDocument((params) => {
  if (state !== 'running') return;
  documentMessages++;
  const doc = documents.change(params);
  if (refused(doc)) return refuse(doc);
  schedule(doc);
  scheduleFacts(doc);
});
connection.onDidCloseTextDocument((params) => {
  if (state !== 'running') return;
  documentMessages++;
  const doc = documents.close(params);
  if (refused(doc)) return refuse(doc);
  const p = filePath(doc.uri);
  if (p) {
    workspace.closed(p);
    void workspace.readFile(p);
  }
  // Nothing of a closed document is kept: its results, pending lint and facts timer, and the parse
  // cache entries (with the per-RUN caches hanging off them) that no other open document uses.
  lastResults.delete(doc.uri);
  dirty.delete(doc.uri);
  clearTimeout(factTimers.get(doc.uri));
  factTimers.delete(doc.uri);
  releaseCacheOwner(doc.uri);
  void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
  sendRole({ uri: doc.uri, layeringContainerfile: false, machineConfig: false });
  lastRoles.delete(doc.uri);
});

/** The open document and a position inside it that a request names; null when the request is malformed or points past the end. */
function target(params: unknown): { doc: TextDocument; kind: DocumentKind; position: { line: number; character: number } } | null {
  const uri = documentUri(params);
  const doc = uri === null ? undefined : documents.get(uri);
  const position = (params as { position?: unknown }).position;
  if (!doc || !isPosition(position) || position.line >= doc.lineCount) return null;
  const kind = kindOf(doc);
  return kind ? { doc, kind, position } : null;
}

connection.onHover(
  guarded((params) => {
    const t = target(params);
    if (!t) return null;
    const { doc, kind, position } = t;
    const h = languageService(kind).hover(doc.getText(), position, lastResults.get(doc.uri) ?? [], docsUri, versionInEffect());
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, ...(h.range ? { range: h.range } : {}) };
  }),
);

connection.onCompletion(
  guarded((params) => {
    const t = target(params);
    if (!t) return [];
    const { doc, kind, position } = t;
    const items = languageService(kind).complete(doc.getText(), position, settings.ocpVersion);
    return items.map((c) => ({
      label: c.label,
      kind: c.kind === 'flag' ? CompletionItemKind.Property : CompletionItemKind.Keyword,
      detail: c.detail,
      ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
    }));
  }),
);

connection.onCodeAction(
  guarded((params) => {
    const uri = documentUri(params);
    const doc = uri === null ? undefined : documents.get(uri);
    const diagnostics = (params as { context?: { diagnostics?: unknown } }).context?.diagnostics;
    if (!doc || !Array.isArray(diagnostics)) return [];
    const actions: CodeAction[] = [];
    const docShown = new Set<string>();
    const toAction = (fix: Fix, diag: LspDiagnostic, preferred: boolean): CodeAction => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      isPreferred: preferred,
      edit: { changes: { [doc.uri]: fix.edits } },
    });
    for (const diag of diagnostics as LspDiagnostic[]) {
      const data = (diag as { data?: unknown } | null)?.data as { ruleId?: unknown; fixes?: unknown; anchorLine?: unknown } | undefined;
      if (typeof data?.ruleId !== 'string') continue;
      const fixes = Array.isArray(data.fixes) ? data.fixes.filter(isFix) : [];
      fixes.forEach((f, i) => actions.push(toAction(f, diag, i === 0)));
      const anchor = data.anchorLine;
      if (
        typeof anchor === 'number' &&
        Number.isSafeInteger(anchor) &&
        anchor >= 0 &&
        anchor < doc.lineCount &&
        ruleById.has(data.ruleId)
      ) {
        actions.push(toAction(suppressionFix(doc.getText(), data.ruleId, anchor), diag, false));
      }
      if (ruleDocCommand && ruleById.has(data.ruleId) && !docShown.has(data.ruleId)) {
        docShown.add(data.ruleId);
        actions.push({
          title: `Show documentation for ${data.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          command: { title: `Show documentation for ${data.ruleId}`, command: ruleDocCommand, arguments: [data.ruleId] },
        });
      }
    }
    return actions;
  }),
);

/** A fix as the server sent it in a diagnostic's data (the client echoes it back; check before use). */
function isFix(f: unknown): f is Fix {
  const x = f as { title?: unknown; edits?: unknown } | null;
  return (
    typeof x?.title === 'string' &&
    Array.isArray(x.edits) &&
    x.edits.every((e: { range?: unknown; newText?: unknown } | null) => isRange(e?.range) && typeof e?.newText === 'string')
  );
}

connection.listen();

/**
 * Read-only YAML of cluster objects (pools, nodes, MachineConfigs rendered or not) under one scheme,
 * `rhcos-machineconfig:/<plural>/<name>.yaml` (the older `rhcos-machineconfig:/<name>.yaml` is a
 * MachineConfig). A content provider makes them read-only with no "Save?" on close; *Refresh* in the
 * editor title reads the object again; rendered-config names, a pool's source MachineConfigs and role
 * labels are links to those objects.
 */
import * as path from 'node:path';
import { DocumentLink, EventEmitter, languages, Range, Uri, window, workspace } from 'vscode';
import type { Disposable, TextDocument, TextDocumentContentProvider, DocumentLinkProvider } from 'vscode';
import { stringify } from 'yaml';
import type { Kind as ClusterKind, Obj } from '../cluster/cluster';

/** The kinds that open as read-only documents. */
type Kind = Extract<ClusterKind, 'machineconfigs' | 'machineconfigpools' | 'nodes'>;
import { objectLinks } from '../cluster/objectLinks';
import type { Connection } from './clusterConnection';
import type { CommandHandlers } from '../../../common/commands';

export const MC_SCHEME = 'rhcos-machineconfig';

const KINDS: Record<Kind, string> = { machineconfigs: 'MachineConfig', machineconfigpools: 'MachineConfigPool', nodes: 'Node' };

/** Said instead of touching a cluster in Restricted Mode: no kubeconfig is read and no credential plugin runs. */
export const RESTRICTED =
  'Restricted Mode: this workspace is not trusted, so no cluster is contacted (no kubeconfig is read, no credential plugin ' +
  'runs). Trust the workspace to use cluster commands.';

export function documentUri(kind: Kind, name: string): Uri {
  return Uri.from({ scheme: MC_SCHEME, path: `/${kind}/${name}.yaml` });
}

/** The object a document URI names; a bare `/<name>.yaml` is a MachineConfig. */
export function objectOf(uri: Uri): { kind: Kind; name: string } | undefined {
  const parts = uri.path.split('/').filter(Boolean);
  const name = path.posix.basename(uri.path, '.yaml');
  if (parts.length === 1) return { kind: 'machineconfigs', name };
  if (parts.length === 2 && parts[0]! in KINDS) return { kind: parts[0] as Kind, name };
  return undefined;
}

export class ClusterDocuments implements TextDocumentContentProvider, DocumentLinkProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations: Disposable[];

  constructor(private readonly connection: Connection) {
    this.registrations = [
      workspace.registerTextDocumentContentProvider(MC_SCHEME, this),
      languages.registerDocumentLinkProvider({ scheme: MC_SCHEME }, this),
      // Another context: every open cluster document shows the new cluster's object.
      connection.connector.onDidChange(() => this.refreshAll()),
    ];
  }

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const o = objectOf(uri);
    if (!o) return `# Not a cluster object: ${uri.path}\n`;
    const what = `${KINDS[o.kind]} ${o.name}`;
    // Any link or file can name this scheme: an untrusted workspace never gets it to run the kubeconfig's exec plugin.
    if (!workspace.isTrusted) return `# ${what}: ${RESTRICTED}\n`;
    try {
      const c = await this.connection.get();
      const obj: Obj | null = o.kind === 'nodes' ? await c.getNode(o.name) : await c.get(o.kind, o.name);
      if (!obj) return `# ${what} does not exist on ${c.context} (any more). Refresh to read it again.\n`;
      delete (obj.metadata as Record<string, unknown>)['managedFields'];
      return `# ${what} on ${c.context} (read-only; Refresh in the title bar reads it again)\n${stringify(obj)}`;
    } catch (e) {
      return `# Could not read ${what}: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }

  provideDocumentLinks(doc: TextDocument): DocumentLink[] {
    return objectLinks(doc.getText()).map((l) => {
      const link = new DocumentLink(new Range(l.line, l.start, l.line, l.end), documentUri(l.kind, l.name));
      link.tooltip = `Open ${KINDS[l.kind]} ${l.name} (read-only)`;
      return link;
    });
  }

  refresh(uri: Uri): void {
    if (uri.scheme === MC_SCHEME) this.changed.fire(uri);
  }

  refreshAll(): void {
    for (const d of workspace.textDocuments) if (d.uri.scheme === MC_SCHEME) this.changed.fire(d.uri);
  }

  /** Opens an object's document (YAML, read-only, preview). */
  async open(kind: Kind, name: string): Promise<void> {
    const doc = await workspace.openTextDocument(documentUri(kind, name));
    await window.showTextDocument(doc.languageId === 'yaml' ? doc : await languages.setTextDocumentLanguage(doc, 'yaml'), {
      preview: true,
    });
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.changed.dispose();
  }
}

/** Refresh (editor title of a cluster document) and Open YAML (pools, nodes and MachineConfigs in the Rollouts view). */
export function clusterDocumentCommands(docs: ClusterDocuments) {
  return {
    'rhcosLayering.refreshClusterDocument'(arg?: unknown) {
      const uri = arg instanceof Uri ? arg : window.activeTextEditor?.document.uri;
      if (uri) docs.refresh(uri);
    },
    async 'rhcosLayering.openClusterYaml'(el?: unknown) {
      const e = el as { kind?: string; name?: string } | undefined;
      if (!e?.name) return;
      const kind: Kind | undefined =
        e.kind === 'pool' ? 'machineconfigpools' : e.kind === 'node' ? 'nodes' : e.kind === 'mc' ? 'machineconfigs' : undefined;
      if (kind) await docs.open(kind, e.name);
    },
  } satisfies Partial<CommandHandlers>;
}

/**
 * The cluster the editor talks to: kubeconfig from the setting, KUBECONFIG or ~/.kube/config, the
 * context picked with Select Cluster Context (remembered), a status bar item that shows it, and the
 * facts the language server's cluster-aware rules need.
 */
import * as fs from 'node:fs';
import { ConfigurationTarget, QuickPickItemKind, StatusBarAlignment, ThemeColor, window, workspace } from 'vscode';
import type { ExtensionContext, QuickPickItem, StatusBarItem } from 'vscode';
import { plain } from '../../../common/plainText';
import { Cluster } from '../cluster/cluster';
import { Connector } from '../cluster/connector';
import { redact } from '../cluster/errors';
import { loadKubeconfig } from '../cluster/kubeconfig';
import { reviewAccess } from '../cluster/access';
import type { Access } from '../cluster/access';
import { showAccess } from './permissions';
import type { Source } from '../cluster/kubeconfig';
import type { ClusterFacts } from '../../../common/protocol';
import { networkSettings, onNetworkSettingsChanged, showClusterError } from './networkSettings';

/** Kubeconfig files used before (globalState), offered by Select Cluster Context. */
const KNOWN_KUBECONFIGS = 'rhcosLayering.knownKubeconfigs';

export class Connection {
  private facts: ClusterFacts | null = null;
  private readonly item: StatusBarItem;
  readonly connector = new Connector(
    () => Cluster.connect(this.source(), this.context.workspaceState.get<string>('rhcosLayering.context'), { network: networkSettings() }),
    {
      connected: (c) => {
        // Not "connected" until the server answers: a kubeconfig that loads says nothing about the server.
        this.show(`${c.context} (connecting…)`, `Waiting for ${redact(c.server)} to answer`, true);
        void this.publish(c);
        void this.review(c);
      },
      failed: (e) => this.show('no cluster', e instanceof Error ? e.message : String(e), true),
    },
  );

  constructor(
    private readonly context: ExtensionContext,
    private readonly sendFacts: (f: ClusterFacts | null) => void,
  ) {
    this.item = window.createStatusBarItem('rhcosLayering.context', StatusBarAlignment.Left, 10);
    this.item.name = 'RHCOS Layering: cluster context';
    this.item.command = 'rhcosLayering.selectContext';
    context.subscriptions.push(
      this.item,
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('rhcosLayering.kubeconfig')) this.reset();
      }),
      onNetworkSettingsChanged(() => this.reset()),
    );
  }

  source(): Source {
    const explicit = workspace.getConfiguration('rhcosLayering').get<string>('kubeconfig', '') || undefined;
    return { explicit };
  }

  /** The connection, made on first use. Errors are ClusterErrors with what to do. */
  get(): Promise<Cluster> {
    return this.connector.get();
  }

  private show(text: string, tooltip: string, problem: boolean): void {
    this.item.text = `$(${problem ? 'debug-disconnect' : 'server-environment'}) ${text}`;
    this.item.tooltip = `${tooltip}\nClick to select the cluster context.`;
    this.item.backgroundColor = problem ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  /** What the connected user may do (access reviews); undefined until they answer. */
  access: Access | undefined;
  private readonly accessListeners = new Set<() => void>();

  onAccess(listener: () => void): { dispose(): void } {
    this.accessListeners.add(listener);
    return { dispose: () => this.accessListeners.delete(listener) };
  }

  private setAccess(a: Access | undefined): void {
    this.access = a;
    showAccess(a);
    for (const l of [...this.accessListeners]) l();
  }

  private async review(c: Cluster): Promise<void> {
    const a = await reviewAccess(c).catch(() => undefined);
    if (this.connector.peek() === c) this.setAccess(a);
  }

  reset(): void {
    if (this.access) this.setAccess(undefined);
    this.facts = null;
    this.sendFacts(null);
    this.connector.reset();
  }

  /** Sends the base image, version and pools to the language server, for the cluster-aware rules. */
  private async publish(c: Cluster): Promise<void> {
    const [baseImage, ocpVersion, pools] = await Promise.all([
      c.baseImage().catch(() => undefined),
      c.ocpVersion().catch(() => null),
      c
        .list('machineconfigpools')
        .then((l) => l.items.map((p) => p.metadata.name))
        .catch(() => undefined),
    ]);
    if (this.connector.peek() !== c) return; // switched meanwhile: these facts are another cluster's
    if (pools) this.show(c.context, redact(c.server), false);
    else this.show(`${c.context} (not answering)`, `${redact(c.server)} did not answer a list of MachineConfigPools`, true);
    this.facts = {
      context: c.context,
      ...(baseImage ? { baseImage } : {}),
      ...(ocpVersion ? { ocpVersion } : {}),
      ...(pools ? { pools } : {}),
    };
    this.sendFacts(this.facts);
  }

  /** The Rollouts view saw the pools change: the server's pool-aware rule gets the new names. */
  poolsChanged(pools: string[]): void {
    if (!this.facts || JSON.stringify([...pools].sort()) === JSON.stringify([...(this.facts.pools ?? [])].sort())) return;
    this.facts = { ...this.facts, pools };
    this.sendFacts(this.facts);
  }

  /** The context chosen for this workspace, if any (else the kubeconfig's current-context). */
  contextName(): string | undefined {
    return this.context.workspaceState.get<string>('rhcosLayering.context');
  }

  /** Uses `name` (or the kubeconfig's current-context) from now on, and connects again. */
  async useContext(name: string | undefined): Promise<void> {
    await this.context.workspaceState.update('rhcosLayering.context', name);
    this.reset();
  }

  async select(): Promise<void> {
    const explicit = this.source().explicit;
    const known = this.context.globalState.get<string[]>(KNOWN_KUBECONFIGS, []).filter((f) => f !== explicit && fs.existsSync(f));
    // The kubeconfig in use (setting, KUBECONFIG or ~/.kube/config) first, then the other files used before.
    const sources: { label: string; src: Source; file?: string }[] = [
      { label: explicit ? `${explicit} (rhcosLayering.kubeconfig)` : 'KUBECONFIG or ~/.kube/config', src: this.source() },
      ...known.map((f) => ({ label: f, src: { explicit: f }, file: f })),
    ];
    type Item = QuickPickItem & { context?: string; file?: string; choose?: true };
    const items: Item[] = [];
    const current = this.context.workspaceState.get<string>('rhcosLayering.context');
    for (const [i, s] of sources.entries()) {
      items.push({ label: s.label, kind: QuickPickItemKind.Separator });
      try {
        const kc = await loadKubeconfig(s.src);
        const active = i === 0 ? (current ?? kc.currentContext) : undefined;
        for (const c of kc.contexts)
          items.push({
            label: c.name,
            description: `${c.cluster}${c.name === active ? ' (current)' : ''}`,
            detail: redact(kc.clusters.find((x) => x.name === c.cluster)?.server ?? ''),
            context: c.name,
            ...(s.file ? { file: s.file } : {}),
          });
      } catch (e) {
        items.push({ label: `$(warning) ${plain(e instanceof Error ? e.message : String(e))}` });
      }
    }
    items.push({ label: '', kind: QuickPickItemKind.Separator }, { label: '$(folder-opened) Choose a kubeconfig file…', choose: true });
    const pick = await window.showQuickPick(items, {
      title: 'Select Cluster Context',
      placeHolder: 'The context whose cluster the extension watches and applies to (remembered for this workspace)',
    });
    if (!pick) return;
    if (pick.choose) {
      const uri = await window.showOpenDialog({ canSelectMany: false, openLabel: 'Use this kubeconfig', title: 'A kubeconfig file' });
      if (!uri?.[0]) return;
      await this.remember(uri[0].fsPath);
      return this.select();
    }
    if (!pick.context) return;
    if (pick.file) {
      // Another kubeconfig: it becomes the one in use (machine-scoped setting), and the one left is remembered.
      if (explicit) await this.remember(explicit);
      await workspace.getConfiguration('rhcosLayering').update('kubeconfig', pick.file, ConfigurationTarget.Global);
    }
    await this.context.workspaceState.update('rhcosLayering.context', pick.context);
    this.reset();
    try {
      await this.get();
    } catch (e) {
      void showClusterError(e);
    }
  }

  private async remember(file: string): Promise<void> {
    const list = this.context.globalState.get<string[]>(KNOWN_KUBECONFIGS, []).filter((f) => f !== file);
    await this.context.globalState.update(KNOWN_KUBECONFIGS, [file, ...list].slice(0, 10));
  }
}

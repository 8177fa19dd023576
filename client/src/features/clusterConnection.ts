/**
 * The cluster the editor talks to: kubeconfig from the setting, KUBECONFIG or ~/.kube/config, the
 * context picked with Select Cluster Context (remembered), a status bar item that shows it, and the
 * facts the language server's cluster-aware rules need.
 */
import { StatusBarAlignment, ThemeColor, window, workspace } from 'vscode';
import { showError } from './notify';
import type { ExtensionContext, StatusBarItem } from 'vscode';
import { Cluster } from '../cluster/cluster';
import { Connector } from '../cluster/connector';
import { ClusterError, redact } from '../cluster/errors';
import { loadKubeconfig } from '../cluster/kubeconfig';
import type { Source } from '../cluster/kubeconfig';
import type { ClusterFacts } from '../../../common/protocol';

export class Connection {
  private facts: ClusterFacts | null = null;
  private readonly item: StatusBarItem;
  readonly connector = new Connector(
    () => Cluster.connect(this.source(), this.context.workspaceState.get<string>('rhcosLayering.context')),
    {
      connected: (c) => {
        // Not "connected" until the server answers: a kubeconfig that loads says nothing about the server.
        this.show(`${c.context} (connecting…)`, `Waiting for ${redact(c.server)} to answer`, true);
        void this.publish(c);
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

  reset(): void {
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

  async select(): Promise<void> {
    let kc;
    try {
      kc = await loadKubeconfig(this.source());
    } catch (e) {
      void showError(`RHCOS Layering: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const current = this.context.workspaceState.get<string>('rhcosLayering.context') ?? kc.currentContext;
    const pick = await window.showQuickPick(
      kc.contexts.map((c) => ({
        label: c.name,
        description: `${c.cluster}${c.name === current ? ' (current)' : ''}`,
        detail: redact(kc.clusters.find((x) => x.name === c.cluster)?.server ?? ''),
      })),
      { title: 'Select Cluster Context', placeHolder: 'The context whose cluster the extension watches and applies to' },
    );
    if (!pick) return;
    await this.context.workspaceState.update('rhcosLayering.context', pick.label);
    this.reset();
    try {
      await this.get();
    } catch (e) {
      void showError(`RHCOS Layering: ${e instanceof ClusterError || e instanceof Error ? e.message : String(e)}`);
    }
  }
}

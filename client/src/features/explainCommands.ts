/**
 * "Why is this node degraded?" and "Show Daemon Log" on a node of the Rollouts view. The explainer
 * gathers what the cluster says about the node (reason, MachineConfigNode, Events, the daemon log's
 * tail, the pool's messages; each best effort), matches it against the failure table and answers in
 * a modal with the command to copy. The daemon log follows live in an output channel per node.
 */
import { env, ProgressLocation, window, workspace } from 'vscode';
import type { ExtensionContext, OutputChannel } from 'vscode';
import { showError } from './notify';
import { plain } from '../../../common/plainText';
import type { Cluster } from '../cluster/cluster';
import { explainNode } from '../cluster/explain/explain';
import type { Explanation } from '../cluster/explain/explain';
import { gather } from '../cluster/explain/gather';
import { DaemonLogFollower } from '../cluster/daemonLog';
import { preflight } from '../cluster/preflight';
import type { Obj } from '../cluster/cluster';
import type { Connection } from './clusterConnection';
import type { RolloutsView } from './rolloutsView';

const nameOf = (arg: unknown): string | undefined =>
  typeof arg === 'string'
    ? arg
    : typeof (arg as { name?: unknown } | undefined)?.name === 'string'
      ? (arg as { name: string }).name
      : undefined;

export function explainCommands(_context: ExtensionContext, connection: Connection, view: () => RolloutsView) {
  const followers = new Map<string, { follower: DaemonLogFollower; channel: OutputChannel }>();
  // A new cluster: the followed logs belong to the old one.
  const sub = connection.connector.onDidChange(() => {
    for (const f of followers.values()) {
      f.follower.stop();
      f.channel.appendLine('[RHCOS Layering] The cluster connection changed; this log is no longer followed.');
    }
    followers.clear();
  });

  async function explain(arg?: unknown): Promise<Explanation | undefined> {
    const node =
      nameOf(arg) ??
      (await window.showQuickPick(
        [...view().model.nodes.keys()].filter((n) => /Degraded|Unreconcilable/.test(view().model.node(n)?.state ?? '')),
        { title: 'Why is this node degraded?', placeHolder: 'Degraded nodes' },
      ));
    if (!node) return undefined;
    try {
      const c = await connection.get();
      const m = view().model;
      const pool = m.node(node)?.pool ?? 'worker';
      const poolMessage = m.pool(pool)?.message;
      const { findings, missing } = await gather(c, {
        node,
        pool,
        reason: m.node(node)?.reason ?? '',
        poolMessages: poolMessage ? [poolMessage] : [],
      });
      const e = explainNode(findings);
      const detail = [
        `Next step: ${e.next}`,
        `Command: ${e.command}`,
        ...(e.evidence ? [`Matched in the ${e.evidence.where}: ${e.evidence.text}`] : []),
        ...(missing.length ? [`Not read: ${missing.join('; ')}`] : []),
      ].join('\n\n');
      const pick = await window.showWarningMessage(
        plain(`Why is ${node} degraded? ${e.cause}`),
        { modal: true, detail: plain(detail) },
        'Copy Command',
        'Show Daemon Log',
      );
      if (pick === 'Copy Command') {
        await env.clipboard.writeText(e.command);
        void window.setStatusBarMessage(`RHCOS Layering: copied ${e.command}`, 4000);
      } else if (pick === 'Show Daemon Log') await showLog(node);
      return e;
    } catch (err) {
      void showError(`RHCOS Layering: ${plain(err instanceof Error ? err.message : String(err))}`);
      return undefined;
    }
  }

  async function showLog(arg?: unknown): Promise<void> {
    const node = nameOf(arg) ?? (await window.showQuickPick([...view().model.nodes.keys()], { title: 'Show Daemon Log of node' }));
    if (!node) return;
    const known = followers.get(node);
    if (known) return known.channel.show(true);
    try {
      const c = await connection.get();
      const channel = window.createOutputChannel(`MCD ${node}`);
      const follower = new DaemonLogFollower(c, node, {
        line: (t) => channel.appendLine(t),
        status: (t) => channel.appendLine(`[RHCOS Layering] ${plain(t)}`),
      }).start();
      followers.set(node, { follower, channel });
      channel.show(true);
    } catch (err) {
      void showError(`RHCOS Layering: ${plain(err instanceof Error ? err.message : String(err))}`);
    }
  }

  return {
    handlers: {
      'rhcosLayering.explainNode': (arg?: unknown) => explain(arg),
      'rhcosLayering.showDaemonLog': (arg?: unknown) => showLog(arg),
    },
    dispose: () => {
      sub.dispose();
      for (const f of followers.values()) {
        f.follower.stop();
        f.channel.dispose();
      }
    },
  };
}

/**
 * Preflight before Apply Layered Image: true when every check passed, or the user chose to go on
 * after reading what failed and how to fix it.
 */
export async function preflightPassed(c: Cluster, pool: Obj, image: string): Promise<boolean> {
  const authfile = workspace.getConfiguration('rhcosLayering').get<string>('pullSecretPath', '') || undefined;
  const checks = await window.withProgress(
    { location: ProgressLocation.Notification, title: `RHCOS Layering: preflight of ${image}` },
    () => preflight(c, pool, image, authfile),
  );
  const failed = checks.filter((x) => x.status === 'failed');
  if (!failed.length) return true;
  const go = await window.showWarningMessage(
    plain(`Preflight: ${failed.length} check${failed.length > 1 ? 's' : ''} failed for pool ${pool.metadata.name}`),
    {
      modal: true,
      detail: plain(
        [
          ...failed.map((x) => `✗ ${x.message}${x.fix ? `\nFix: ${x.fix}` : ''}`),
          ...checks.filter((x) => x.status !== 'failed').map((x) => `${x.status === 'ok' ? '✓' : '–'} ${x.message}`),
        ].join('\n\n'),
      ),
    },
    'Continue Anyway',
  );
  return go === 'Continue Anyway';
}

/**
 * The review before a write: the plan (what MCO will do to each pool), the server's dry-run diff in a
 * read-only diff editor, and the "RHCOS Layering: Cluster" log of every write and plan. After a write,
 * each node's MachineConfigNode UpdatePrepared is compared with the plan.
 */
import { window } from 'vscode';
import type { Disposable, ExtensionContext, LogOutputChannel } from 'vscode';
import type { Cluster, Obj } from '../cluster/cluster';
import { predict } from '../cluster/plan/predict';
import type { Change, Prediction } from '../cluster/plan/predict';
import { livePolicies } from '../cluster/plan/policies';
import { diffSides } from '../cluster/plan/diffDocs';
import type { WriteVerb } from '../cluster/plan/diffDocs';
import { planMismatches } from '../cluster/plan/prepared';
import { listMachineConfigNodes } from '../cluster/machineConfigNodes';
import { attachClusterLog, logMismatch, logPlan } from '../cluster/writeLog';
import { showReviewDiff } from './reviewDocuments';

const LOG_NAME = 'RHCOS Layering: Cluster';

export class PlanReview implements Disposable {
  private readonly log: LogOutputChannel;
  private readonly disposables: Disposable[] = [];

  constructor(context: ExtensionContext) {
    this.log = window.createOutputChannel(LOG_NAME, { log: true });
    const detach = attachClusterLog({ info: (l) => this.log.info(l), warn: (l) => this.log.warn(l), error: (l) => this.log.error(l) });
    this.disposables.push(this.log, { dispose: detach }, { dispose: () => this.stop() });
    context.subscriptions.push(this);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** The plan for a change, with the live policies and version read from the cluster; logged. */
  async plan(cluster: Cluster, change: Change, pools: Obj[], mcs: Obj[]): Promise<Prediction> {
    const [mcfg, version, nodes] = await Promise.all([
      cluster.machineConfiguration(),
      cluster.ocpVersion(),
      cluster.list('nodes').then(
        (l) => l.items,
        () => [] as Obj[],
      ),
    ]);
    const p = predict({ pools, mcs, change, policies: livePolicies(mcfg), version, nodes });
    const name = 'apply' in change ? change.apply.metadata.name : change.remove;
    logPlan(cluster.context, 'apply' in change ? 'apply' : 'delete', `machineconfigs/${name}`, p.lines, p.policySource);
    planMismatches.expect(p.pools);
    return p;
  }

  /** Opens the dry-run diff (live left, dry-run result right) in a read-only diff editor beside the modal. */
  async showDiff(verb: WriteVerb, context: string, name: string, live: Obj | null, dryRun: Obj | null): Promise<void> {
    const s = diffSides(verb, context, name, live, dryRun);
    await showReviewDiff(
      { label: `${name}.live`, text: s.left },
      { label: `${name}.${verb === 'delete' ? 'deleted' : 'dry-run'}`, text: s.right },
      s.title,
    );
  }

  private following: ReturnType<typeof setInterval> | undefined;

  /**
   * After a write: reads the MachineConfigNodes every few seconds (for up to 20 minutes, while the
   * cluster serves them) and compares each node's UpdatePrepared with the plan. A mismatch goes to the
   * log and a warning; the Rollouts view shows it on the node (`planMismatches.mismatch`).
   */
  follow(cluster: Cluster, prediction: Prediction): void {
    if (this.following) clearInterval(this.following);
    if (!prediction.pools.some((p) => !p.unchanged && !p.paused)) return;
    const until = Date.now() + 20 * 60_000;
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const mcns = await listMachineConfigNodes(cluster);
        if (!mcns || Date.now() > until) return this.stop();
        const found = this.observeNodes(cluster.context, mcns);
        if (found.length)
          void window.showWarningMessage(
            `RHCOS Layering: ${found.length} node${found.length > 1 ? 's' : ''} did not do what the plan said (${found[0]}). See "${LOG_NAME}".`,
          );
      } catch {
        // A failed read is retried on the next tick.
      } finally {
        busy = false;
      }
    };
    this.following = setInterval(() => void tick(), 5000);
  }

  private stop(): void {
    if (this.following) clearInterval(this.following);
    this.following = undefined;
  }

  /** Feeds MachineConfigNodes (when the cluster serves them) to the comparison; mismatches go to the log. */
  observeNodes(context: string, mcns: Obj[]): string[] {
    const found: string[] = [];
    for (const m of mcns) {
      const node = m.metadata.name;
      const pool = (m.spec?.['pool'] as { name?: string } | undefined)?.name ?? '';
      const text = planMismatches.observe(node, pool, m);
      if (text) {
        logMismatch(context, node, text);
        found.push(`${node}: ${text}`);
      }
    }
    return found;
  }
}

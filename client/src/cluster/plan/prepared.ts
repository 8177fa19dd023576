/**
 * After the write: what each node's MachineConfigNode says it will do, against the plan. The daemon writes
 * the UpdatePrepared condition as "Update Compatible. Post Cfg Actions: %v Drain Required: %t"
 * (MCO pkg/daemon/update.go), which pkg/upgrademonitor may prefix with "Action during update to <config>: "; with node disruption policies the action list there is empty, so the
 * drain is what can be compared.
 */
import type { Obj } from '../cluster';
import type { PoolPlan } from './describe';

export interface PreparedReport {
  /** lastTransitionTime of the condition, ms since the epoch (0 when absent). */
  at: number;
  drain: boolean | null;
  actions: string[];
  message: string;
}

/** The UpdatePrepared condition of a MachineConfigNode, parsed; null when absent or not "Update Compatible". */
export function updatePrepared(mcn: Obj): PreparedReport | null {
  const conds =
    (mcn.status?.['conditions'] as { type?: string; status?: string; message?: string; lastTransitionTime?: string }[] | undefined) ?? [];
  const c = conds.find((x) => x.type === 'UpdatePrepared');
  const message = c?.message ?? '';
  const m = /Update Compatible\. Post Cfg Actions: \[([^\]]*)\] Drain Required: (true|false)/.exec(message);
  if (!m) return null;
  return { at: Date.parse(c?.lastTransitionTime ?? '') || 0, drain: m[2] === 'true', actions: m[1]!.split(/\s+/).filter(Boolean), message };
}

/** The mismatch between the plan and a node's report, in words, or undefined when they agree (or the plan cannot tell). */
export function compareWithPlan(plan: PoolPlan, report: PreparedReport): string | undefined {
  const m = mismatchOf(plan, report);
  // A node that was still behind takes the earlier change too: say so, or the mismatch reads as a wrong plan.
  return m && plan.behind > 0 ? `${m} (the pool was still rolling out when planned: this node took the earlier change too)` : m;
}

function mismatchOf(plan: PoolPlan, report: PreparedReport): string | undefined {
  if (plan.unchanged || plan.decision.drain === 'maybe' || report.drain === null) return undefined;
  const predicted = plan.decision.drain;
  if (predicted === report.drain) {
    const reboot = plan.decision.actions.some((a) => a.type === 'Reboot');
    // First boot / legacy path: the list names the legacy actions ("reboot", "reload crio", …).
    if (report.actions.length && report.actions.includes('reboot') !== reboot)
      return `planned ${reboot ? 'a reboot' : 'no reboot'}, the node prepared [${report.actions.join(' ')}]`;
    return undefined;
  }
  return `planned ${predicted ? 'a drain' : 'no drain'}, the node's UpdatePrepared says Drain Required: ${report.drain}`;
}

/** Mismatches per node name, kept after a write so the Rollouts view can show them. */
export class PlanMismatches {
  private readonly byNode = new Map<string, string>();
  private plans = new Map<string, PoolPlan>();
  private since = 0;

  /** Remembers the plan of the last write, and forgets the mismatches of the one before. */
  expect(plans: PoolPlan[], now = Date.now()): void {
    this.since = now;
    this.plans = new Map(plans.map((p) => [p.pool, p]));
    this.byNode.clear();
  }

  /** Compares a node's MachineConfigNode with the plan for its pool; returns the new mismatch text when there is one. */
  observe(node: string, pool: string, mcn: Obj): string | undefined {
    const plan = this.plans.get(pool);
    const report = updatePrepared(mcn);
    // A report older than the plan belongs to an earlier update (second resolution: allow 1 s).
    if (!plan || !report || report.at < this.since - 1000) return undefined;
    const m = compareWithPlan(plan, report);
    const before = this.byNode.get(node);
    if (m) this.byNode.set(node, m);
    else this.byNode.delete(node);
    return m && m !== before ? m : undefined;
  }

  mismatch(node: string): string | undefined {
    return this.byNode.get(node);
  }
}

/** The mismatches of the last write from this window: the Rollouts view asks `planMismatches.mismatch(node)`. */
export const planMismatches = new PlanMismatches();

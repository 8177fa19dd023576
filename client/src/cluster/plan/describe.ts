/** The plan in words: one line per pool ("worker, 12 nodes: reload crio.service, no drain, no reboot") and the waves. */
import type { Decision } from './actions';
import type { PolicyAction } from './policies';
import type { Waves } from './waves';

export interface PoolPlan {
  pool: string;
  nodes: number;
  paused: boolean;
  /** On-cluster layering (a MachineOSConfig targets the pool). */
  layered: boolean;
  /** OpenShift minor version (17 for 4.17), null when unknown. */
  minor: number | null;
  /** True when the rendered config does not change: nothing rolls out. */
  unchanged: boolean;
  /** The change sets osImageURL (image mode) rather than files, units or kernel settings. */
  imageChange: boolean;
  decision: Decision;
  waves: Waves;
  /** Nodes not yet on the pool's current config (status.updatedMachineCount below machineCount): a rollout is under way or queued. */
  behind: number;
}

function actionWord(a: PolicyAction): string {
  switch (a.type) {
    case 'Reload':
      return `reload ${a.reload?.serviceName ?? 'a service'}`;
    case 'Restart':
      return `restart ${a.restart?.serviceName ?? 'a service'}`;
    case 'DaemonReload':
      return 'systemd daemon-reload';
    case 'Drain':
      return 'drain';
    case 'Special':
      return 'reload crio.service';
    default:
      return a.type.toLowerCase();
  }
}

/** What the daemon does on each node: "reboot (reason)", "reload crio.service, no drain, no reboot", "drain, no reboot", … */
export function describeDecision(d: Decision): string {
  const [first] = d.actions;
  if (d.actions.length === 1 && first?.type === 'Reboot') return `reboot (${d.reason})`;
  if (d.actions.length === 1 && first?.type === 'None') return 'no action, no drain, no reboot';
  const words = d.actions.filter((a) => a.type !== 'Drain').map(actionWord);
  const drain =
    d.drain === true
      ? 'drain'
      : d.drain === 'maybe'
        ? 'drain unless the registries.conf change only adds digest-only mirrors or unqualified-search registries'
        : 'no drain';
  return [...words, drain, 'no reboot'].join(', ');
}

export function describePool(p: PoolPlan): string {
  const head = `${p.pool}, ${p.nodes} node${p.nodes === 1 ? '' : 's'}`;
  if (p.unchanged) return `${head}: no change to the rendered config, nothing rolls out`;
  let what = describeDecision(p.decision);
  if (p.layered && p.minor !== null && p.minor <= 19) what = 'rebuild the layered image, then reboot (on-cluster layering before 4.20)';
  else if (p.layered && !p.imageChange && p.decision.actions[0]?.type !== 'Reboot')
    what = `${what} (on-cluster layered pool: the policy applies; the documentation says reboot)`;
  return p.paused ? `${head}: paused: queued until the pool is resumed, then ${what}` : `${head}: ${what}`;
}

export function describeWaves(p: PoolPlan): string | null {
  if (p.unchanged || p.paused || !p.nodes) return null;
  const w = p.waves;
  const s = `${p.pool}: ${w.waves} wave${w.waves === 1 ? '' : 's'} of up to ${w.maxUnavailable} node${w.maxUnavailable === 1 ? '' : 's'} (maxUnavailable)`;
  const zones = w.zones.length > 1 ? `, zone by zone: ${w.zones.join(', ')}` : '';
  return `${s}${zones}${w.problem ? ` (${w.problem}; assumed 1)` : ''}`;
}

/**
 * A pool still rolling out (or paused with a change queued): its nodes that are not yet on the current config take this
 * change together with that one, so the plan computed from the pool's config can understate what they do.
 */
export function describeBehind(p: PoolPlan): string | null {
  if (p.unchanged || p.behind <= 0) return null;
  const of = `${p.behind} of ${p.nodes} node${p.nodes === 1 ? '' : 's'}`;
  return p.paused
    ? `${p.pool}: paused with a change already queued for ${of}; on resume they take it together with this one, which may do more than this plan says (a reboot if that change reboots)`
    : `${p.pool}: ${of} are still updating to the pool's current config; they take this change together with that one, which may do more than this plan says (a reboot if that change reboots). Waiting until the pool is Updated keeps the plan exact.`;
}

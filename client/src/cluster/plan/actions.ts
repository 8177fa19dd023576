/**
 * The action the machine-config-daemon takes for a rendered diff. Source: MCO pkg/daemon/update.go
 * `calculatePostConfigChangeNodeDisruptionAction(FromMCDiffs)` (policies, 4.17+),
 * `calculatePostConfigChangeActionFromMCDiffs` (the fixed table before), pkg/controller/common/helpers.go
 * `FindClosestFilePolicyPathMatch`, pkg/daemon/drain.go `isDrainRequiredForNodeDisruptionActions`.
 * The node-local force file (/run/machine-config-daemon-force) cannot be seen from here.
 */
import type { ClusterPolicies, PolicyAction } from './policies';
import type { RenderDiff } from './diff';

export interface Decision {
  /** MCO's final action list (a single Reboot, a single None, or the kept actions in order). */
  actions: PolicyAction[];
  /** true, false, or 'maybe' for a registries.conf change (Special): MCO drains unless the change is safe. */
  drain: boolean | 'maybe';
  /** Why a Reboot (or None) was chosen, in the user's words; empty when the actions speak for themselves. */
  reason: string;
}

const REBOOT: PolicyAction = { type: 'Reboot' };
const NONE: PolicyAction = { type: 'None' };

/** `FindClosestFilePolicyPathMatch`: the longest policy path equal to the file or a parent directory of it. */
export function closestFilePolicy(path: string, files: ClusterPolicies['files']): ClusterPolicies['files'][number] | null {
  let best: ClusterPolicies['files'][number] | null = null;
  for (const f of files) {
    const dir = f.path.endsWith('/') ? f.path : `${f.path}/`;
    if ((path === f.path || path.startsWith(dir)) && f.path.length > (best?.path.length ?? 0)) best = f;
  }
  return best;
}

function always(d: RenderDiff): string | null {
  if (d.osImageURL) return 'osImageURL changed: an OS image change always reboots';
  if (d.kernelArguments) return 'kernel arguments changed: always reboots';
  if (d.fips) return 'fips changed: always reboots';
  if (d.kernelType) return 'kernelType changed: always reboots';
  if (d.extensions) return 'extensions changed: always reboots';
  return null;
}

const drainOf = (actions: PolicyAction[]): Decision['drain'] =>
  actions.some((a) => a.type === 'Reboot' || a.type === 'Drain') ? true : actions.some((a) => a.type === 'Special') ? 'maybe' : false;

/** With node disruption policies (4.17+). */
export function decideWithPolicies(d: RenderDiff, policies: ClusterPolicies): Decision {
  const forced = always(d);
  if (forced) return { actions: [REBOOT], drain: true, reason: forced };
  if (!d.files.length && !d.units.length && !d.passwd)
    return { actions: [NONE], drain: false, reason: 'no change to files, units or SSH keys' };
  const actions: PolicyAction[] = [];
  for (const path of d.files) {
    const p = closestFilePolicy(path, policies.files);
    if (!p) return { actions: [REBOOT], drain: true, reason: `${path} has no disruption policy` };
    if (p.actions.some((a) => a.type === 'Reboot'))
      return {
        actions: [REBOOT],
        drain: true,
        reason: `the policy for ${p.path === path ? path : `${p.path} (covers ${path})`} says Reboot`,
      };
    actions.push(...p.actions);
  }
  for (const name of d.units) {
    const u = policies.units.find((x) => x.name === name);
    if (!u) return { actions: [REBOOT], drain: true, reason: `unit ${name} has no disruption policy` };
    if (u.actions.some((a) => a.type === 'Reboot'))
      return { actions: [REBOOT], drain: true, reason: `the policy for unit ${name} says Reboot` };
    actions.push(...u.actions);
  }
  if (d.passwd) {
    if (policies.sshkey.actions.some((a) => a.type === 'Reboot'))
      return { actions: [REBOOT], drain: true, reason: 'the sshkey policy says Reboot' };
    actions.push(...policies.sshkey.actions);
  }
  const kept = actions.filter((a) => a.type !== 'None');
  const final = kept.length ? kept : [NONE];
  return { actions: final, drain: drainOf(final), reason: '' };
}

/** Before node disruption policies (4.16 and older): the daemon's fixed table; any unit change reboots. */
export function decideLegacy(d: RenderDiff): Decision {
  const forced = always(d) ?? (d.units.length ? `unit ${d.units[0]} changed: unit changes reboot before 4.17` : null);
  if (forced) return { actions: [REBOOT], drain: true, reason: forced };
  const noAction = ['/etc/kubernetes/kubelet-ca.crt', '/var/lib/kubelet/config.json'];
  const reloadCrio = [
    '/etc/containers/registries.conf',
    '/etc/machine-config-daemon/no-reboot/containers-gpg.pub',
    '/etc/containers/policy.json',
  ];
  const parent = (p: string) => p.slice(0, p.lastIndexOf('/'));
  let result: 'none' | 'reload' | 'restart' = 'none';
  for (const path of d.files) {
    if (noAction.includes(path)) continue;
    if (reloadCrio.includes(path) || parent(path) === '/etc/containers/registries.d') {
      if (result !== 'restart') result = 'reload';
    } else if (path === '/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt') result = 'restart';
    else if (parent(path) === '/etc/nmstate/openshift') continue;
    else return { actions: [REBOOT], drain: true, reason: `${path} has no disruption policy before 4.17` };
  }
  if (result === 'none') return { actions: [NONE], drain: false, reason: d.files.length ? '' : 'no change to files or units' };
  const action: PolicyAction =
    result === 'reload'
      ? { type: 'Reload', reload: { serviceName: 'crio.service' } }
      : { type: 'Restart', restart: { serviceName: 'crio.service' } };
  // drain.go isDrainRequired: a registries.conf change drains unless safe; other crio actions do not drain.
  return { actions: [action], drain: d.files.includes('/etc/containers/registries.conf') ? 'maybe' : false, reason: '' };
}

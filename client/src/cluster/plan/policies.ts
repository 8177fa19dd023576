/**
 * Node disruption policies: the action types MCO knows, its default cluster policies per OpenShift
 * version, the merge of the user's spec over them, and reading the live merged status.
 * Source: MCO pkg/apihelpers/apihelpers.go (`defaultClusterPolicies`, `MergeClusterPolicies`),
 * pkg/daemon/constants/constants.go (the paths), API operator/v1 types_machineconfiguration.go.
 */

export type ActionType = 'Reboot' | 'Drain' | 'Reload' | 'Restart' | 'DaemonReload' | 'None' | 'Special';

export interface PolicyAction {
  type: ActionType;
  reload?: { serviceName: string };
  restart?: { serviceName: string };
}

export interface ClusterPolicies {
  files: { path: string; actions: PolicyAction[] }[];
  units: { name: string; actions: PolicyAction[] }[];
  sshkey: { actions: PolicyAction[] };
}

const reload = (serviceName: string): PolicyAction => ({ type: 'Reload', reload: { serviceName } });
const restart = (serviceName: string): PolicyAction => ({ type: 'Restart', restart: { serviceName } });
const NONE: PolicyAction = { type: 'None' };

/** [major, minor] of "4.19" / "4.19.3", or null. */
export function minorOf(version: string | null | undefined): number | null {
  const m = /^4\.(\d+)/.exec(version ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Node disruption policies decide from 4.17 (GA; 4.16 only behind TechPreview). Before that the
 * daemon uses its fixed table (`calculatePostConfigChangeActionFromMCDiffs`).
 */
export function usesPolicies(version: string | null | undefined): boolean {
  const minor = minorOf(version);
  return minor === null || minor >= 17;
}

/** MCO's default cluster policies as shipped in the given version (unknown version: the newest). */
export function defaultClusterPolicies(version: string | null | undefined): ClusterPolicies {
  const minor = minorOf(version) ?? 99;
  const files: ClusterPolicies['files'] = [
    { path: '/var/lib/kubelet/config.json', actions: [NONE] },
    { path: '/etc/machine-config-daemon/no-reboot/containers-gpg.pub', actions: [reload('crio.service')] },
    { path: '/etc/containers/policy.json', actions: [reload('crio.service')] },
    { path: '/etc/containers/registries.conf', actions: [{ type: 'Special' }] },
    { path: '/etc/containers/registries.d', actions: [reload('crio.service')] },
  ];
  if (minor >= 18) files.push({ path: '/etc/crio/policies', actions: [reload('crio.service')] });
  files.push(
    { path: '/etc/nmstate/openshift', actions: [NONE] },
    {
      path: '/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt',
      actions: [restart('coreos-update-ca-trust.service'), restart('crio.service')],
    },
  );
  const units: ClusterPolicies['units'] = [];
  if (minor >= 22) {
    files.push(
      { path: '/etc/kubernetes/credential-providers', actions: [restart('kubelet.service')] },
      {
        path: '/etc/systemd/system/kubelet.service.d/40-kubelet-crio-image-credential-provider.conf',
        actions: [{ type: 'DaemonReload' }, restart('kubelet.service')],
      },
      { path: '/etc/iri-registry', actions: [restart('iri-registry.service')] },
      { path: '/usr/local/bin/load-registry-image.sh', actions: [restart('iri-registry.service')] },
      { path: '/etc/pki/ca-trust/source/anchors/iri-root-ca.crt', actions: [restart('coreos-update-ca-trust.service')] },
    );
    units.push({ name: 'iri-registry.service', actions: [{ type: 'DaemonReload' }, restart('iri-registry.service')] });
  }
  return { files, units, sshkey: { actions: [NONE] } };
}

/** `MergeClusterPolicies`: a user entry with a default's path or unit name replaces it, others are added; a user sshkey replaces the default. */
export function mergeClusterPolicies(defaults: ClusterPolicies, user: Partial<ClusterPolicies> | undefined): ClusterPolicies {
  const files = defaults.files.map((f) => ({ ...f }));
  for (const u of user?.files ?? []) {
    const i = files.findIndex((f) => f.path === u.path);
    if (i >= 0) files[i] = u;
    else files.push(u);
  }
  const units = defaults.units.map((u) => ({ ...u }));
  for (const u of user?.units ?? []) {
    const i = units.findIndex((x) => x.name === u.name);
    if (i >= 0) units[i] = u;
    else units.push(u);
  }
  const sshkey = user?.sshkey?.actions?.length ? user.sshkey : defaults.sshkey;
  return { files, units, sshkey };
}

const ACTION_TYPES = new Set<string>(['Reboot', 'Drain', 'Reload', 'Restart', 'DaemonReload', 'None', 'Special']);

function actionsFrom(v: unknown): PolicyAction[] | null {
  if (!Array.isArray(v)) return null;
  const out: PolicyAction[] = [];
  for (const a of v as Record<string, unknown>[]) {
    if (!a || typeof a !== 'object' || typeof a['type'] !== 'string' || !ACTION_TYPES.has(a['type'])) return null;
    const x: PolicyAction = { type: a['type'] as ActionType };
    const r = a['reload'] as { serviceName?: unknown } | undefined;
    const s = a['restart'] as { serviceName?: unknown } | undefined;
    if (typeof r?.serviceName === 'string') x.reload = { serviceName: r.serviceName };
    if (typeof s?.serviceName === 'string') x.restart = { serviceName: s.serviceName };
    out.push(x);
  }
  return out;
}

/**
 * The effective policies from a live MachineConfiguration/cluster (`status.nodeDisruptionPolicyStatus.clusterPolicies`),
 * or null when it is absent, malformed, or its status is behind its spec (the daemon itself waits for
 * `observedGeneration == generation` in that case).
 */
export function livePolicies(
  mcfg: { metadata?: Record<string, unknown>; status?: Record<string, unknown> } | null,
): ClusterPolicies | null {
  if (!mcfg) return null;
  const gen = mcfg.metadata?.['generation'];
  const observed = mcfg.status?.['observedGeneration'];
  if (typeof gen === 'number' && typeof observed === 'number' && gen !== observed) return null;
  const cp = (mcfg.status?.['nodeDisruptionPolicyStatus'] as { clusterPolicies?: Record<string, unknown> } | undefined)?.clusterPolicies;
  if (!cp || typeof cp !== 'object') return null;
  const files: ClusterPolicies['files'] = [];
  for (const f of (cp['files'] as Record<string, unknown>[] | undefined) ?? []) {
    const actions = actionsFrom(f?.['actions']);
    if (typeof f?.['path'] !== 'string' || !actions) return null;
    files.push({ path: f['path'], actions });
  }
  const units: ClusterPolicies['units'] = [];
  for (const u of (cp['units'] as Record<string, unknown>[] | undefined) ?? []) {
    const actions = actionsFrom(u?.['actions']);
    if (typeof u?.['name'] !== 'string' || !actions) return null;
    units.push({ name: u['name'], actions });
  }
  const ssh = actionsFrom((cp['sshkey'] as { actions?: unknown } | undefined)?.actions ?? []) ?? [];
  return { files, units, sshkey: { actions: ssh.length ? ssh : [NONE] } };
}

/**
 * `MachineConfiguration/cluster` (operator.openshift.io/v1): the node disruption policies MCO ships per
 * version, the merge with the user's `spec.nodeDisruptionPolicy`, and what the API server rejects.
 *
 * Sources:
 * - MCO:pkg/apihelpers/apihelpers.go `defaultClusterPolicies` per release branch (4.16 … 4.22, main) and
 *   `MergeClusterPolicies` (a user file or unit entry replaces the default with the same key, others are
 *   appended; the user's sshkey replaces the default when it has actions).
 * - API:operator/v1/types_machineconfiguration.go@release-4.21: CEL messages, enums, MaxItems, service names.
 * - MCO:manifests/machineconfigcontroller/machineconfiguration-guards-validatingadmissionpolicy.yaml (the name).
 */
import type { ClusterPolicies, PolicyAction } from './disruption';

const crio = (type: 'Reload' | 'Restart'): PolicyAction =>
  type === 'Reload' ? { type, reload: { serviceName: 'crio.service' } } : { type, restart: { serviceName: 'crio.service' } };
const restart = (serviceName: string): PolicyAction => ({ type: 'Restart', restart: { serviceName } });

/** MCO's default cluster policies for OpenShift 4.<minor> (NodeDisruptionPolicy is TP in 4.16, default from 4.17). */
export function defaultClusterPolicies(minor: number): Required<ClusterPolicies> {
  const files: Required<ClusterPolicies>['files'] = [
    { path: '/var/lib/kubelet/config.json', actions: [{ type: 'None' }] },
    { path: '/etc/machine-config-daemon/no-reboot/containers-gpg.pub', actions: [crio('Reload')] },
    { path: '/etc/containers/policy.json', actions: [crio('Reload')] },
    { path: '/etc/containers/registries.conf', actions: [{ type: 'Special' }] },
  ];
  if (minor >= 17) files.push({ path: '/etc/containers/registries.d', actions: [crio('Reload')] });
  if (minor >= 18) files.push({ path: '/etc/crio/policies', actions: [crio('Reload')] });
  if (minor >= 17)
    files.push(
      { path: '/etc/nmstate/openshift', actions: [{ type: 'None' }] },
      {
        path: '/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt',
        actions: [restart('coreos-update-ca-trust.service'), crio('Restart')],
      },
    );
  const units: Required<ClusterPolicies>['units'] = [];
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
  return { files, units, sshkey: { actions: [{ type: 'None' }] } };
}

/** MergeClusterPolicies: the defaults with the user's entries replacing or added. */
export function mergeClusterPolicies(user: ClusterPolicies | undefined, minor: number): Required<ClusterPolicies> {
  const d = defaultClusterPolicies(minor);
  const files = [...d.files];
  for (const f of user?.files ?? []) {
    const i = files.findIndex((x) => x.path === f.path && d.files.includes(x));
    if (i >= 0) files[i] = { path: f.path, actions: f.actions ?? [] };
    else files.push({ path: f.path, actions: f.actions ?? [] });
  }
  const units = [...d.units];
  for (const u of user?.units ?? []) {
    const i = units.findIndex((x) => x.name === u.name && d.units.includes(x));
    if (i >= 0) units[i] = { name: u.name, actions: u.actions ?? [] };
    else units.push({ name: u.name, actions: u.actions ?? [] });
  }
  const sshkey = (user?.sshkey?.actions ?? []).length ? { actions: user!.sshkey!.actions } : d.sshkey;
  return { files, units, sshkey };
}

const SPEC_TYPES = ['Reboot', 'Drain', 'Reload', 'Restart', 'DaemonReload', 'None'];
const SERVICE_TYPE = /\.(service|socket|device|mount|automount|swap|target|path|timer|snapshot|slice|scope)$/;
const SERVICE_NAME = /^[a-zA-Z0-9:._\\-]+\../;
export const NAME_GUARD = 'Only a single object of MachineConfiguration is allowed and it must be named cluster.';
export const REBOOT_STANDALONE = 'Reboot action can only be specified standalone, as it will override any other actions';
export const NONE_STANDALONE = 'None action can only be specified standalone, as it will override any other actions';

function serviceName(causes: string[], at: string, v: unknown): void {
  if (typeof v !== 'string' || v === '') return void causes.push(`${at}: Required value`);
  if (v.length > 255) causes.push(`${at}: Too long: may not be more than 255 bytes`);
  if (!SERVICE_TYPE.test(v))
    causes.push(
      `${at}: Invalid value: "string": Invalid \${SERVICETYPE} in service name. Expected format is \${NAME}\${SERVICETYPE}, where \${SERVICETYPE} must be one of ".service", ".socket", ".device", ".mount", ".automount", ".swap", ".target", ".path", ".timer",".snapshot", ".slice" or ".scope".`,
    );
  if (!SERVICE_NAME.test(v))
    causes.push(
      `${at}: Invalid value: "string": Invalid \${NAME} in service name. Expected format is \${NAME}\${SERVICETYPE}, where {NAME} must be atleast 1 character long and can only consist of alphabets, digits, ":", "-", "_", ".", and "\\"`,
    );
}

function actions(causes: string[], at: string, list: unknown): void {
  if (!Array.isArray(list)) return void causes.push(`${at}: Required value`);
  if (list.length > 10) causes.push(`${at}: Too many: ${list.length}: must have at most 10 items`);
  const types = list.map((a) => (a as { type?: unknown })?.type);
  if (types.includes('Reboot') && list.length !== 1) causes.push(`${at}: Invalid value: "array": ${REBOOT_STANDALONE}`);
  if (types.includes('None') && list.length !== 1) causes.push(`${at}: Invalid value: "array": ${NONE_STANDALONE}`);
  list.forEach((a: Record<string, unknown>, i) => {
    const ai = `${at}[${i}]`;
    const t = a?.['type'];
    if (t === undefined) causes.push(`${ai}.type: Required value`);
    else if (!SPEC_TYPES.includes(t as string))
      causes.push(`${ai}.type: Unsupported value: ${JSON.stringify(t)}: supported values: ${SPEC_TYPES.map((x) => `"${x}"`).join(', ')}`);
    if ((t === 'Reload') !== (a?.['reload'] !== undefined))
      causes.push(`${ai}: Invalid value: "object": reload is required when type is Reload, and forbidden otherwise`);
    if ((t === 'Restart') !== (a?.['restart'] !== undefined))
      causes.push(`${ai}: Invalid value: "object": restart is required when type is Restart, and forbidden otherwise`);
    for (const k of ['reload', 'restart'] as const)
      if (a?.[k] !== undefined) serviceName(causes, `${ai}.${k}.serviceName`, (a[k] as { serviceName?: unknown })?.serviceName);
  });
}

/** The 422 causes for a MachineConfiguration's `spec.nodeDisruptionPolicy` ([] when valid). */
export function nodeDisruptionPolicyCauses(spec: unknown): string[] {
  const ndp = (spec as { nodeDisruptionPolicy?: Record<string, unknown> } | undefined)?.nodeDisruptionPolicy;
  const causes: string[] = [];
  if (ndp === undefined) return causes;
  const at = 'spec.nodeDisruptionPolicy';
  const files = (ndp['files'] ?? []) as unknown[];
  const units = (ndp['units'] ?? []) as unknown[];
  if (!Array.isArray(files) || !Array.isArray(units)) return [`${at}: Invalid value: files and units must be arrays`];
  if (files.length > 50) causes.push(`${at}.files: Too many: ${files.length}: must have at most 50 items`);
  if (units.length > 50) causes.push(`${at}.units: Too many: ${units.length}: must have at most 50 items`);
  const seen = new Set<string>();
  files.forEach((f, i) => {
    const p = (f as { path?: unknown })?.path;
    if (typeof p !== 'string' || !p) causes.push(`${at}.files[${i}].path: Required value`);
    else if (seen.has(p)) causes.push(`${at}.files[${i}]: Duplicate value: map[string]interface {}{"path":${JSON.stringify(p)}}`);
    else seen.add(p);
    actions(causes, `${at}.files[${i}].actions`, (f as { actions?: unknown })?.actions);
  });
  seen.clear();
  units.forEach((u, i) => {
    const n = (u as { name?: unknown })?.name;
    serviceName(causes, `${at}.units[${i}].name`, n);
    if (typeof n === 'string' && seen.has(n))
      causes.push(`${at}.units[${i}]: Duplicate value: map[string]interface {}{"name":${JSON.stringify(n)}}`);
    if (typeof n === 'string') seen.add(n);
    actions(causes, `${at}.units[${i}].actions`, (u as { actions?: unknown })?.actions);
  });
  const ssh = ndp['sshkey'] as { actions?: unknown } | undefined;
  if (ssh !== undefined) actions(causes, `${at}.sshkey.actions`, ssh.actions);
  return causes;
}

/**
 * What a node does for a rendered-config change: MCO's node disruption algorithm as one pure function,
 * `actionsFor(oldRendered, newRendered, clusterPolicies)`. No simulator imports, so the extension's own
 * predictor can be compared with it change by change.
 *
 * Sources (openshift/machine-config-operator@release-4.21 unless noted):
 * - pkg/daemon/update.go `calculatePostConfigChangeNodeDisruptionAction`: osImageURL, kernelArguments, fips,
 *   kernelType or extensions changed: Reboot; files, units and passwd unchanged: None; otherwise
 *   `calculatePostConfigChangeNodeDisruptionActionFromMCDiffs`: each changed file takes its closest policy
 *   (`ctrlcommon.FindClosestFilePolicyPathMatch`: exact path or parent directory, longest wins) or the
 *   whole update reboots; each changed unit needs an exact unit policy or it reboots; a passwd change
 *   appends the sshkey actions; any Reboot collapses to one Reboot; None next to other actions is dropped,
 *   only-None becomes one None.
 * - pkg/daemon/drain.go `isDrainRequiredForNodeDisruptionActions`: drain for Reboot and Drain; for
 *   Special (registries.conf) only when the change is not safe (`isSafeContainerRegistryConfChanges`).
 * - Without the NodeDisruptionPolicy gate (4.16 default clusters; `clusterPolicies` null here):
 *   update.go@release-4.16 `calculatePostConfigChangeAction(FromMCDiffs)` and drain.go `isDrainRequired`.
 * - pkg/controller/common/helpers.go `CalculateConfigFileDiffs`, `GetChangedConfigUnitsByType`: a file or
 *   unit is changed when added, removed, or different in any field.
 */

export type ActionType = 'Reboot' | 'Drain' | 'Reload' | 'Restart' | 'DaemonReload' | 'None' | 'Special';
export interface PolicyAction {
  type: ActionType;
  reload?: { serviceName: string };
  restart?: { serviceName: string };
}
export interface ClusterPolicies {
  files?: { path: string; actions: PolicyAction[] }[];
  units?: { name: string; actions: PolicyAction[] }[];
  sshkey?: { actions: PolicyAction[] };
}
/** The parts of a rendered MachineConfig's spec the algorithm reads. */
export interface RenderedLike {
  osImageURL?: string;
  kernelType?: string;
  extensions?: string[];
  kernelArguments?: string[];
  fips?: boolean;
  config?: {
    storage?: { files?: { path: string; contents?: { source?: string } }[] };
    systemd?: { units?: { name: string }[] };
    passwd?: unknown;
  };
}
/** update.go machineConfigDiff's OS fields. */
export interface OsDiff {
  osUpdate: boolean;
  kargs: boolean;
  fips: boolean;
  kernelType: boolean;
  extensions: boolean;
}
export interface Disruption {
  os: OsDiff;
  /** MCO's node disruption actions, in order (legacy clusters: mapped from the legacy action strings). */
  actions: PolicyAction[];
  /** The legacy post-config actions (`none`, `reload crio`, `restart crio`, `reboot`) when `clusterPolicies` was null. */
  legacy?: string[];
  drain: boolean;
  reboot: boolean;
  /** Changed file paths and unit names, and whether passwd changed. */
  files: string[];
  units: string[];
  passwd: boolean;
  /** Why, in a sentence: the first field or file that decided a reboot, or the actions taken. */
  reason: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const canonicalKernel = (k: string | undefined) => (!k ? 'default' : k);

/** Added, removed or changed file paths (CalculateConfigFileDiffs). */
export function changedFiles(old: RenderedLike, next: RenderedLike): string[] {
  const o = new Map((old.config?.storage?.files ?? []).map((f) => [f.path, f]));
  const n = new Map((next.config?.storage?.files ?? []).map((f) => [f.path, f]));
  const out = [...o.keys()].filter((p) => !n.has(p));
  for (const [p, f] of n) if (!o.has(p) || !same(o.get(p), f)) out.push(p);
  return out;
}

/** Added, removed or changed unit names (GetChangedConfigUnitsByType). */
export function changedUnits(old: RenderedLike, next: RenderedLike): string[] {
  const o = new Map((old.config?.systemd?.units ?? []).map((u) => [u.name, u]));
  const n = new Map((next.config?.systemd?.units ?? []).map((u) => [u.name, u]));
  const out = [...o.keys()].filter((p) => !n.has(p));
  for (const [p, u] of n) if (!o.has(p) || !same(o.get(p), u)) out.push(p);
  return out;
}

export function osDiff(old: RenderedLike, next: RenderedLike): OsDiff {
  return {
    osUpdate: (old.osImageURL ?? '') !== (next.osImageURL ?? ''),
    kargs: !same(old.kernelArguments ?? [], next.kernelArguments ?? []),
    fips: !!old.fips !== !!next.fips,
    kernelType: canonicalKernel(old.kernelType) !== canonicalKernel(next.kernelType),
    extensions: !same(old.extensions ?? [], next.extensions ?? []),
  };
}

/** The OS-level field that forces a reboot, or null (update.go: osUpdate, kargs, fips, kernelType, extensions). */
export function rebootField(old: RenderedLike, next: RenderedLike): string | null {
  const d = osDiff(old, next);
  return d.osUpdate
    ? 'osImageURL'
    : d.kargs
      ? 'kernelArguments'
      : d.fips
        ? 'fips'
        : d.kernelType
          ? 'kernelType'
          : d.extensions
            ? 'extensions'
            : null;
}

function isSubdirectory(dir: string, target: string): boolean {
  const clean = (p: string) => p.replace(/\/+$/, '') || '/';
  return clean(target).startsWith(clean(dir) === '/' ? '/' : clean(dir) + '/');
}

/** FindClosestFilePolicyPathMatch: the exact path or the longest parent directory with a policy. */
export function closestFilePolicy(path: string, files: ClusterPolicies['files']): PolicyAction[] | null {
  let best: { len: number; actions: PolicyAction[] } | null = null;
  for (const f of files ?? [])
    if ((f.path === path || isSubdirectory(f.path, path)) && f.path.length > (best?.len ?? 0))
      best = { len: f.path.length, actions: f.actions };
  return best ? best.actions : null;
}

const REGISTRIES_CONF = '/etc/containers/registries.conf';

interface Mirror {
  location?: string;
  'pull-from-mirror'?: string;
  insecure?: boolean;
}
interface Registry {
  location?: string;
  prefix?: string;
  blocked?: boolean;
  insecure?: boolean;
  'mirror-by-digest-only'?: boolean;
  mirror: Mirror[];
}
interface RegistriesConf {
  unqualified: string[];
  registries: Registry[];
}

/** The TOML subset registries.conf uses: `unqualified-search-registries`, `[[registry]]`, `[[registry.mirror]]`. */
export function parseRegistriesConf(text: string): RegistriesConf {
  const out: RegistriesConf = { unqualified: [], registries: [] };
  let target: Record<string, unknown> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    if (line === '[[registry]]') {
      const r: Registry = { mirror: [] };
      out.registries.push(r);
      target = r as unknown as Record<string, unknown>;
      continue;
    }
    if (line === '[[registry.mirror]]') {
      const m: Mirror = {};
      out.registries[out.registries.length - 1]?.mirror.push(m);
      target = m as Record<string, unknown>;
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
    if (!kv) continue;
    const value = kv[2]!.trim();
    const parsed: unknown = value.startsWith('[')
      ? [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1])
      : value === 'true' || value === 'false'
        ? value === 'true'
        : value.replace(/^"(.*)"$/, '$1');
    if (kv[1] === 'unqualified-search-registries' && Array.isArray(parsed)) out.unqualified = parsed as string[];
    else if (target) target[kv[1]!] = parsed;
  }
  return out;
}

function fileText(r: RenderedLike, path: string): string {
  const src = (r.config?.storage?.files ?? []).find((f) => f.path === path)?.contents?.source ?? '';
  const m = /^data:([^,]*),(.*)$/s.exec(src);
  if (!m) return '';
  return m[1]!.endsWith(';base64') ? Buffer.from(m[2]!, 'base64').toString('utf8') : decodeURIComponent(m[2]!);
}

/** isSafeContainerRegistryConfChanges: only digest-only mirrors and registries added, search registries appended. */
export function safeRegistriesChange(old: RenderedLike, next: RenderedLike): boolean {
  const o = parseRegistriesConf(fileText(old, REGISTRIES_CONF));
  const n = parseRegistriesConf(fileText(next, REGISTRIES_CONF));
  if (o.unqualified.length > n.unqualified.length) return false;
  if (o.unqualified.some((r, i) => n.unqualified[i] !== r)) return false;
  const scope = (r: Registry) => r.prefix || r.location || '';
  const om = new Map(o.registries.map((r) => [scope(r), r]));
  const nm = new Map(n.registries.map((r) => [scope(r), r]));
  for (const k of om.keys()) if (!nm.has(k)) return false;
  for (const [k, nr] of nm) {
    const or = om.get(k);
    if (!or) {
      const allDigest =
        nr.mirror.length === 0 ? !!nr['mirror-by-digest-only'] : nr.mirror.every((m) => m['pull-from-mirror'] === 'digest-only');
      if (!allDigest) return false;
      continue;
    }
    if (same(or, nr)) continue;
    if ((or.prefix ?? '') !== (nr.prefix ?? '') || (or.location ?? '') !== (nr.location ?? '')) return false;
    if (!!or.blocked !== !!nr.blocked || !!or.insecure !== !!nr.insecure) return false;
    for (const m of or.mirror) if (!nr.mirror.some((x) => x.location === m.location)) return false;
    for (const m of nr.mirror) {
      const was = or.mirror.find((x) => x.location === m.location);
      if (was && m['pull-from-mirror'] !== was['pull-from-mirror'] && m['pull-from-mirror'] !== 'digest-only') return false;
      if (!was && m['pull-from-mirror'] !== 'digest-only' && !nr['mirror-by-digest-only']) return false;
    }
  }
  return true;
}

const has = (actions: PolicyAction[], ...types: ActionType[]) => actions.some((a) => types.includes(a.type));
const describe = (a: PolicyAction) =>
  a.type === 'Reload' ? `Reload ${a.reload?.serviceName ?? ''}` : a.type === 'Restart' ? `Restart ${a.restart?.serviceName ?? ''}` : a.type;

/** The legacy (no NodeDisruptionPolicy gate) file rules of update.go@release-4.16. */
function legacyActions(files: string[]): { legacy: string[]; reason: string } {
  const none = ['/etc/kubernetes/kubelet-ca.crt', '/var/lib/kubelet/config.json'];
  const reloadCrio = [REGISTRIES_CONF, '/etc/machine-config-daemon/no-reboot/containers-gpg.pub', '/etc/containers/policy.json'];
  const restartCrio = ['/etc/pki/ca-trust/source/anchors/openshift-config-user-ca-bundle.crt'];
  const dir = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/'))) || '/';
  let legacy = ['none'];
  for (const p of files) {
    if (none.includes(p)) continue;
    if (reloadCrio.includes(p) || dir(p) === '/etc/containers/registries.d') {
      if (!legacy.includes('restart crio')) legacy = ['reload crio'];
    } else if (restartCrio.includes(p)) legacy = ['restart crio'];
    else if (dir(p) === '/etc/nmstate/openshift') continue;
    else return { legacy: ['reboot'], reason: `${p} needs a reboot` };
  }
  return { legacy, reason: legacy[0] === 'none' ? 'changes need no action' : legacy[0]! };
}

/**
 * What MCO's daemon does when a node moves from `oldRendered` to `newRendered`, given the cluster's merged
 * `status.nodeDisruptionPolicyStatus.clusterPolicies` (null: the legacy rules of clusters without the gate).
 */
export function actionsFor(oldRendered: RenderedLike, newRendered: RenderedLike, clusterPolicies: ClusterPolicies | null): Disruption {
  const files = changedFiles(oldRendered, newRendered);
  const units = changedUnits(oldRendered, newRendered);
  const passwd = !same(oldRendered.config?.passwd ?? {}, newRendered.config?.passwd ?? {});
  const base = { os: osDiff(oldRendered, newRendered), files, units, passwd };
  const reboot = (reason: string, legacy?: string[]): Disruption => ({
    ...base,
    actions: [{ type: 'Reboot' }],
    ...(legacy ? { legacy } : {}),
    drain: true,
    reboot: true,
    reason,
  });
  const field = rebootField(oldRendered, newRendered);
  if (clusterPolicies === null) {
    if (field) return reboot(`${field} changed`, ['reboot']);
    if (units.length) return reboot(`unit ${units[0]} changed`, ['reboot']);
    const { legacy, reason } = legacyActions(files);
    if (legacy[0] === 'reboot') return reboot(reason, legacy);
    const actions: PolicyAction[] =
      legacy[0] === 'reload crio'
        ? [{ type: 'Reload', reload: { serviceName: 'crio.service' } }]
        : legacy[0] === 'restart crio'
          ? [{ type: 'Restart', restart: { serviceName: 'crio.service' } }]
          : [{ type: 'None' }];
    // isDrainRequired: reload/restart crio drain only for an unsafe registries.conf change; none never drains.
    const drain = legacy[0] !== 'none' && files.includes(REGISTRIES_CONF) && !safeRegistriesChange(oldRendered, newRendered);
    return { ...base, actions, legacy, drain, reboot: false, reason };
  }
  if (field) return reboot(`${field} changed`);
  if (!files.length && !units.length && !passwd)
    return { ...base, actions: [{ type: 'None' }], drain: false, reboot: false, reason: 'no file, unit or SSH key changed' };
  let actions: PolicyAction[] = [];
  for (const p of files) {
    const found = closestFilePolicy(p, clusterPolicies.files);
    if (!found) return reboot(`${p} has no disruption policy`);
    actions.push(...found);
  }
  for (const u of units) {
    const found = (clusterPolicies.units ?? []).find((x) => x.name === u);
    if (!found) return reboot(`unit ${u} has no disruption policy`);
    actions.push(...found.actions);
  }
  if (passwd) actions.push(...(clusterPolicies.sshkey?.actions ?? []));
  if (has(actions, 'Reboot')) return reboot('a disruption policy says Reboot');
  if (has(actions, 'None')) {
    actions = has(actions, 'Drain', 'Reload', 'Restart', 'DaemonReload', 'Special')
      ? actions.filter((a) => a.type !== 'None')
      : [{ type: 'None' }];
  }
  const drain = has(actions, 'Drain') || (has(actions, 'Special') && !safeRegistriesChange(oldRendered, newRendered));
  return { ...base, actions, drain, reboot: false, reason: actions.map(describe).join(', ') };
}

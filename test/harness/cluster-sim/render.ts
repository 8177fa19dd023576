/**
 * The render controller's merge, as a pure function: a pool's MachineConfigs in, one rendered spec
 * (or MCO's error) out. No store, no timers, so a test or another predictor can call it directly.
 *
 * Sources (openshift/machine-config-operator@release-4.21):
 * - pkg/controller/common/helpers.go `MergeMachineConfigs`: worker-role MCs first, then the rest, each by
 *   name; Ignition merged in that order (`ign3.Merge`: a later file, unit or user with the same key
 *   overrides the earlier one's fields); files without `overwrite` get `overwrite: true`; fips is true if
 *   any MC sets it; kernelType is the last `realtime`/`64k-pages`, else `default`; kernelArguments and
 *   extensions are concatenated; osImageURL is the last non-empty one from a user MC, else the base image;
 *   `installing kernel-devel extension is not supported with kernelType: X`.
 * - `ValidateMachineConfig`: `kernelType=X is invalid`, `invalid extensions found: [a b]` (only with an
 *   Ignition config, as MCO checks it).
 * - pkg/controller/render/render_controller.go: `could not generate rendered MachineConfig: …`,
 *   `reconciliation failed between current config "A" and base config "B": <reason>`, and the pool
 *   condition `RenderDegraded` `Failed to render configuration for pool <p>: …` (syncFailingStatus).
 * - pkg/controller/common/reconcile.go `isConfigReconcilable`: the reasons checked here.
 * Simplification: Ignition list fields other than files/units/users/directories/links are not merged.
 */
import { createHash } from 'node:crypto';

export interface IgnFile {
  path: string;
  contents?: { source?: string; compression?: string };
  append?: unknown[];
  mode?: number;
  overwrite?: boolean;
  [k: string]: unknown;
}
export interface IgnUnit {
  name: string;
  contents?: string;
  enabled?: boolean;
  mask?: boolean;
  dropins?: { name: string; contents?: string }[];
  [k: string]: unknown;
}
export interface IgnUser {
  name: string;
  sshAuthorizedKeys?: string[];
  passwordHash?: string;
  [k: string]: unknown;
}
export interface IgnConfig {
  ignition: { version: string };
  storage?: { files?: IgnFile[]; directories?: { path: string }[]; links?: { path: string }[]; disks?: unknown[] };
  systemd?: { units?: IgnUnit[] };
  passwd?: { users?: IgnUser[]; groups?: unknown[] };
}
/** A rendered MachineConfig's spec: what a node is told to become. */
export interface RenderedSpec {
  osImageURL: string;
  kernelType: string;
  extensions: string[];
  kernelArguments: string[];
  fips: boolean;
  config: IgnConfig;
}
export interface McLike {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

const ROLE = 'machineconfiguration.openshift.io/role';
const GENERATED = 'machineconfiguration.openshift.io/generated-by-controller-version';
/** MCO's extension allow-list (pkg/controller/common/helpers.go SupportedExtensions, RHCOS 9). */
export const SUPPORTED_EXTENSIONS = [
  'two-node-ha',
  'wasm',
  'ipsec',
  'usbguard',
  'kerberos',
  'kernel-devel',
  'sandboxed-containers',
  'sysstat',
];
const KERNEL_TYPES = ['', 'default', 'realtime', '64k-pages'];

/** MergeMachineConfigs' order: worker-role MachineConfigs first, then the rest, each by name. */
export function renderOrder<T extends McLike>(mcs: readonly T[]): T[] {
  const byName = (a: T, b: T) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
  const worker = mcs.filter((m) => m.metadata.labels?.[ROLE] === 'worker').sort(byName);
  const other = mcs.filter((m) => m.metadata.labels?.[ROLE] !== 'worker').sort(byName);
  return [...worker, ...other];
}

function byKey<T>(parent: T[] | undefined, child: T[] | undefined, key: (x: T) => string, merge: (a: T, b: T) => T): T[] {
  const out = [...(parent ?? [])];
  for (const c of child ?? []) {
    const i = out.findIndex((p) => key(p) === key(c));
    if (i >= 0) out[i] = merge(out[i]!, c);
    else out.push(c);
  }
  return out;
}

/** `ign3.Merge(parent, child)` for the sections MachineConfigs use. */
export function mergeIgnition(parent: IgnConfig, child: Partial<IgnConfig>): IgnConfig {
  const files = byKey(
    parent.storage?.files,
    child.storage?.files,
    (f) => f.path,
    (a, b) => ({ ...a, ...b }),
  );
  const directories = byKey(
    parent.storage?.directories,
    child.storage?.directories,
    (d) => d.path,
    (a, b) => ({ ...a, ...b }),
  );
  const links = byKey(
    parent.storage?.links,
    child.storage?.links,
    (d) => d.path,
    (a, b) => ({ ...a, ...b }),
  );
  const units = byKey(
    parent.systemd?.units,
    child.systemd?.units,
    (u) => u.name,
    (a, b) => ({
      ...a,
      ...b,
      ...(a.dropins || b.dropins
        ? {
            dropins: byKey(
              a.dropins,
              b.dropins,
              (d) => d.name,
              (x, y) => ({ ...x, ...y }),
            ),
          }
        : {}),
    }),
  );
  const users = byKey(
    parent.passwd?.users,
    child.passwd?.users,
    (u) => u.name,
    (a, b) => ({
      ...a,
      ...b,
      ...(a.sshAuthorizedKeys || b.sshAuthorizedKeys
        ? { sshAuthorizedKeys: [...new Set([...(a.sshAuthorizedKeys ?? []), ...(b.sshAuthorizedKeys ?? [])])] }
        : {}),
    }),
  );
  const out: IgnConfig = { ignition: { version: parent.ignition.version } };
  if (files.length || directories.length || links.length)
    out.storage = {
      ...(files.length ? { files } : {}),
      ...(directories.length ? { directories } : {}),
      ...(links.length ? { links } : {}),
    };
  if (units.length) out.systemd = { units };
  if (users.length) out.passwd = { users };
  return out;
}

export type RenderResult = { spec: RenderedSpec; error?: undefined } | { error: string; spec?: undefined };

/** Merges a pool's MachineConfigs (any order; sorted here) as MCO does; `error` is MCO's message after "Failed to render configuration for pool <p>: ". */
export function mergeMachineConfigs(mcs: readonly McLike[], baseImage: string, ignitionVersion = '3.4.0'): RenderResult {
  const sorted = renderOrder(mcs);
  const fail = (e: string): RenderResult => ({ error: `could not generate rendered MachineConfig: ${e}` });
  for (const mc of sorted) {
    const s = mc.spec ?? {};
    const kt = s['kernelType'];
    if (typeof kt === 'string' && !KERNEL_TYPES.includes(kt)) return fail(`kernelType=${kt} is invalid`);
    const ext = (s['extensions'] as string[] | undefined) ?? [];
    const bad = ext.filter((x) => !SUPPORTED_EXTENSIONS.includes(x));
    if (s['config'] && bad.length) return fail(`invalid extensions found: [${bad.join(' ')}]`);
  }
  let config: IgnConfig = { ignition: { version: ignitionVersion } };
  for (const mc of sorted) {
    const c = mc.spec?.['config'] ?? null;
    if (c && typeof c === 'object') config = mergeIgnition(config, c);
  }
  for (const f of config.storage?.files ?? []) if (f.overwrite === undefined) f.overwrite = true;
  let fips = false;
  let kernelType = '';
  const kernelArguments: string[] = [];
  const extensions: string[] = [];
  let osImageURL = baseImage;
  for (const mc of sorted) {
    const s = mc.spec ?? {};
    if (s['fips'] === true) fips = true;
    if (s['kernelType'] === 'realtime' || s['kernelType'] === '64k-pages') kernelType = s['kernelType'];
    kernelArguments.push(...((s['kernelArguments'] as string[] | undefined) ?? []));
    extensions.push(...((s['extensions'] as string[] | undefined) ?? []));
    if (!mc.metadata.annotations?.[GENERATED] && typeof s['osImageURL'] === 'string' && s['osImageURL']) osImageURL = s['osImageURL'];
  }
  kernelType ||= 'default';
  if (kernelType !== 'default' && extensions.includes('kernel-devel'))
    return fail(`installing kernel-devel extension is not supported with kernelType: ${kernelType}`);
  return { spec: { osImageURL, kernelType, extensions, kernelArguments, fips, config } };
}

/** `isConfigReconcilable`'s reason why `next` cannot replace `cur` on running nodes, or null. */
export function irreconcilable(cur: RenderedSpec, next: RenderedSpec): string | null {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  if (!same(cur.config.passwd?.groups, next.config.passwd?.groups))
    return 'invalid passwd change(s): ignition Passwd Groups section contains changes';
  for (const u of next.config.passwd?.users ?? [])
    if (
      u.name !== 'core' &&
      !same(
        u,
        (cur.config.passwd?.users ?? []).find((x) => x.name === u.name),
      )
    )
      return 'invalid passwd change(s): ignition passwd user section contains unsupported changes: user must be core and have 1 or more sshKeys';
  if (!same(cur.config.storage?.disks, next.config.storage?.disks)) return 'ignition disks section contains changes';
  if (!same(cur.config.storage?.directories, next.config.storage?.directories)) return 'ignition directories section contains changes';
  if (!same(cur.config.storage?.links, next.config.storage?.links)) return 'ignition links section contains changes';
  for (const f of next.config.storage?.files ?? []) if ((f.append ?? []).length) return `ignition file ${f.path} includes append`;
  if (cur.fips !== next.fips) return 'detected change to FIPS flag; refusing to modify FIPS on a running cluster';
  return null;
}

/**
 * generateAndValidateRenderedMachineConfig: when the new render cannot replace the current one, names the
 * first MachineConfig that brings the reason (as MCO matches the reason per component config).
 */
export function reconcileError(
  currentName: string,
  cur: RenderedSpec,
  next: RenderedSpec,
  mcs: readonly McLike[],
  baseImage: string,
): string | null {
  const reason = irreconcilable(cur, next);
  if (!reason) return null;
  for (const mc of renderOrder(mcs)) {
    const alone = mergeMachineConfigs([mc], baseImage, cur.config.ignition.version);
    if (alone.spec && irreconcilable(cur, alone.spec) === reason)
      return `could not generate rendered MachineConfig: reconciliation failed between current config "${currentName}" and base config "${mc.metadata.name}": ${reason}`;
  }
  return `could not generate rendered MachineConfig: render reconciliation error: ${reason}`;
}

/** `rendered-<pool>-<hash of the merged spec>` (render_controller.go getMachineConfigHashedName). */
export function renderedName(pool: string, spec: RenderedSpec): string {
  return `rendered-${pool}-${createHash('md5').update(JSON.stringify(spec)).digest('hex')}`;
}

/** MachineConfig extensions and the RPMs MCO installs for each, per OpenShift version (from MCO's source). */
import data from './extensions.json';
import streamData from './streamExtensions.json';
import type { OcpVersion } from '../core/types';
import { atMost, formatVersion } from '../core/version';

type ExtMap = Record<string, string[]>;
const byVersion = (data as unknown as { byMCOVersion: Record<string, { extensions: ExtMap }> }).byMCOVersion;
const master = (data as unknown as { master: { extensions: ExtMap } }).master.extensions;
export const kernelTypePackages = (data as unknown as { kernelTypePackages: Record<string, string[]> }).kernelTypePackages;

export const KNOWN_VERSIONS = Object.keys(byVersion).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));

/** Extensions for a version; for an unknown version, every extension of any version. */
export function extensionsFor(v: OcpVersion | null): ExtMap {
  if (!v) {
    const all: ExtMap = {};
    for (const e of [...Object.values(byVersion).map((x) => x.extensions), master]) {
      for (const [name, pkgs] of Object.entries(e)) all[name] = [...new Set([...(all[name] ?? []), ...pkgs])];
    }
    return all;
  }
  const key = formatVersion(v);
  if (byVersion[key]) return byVersion[key].extensions;
  const newest = KNOWN_VERSIONS[KNOWN_VERSIONS.length - 1]!;
  // 5.0 is MCO's release-4.23 branch under its new name (one commit); later versions get main's list.
  if (v.major === 5 && v.minor === 0) return byVersion['4.23']?.extensions ?? master;
  return v.major > 4 || v.minor > Number(newest.split('.')[1]) ? master : byVersion[KNOWN_VERSIONS[0]!]!.extensions;
}

const perStream = streamData as unknown as Record<string, Record<string, string[]> | string>;

/**
 * The extensions a pool on `stream` can install: MCO's list for the version, less what that stream's
 * extensions image lacks (the RHEL 10 stream of 4.21 has no ipsec and no wasm). Without a stream, or
 * for a version without streams, MCO's list.
 */
export function extensionsForStream(v: OcpVersion | null, stream: string | null | undefined): ExtMap {
  const all = extensionsFor(v);
  if (!v || !stream || atMost(v, 4, 20)) return all;
  const key = atMost(v, 4, 22) ? formatVersion(v) : '5.0';
  const carried = perStream[key];
  const list = carried && typeof carried === 'object' ? carried[stream] : undefined;
  if (!list) return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => list.includes(name)));
}

const p2eCache = new Map<string, Map<string, string[]>>();

/** RPM name -> extensions that install it. */
export function packageToExtensions(v: OcpVersion | null): Map<string, string[]> {
  const key = v ? formatVersion(v) : '';
  const hit = p2eCache.get(key);
  if (hit) return hit;
  const m = new Map<string, string[]>();
  p2eCache.set(key, m);
  for (const [ext, pkgs] of Object.entries(extensionsFor(v))) {
    for (const p of pkgs) m.set(p, [...(m.get(p) ?? []), ext]);
  }
  return m;
}

import type { OcpVersion } from './types';

export function parseOcpVersion(v: string | undefined): OcpVersion | null {
  const m = /^\s*v?(\d+)\.(\d+)/.exec(v ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** RHEL major of RHCOS for an OpenShift version: 4.12 is RHEL 8.6, 4.13 and later RHEL 9. */
export function rhelMajor(v: OcpVersion): number {
  return v.major === 4 && v.minor <= 12 ? 8 : 9;
}

export function atMost(v: OcpVersion, major: number, minor: number): boolean {
  return v.major < major || (v.major === major && v.minor <= minor);
}

export function formatVersion(v: OcpVersion): string {
  return `${v.major}.${v.minor}`;
}

/**
 * The version a version-dependent rule reads when none is set (no `rhcosLayering.ocpVersion`, no
 * cluster): the newest the rules know (shared/domain CURRENT.md §0 goes to 4.23/5.0). Every threshold
 * the rules test (4.15, 4.18, 4.19) lies below it, so this is "the reading right for current clusters".
 */
export const ASSUMED_OCP: OcpVersion = { major: 4, minor: 23 };

/** On-cluster layering (`FROM configs`) exists from 4.16 (CURRENT.md §0), so such a file is 4.16 or later whatever the setting says. */
export const FIRST_ON_CLUSTER: OcpVersion = { major: 4, minor: 16 };

/**
 * The version to judge a file by: the set one, raised to 4.16 for an on-cluster file; without a
 * setting, `ASSUMED_OCP`. `assumed` says the version was not set, for messages that name it.
 */
export function judgedVersion(set: OcpVersion | null, onCluster: boolean): { v: OcpVersion; assumed: boolean } {
  if (!set) return { v: ASSUMED_OCP, assumed: true };
  if (onCluster && atMost(set, 4, 15)) return { v: FIRST_ON_CLUSTER, assumed: false };
  return { v: set, assumed: false };
}

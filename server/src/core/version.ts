import type { OcpVersion } from './types';

export function parseOcpVersion(v: string | undefined): OcpVersion | null {
  const m = /^\s*v?(\d+)\.(\d+)/.exec(v ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** RHEL major of RHCOS for an OpenShift version: 4.12 is RHEL 8.6, 4.13 and later RHEL 9 (the default stream of an updated cluster). */
export function rhelMajor(v: OcpVersion): number {
  return v.major === 4 && v.minor <= 12 ? 8 : 9;
}

/**
 * The RHEL release of RHCOS per OpenShift version, for messages (shared/domain CURRENT.md §5: openshift/os
 * manifests per release branch; 4.22 is RHEL 9.8 from OS commit 630c237). 4.13-4.15 are RHEL 9 (9.2).
 */
const RHEL_RELEASE: [major: number, minor: number, rhel: string][] = [
  [4, 12, '8.6'],
  [4, 15, '9.2'],
  [4, 18, '9.4'],
  [4, 21, '9.6'],
  [99, 99, '9.8'],
];

export function rhelRelease(v: OcpVersion): string {
  return RHEL_RELEASE.find(([major, minor]) => atMost(v, major, minor))![2];
}

/**
 * OS image streams a pool can run (MachineConfigPool `spec.osImageStream.name`, OSStreams feature, TechPreview
 * in 4.21-4.22, default from 5.0; MCO pkg/osimagestream names them by the image label
 * `io.openshift.os.streamclass`: rhel-9, rhel-10), with the RHEL major of each, and the stream of a pool
 * that names none. 4.23 is the branch that became 5.0 (MCO release-4.23 and release-5.0 are one commit).
 * From 5.0 a new install runs RHEL 10 and an updated cluster keeps RHEL 9 (openshift-docs
 * machine_configuration/mco-image-streams.adoc), so the default is not known there: null.
 */
export interface OsStreams {
  streams: Record<string, number>;
  default: string | null;
}

export function osStreams(v: OcpVersion): OsStreams {
  if (atMost(v, 4, 12)) return { streams: { 'rhel-8': 8 }, default: 'rhel-8' };
  if (atMost(v, 4, 20)) return { streams: { 'rhel-9': 9 }, default: 'rhel-9' };
  if (atMost(v, 4, 22)) return { streams: { 'rhel-9': 9, 'rhel-10': 10 }, default: 'rhel-9' };
  return { streams: { 'rhel-9': 9, 'rhel-10': 10 }, default: null };
}

/** RHEL major of a stream name (`rhel-10` → 10, `rhel-9.8`, `centos-10`), or null for a name that says none. */
export function streamMajor(stream: string): number | null {
  const m = /^(?:rhel|centos|rhcos)-?(\d+)/i.exec(stream);
  return m ? Number(m[1]) : null;
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

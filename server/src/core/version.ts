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

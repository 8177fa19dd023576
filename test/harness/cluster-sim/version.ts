/** The simulated OpenShift version (`--ocp-version`), and what differs with it. */
export interface OcpVersion {
  major: number;
  minor: number;
}

export const SUPPORTED = { from: 16, to: 23 };

export function parseVersion(s: string): OcpVersion {
  const m = /^4\.(\d{1,2})$/.exec(s.trim());
  const minor = m ? Number(m[1]) : NaN;
  if (!(minor >= SUPPORTED.from && minor <= SUPPORTED.to))
    throw new Error(
      `--ocp-version must be 4.${SUPPORTED.from} … 4.${SUPPORTED.to} (a minor version such as 4.18), not ${JSON.stringify(s)}`,
    );
  return { major: 4, minor };
}

export function atLeast(v: OcpVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

export function show(v: OcpVersion): string {
  return `${v.major}.${v.minor}`;
}

/** The Kubernetes minor each OpenShift minor ships (4.16 = 1.29 … 4.23 = 1.36). */
export function kubeMinor(v: OcpVersion): number {
  return v.minor + 13;
}

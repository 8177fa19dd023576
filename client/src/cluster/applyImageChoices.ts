/**
 * The answers of Apply Layered Image to Pool that do not need VS Code: the MachineConfig name that
 * follows the pool, and whether the optional pre-pull step is offered.
 */

/** Pre-pulling an image on a pool's nodes (a PinnedImageSet) is offered from this OpenShift release on. */
export const PREPULL_SINCE = '4.19';

/** `os-layer-<pool>`, the name offered for the MachineConfig. */
export function defaultName(pool: string): string {
  return `os-layer-${pool}`;
}

/**
 * The name to offer after the pool changed (the user went Back and picked another): the default of
 * the new pool, unless the user had typed a name of their own, which is kept.
 */
export function nameForPool(pool: string, previous: { pool: string; name: string } | undefined): string {
  if (!previous || previous.name === defaultName(previous.pool)) return defaultName(pool);
  return previous.name;
}

/** `4.19` ≥ `4.19`, `5.0` ≥ `4.19`; false for a version that is not major.minor. */
export function versionAtLeast(version: string | null, min: string): boolean {
  const parse = (v: string) => /^(\d+)\.(\d+)/.exec(v)?.slice(1, 3).map(Number);
  const a = version ? parse(version) : undefined;
  const b = parse(min);
  if (!a || !b) return false;
  return a[0]! !== b[0]! ? a[0]! > b[0]! : a[1]! >= b[1]!;
}

/** The pre-pull step is shown when the cluster is 4.19 or later and the pre-pull command is installed. */
export function offersPrepull(clusterVersion: string | null, commands: readonly string[]): boolean {
  return versionAtLeast(clusterVersion, PREPULL_SINCE) && commands.includes('rhcosLayering.prepullImage');
}

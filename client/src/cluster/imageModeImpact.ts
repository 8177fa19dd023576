/**
 * What the Apply Containerfile to Pool modal says will happen to the pool (shared/domain/CURRENT.md §1.3–1.4):
 * a build, then every node rebooted into it (on a paused pool the build runs and the rollout waits); an
 * update rebuilds and the nodes keep their image until the build succeeds; a MachineOSConfig of another
 * name on the pool is deleted first, which reverts the nodes (two reboots each) unless the pool is paused.
 */

export interface MoscImpact {
  headline: string;
  detail: string[];
  /** Offer to pause the pool first: a MachineOSConfig is deleted on a pool that is not paused. */
  offerPause: boolean;
}

export function moscImpact(
  context: string,
  pool: { name: string; total: number; paused: boolean },
  change: { name: string; existing: boolean; others: string[] },
): MoscImpact {
  const p = pool.name;
  const nodes = `${pool.total} node${pool.total === 1 ? '' : 's'} of pool ${p}`;
  const rollout = pool.paused
    ? `pool ${p} is paused: the image is built, and no node updates until the pool is resumed`
    : `${nodes} ${pool.total === 1 ? 'is' : 'are'} cordoned, drained and rebooted into it, one batch (maxUnavailable) at a time`;
  const headline = change.existing
    ? `${context}: MCO builds a new image for pool ${p}; the nodes keep theirs until the build succeeds, then ${rollout}`
    : `${context}: MCO builds an image for pool ${p} in a Job in openshift-machine-config-operator, then ${rollout}`;
  const accepted = '(the server accepted it in a dry run)';
  const detail = [
    change.existing
      ? `This updates MachineOSConfig ${change.name} on ${context} ${accepted}.`
      : change.others.length
        ? `This creates MachineOSConfig ${change.name} on ${context} ${accepted}.`
        : `This creates the first MachineOSConfig of pool ${p} on ${context} ${accepted}.`,
  ];
  if (change.others.length)
    detail.push(
      `Pool ${p} already has MachineOSConfig ${change.others.join(', ')}; it is deleted first. ` +
        (pool.paused
          ? `The pool is paused, so its nodes stay as they are until it is resumed.`
          : 'Unless the pool is paused, every node then reverts to the base image (two reboots each) before the new build rolls ' +
            'out. Pausing the pool first avoids that; resume it once the new build has succeeded.'),
    );
  return { headline, detail, offerPause: change.others.length > 0 && !pool.paused };
}

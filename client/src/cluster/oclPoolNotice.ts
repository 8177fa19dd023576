/**
 * What an osImageURL MachineConfig does to a pool that builds its image on the cluster, by release
 * (shared/domain/CURRENT.md §1.2: up to 4.21 the build's base comes from machine-config-osimageurl and
 * the nodes boot the built image, MCO:pkg/controller/build/buildrequest/buildrequestopts.go and
 * pkg/daemon/ocl.go; from 4.22 the rendered osImageURL is the build's base, MCO commit ec546a10b).
 */

/** `4.21` -> [4, 21]; null when not a version. */
function parse(v: string | null): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function osImageOnImageModePool(version: string | null, pool: string, mosc: string, image: string): string {
  const v = parse(version);
  const upTo421 =
    `Up to OpenShift 4.21 the MachineOSConfig's build wins: it builds on the release's base image, so ${image} changes neither ` +
    `the build nor what the nodes of pool ${pool} boot. Put the change in the MachineOSConfig's Containerfile, or remove image mode from the pool first.`;
  const from422 =
    `From OpenShift 4.22 the osImageURL becomes the base of the pool's build: MCO builds MachineOSConfig ${mosc} again on top of ` +
    `${image}, and the nodes of pool ${pool} then boot that build, not ${image} itself.`;
  const head = `Pool ${pool} builds its OS image on the cluster (MachineOSConfig ${mosc}).`;
  if (!v) return `${head} The cluster's version is unknown. ${upTo421} ${from422}`;
  return `${head} ${v[0] > 4 || v[1] >= 22 ? from422 : upTo421}`;
}

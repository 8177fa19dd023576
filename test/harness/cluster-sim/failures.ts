/**
 * Failures the simulator can inject per node (`--fail <node>=<kind>,…`, `options({ fail })`, or
 * `Simulator.injectFailure` at runtime), each with the text MCO writes. Sources:
 * - pull errors: MCO:pkg/daemon/update.go@release-4.21 (`Failed to update OS to %s (will retry): %v` for each of
 *   the 5 attempts, then `Failed to update OS to %s after retries: %w` wrapping wait.ExponentialBackoff's
 *   `timed out waiting for the condition`), rpm-ostree.go `rebase --experimental ostree-unverified-registry:`,
 *   `runCmdSync`'s `error running %s %s: %s: %w`; the inner texts from containers/image as users report them
 *   (ostreedev/ostree#3433 unauthorized, coreos/rpm-ostree#5142 manifest unknown; signature and x509:
 *   shared/domain/CURRENT.md §6).
 * - drain: MCO:pkg/daemon/drain.go (`failed to drain node: %s after 1 hour. Please see machine-config-controller
 *   logs for more information`, event FailedToDrain) and pkg/controller/drain/drain_controller.go (the MCN
 *   Drained message, event DrainThresholdExceeded); the eviction error is kubectl/pkg/drain's.
 * - on-disk state: MCO:pkg/daemon/daemon.go `unexpected on-disk state validating against %s: %w`,
 *   `expected target osImageURL %q, have %q`, event OnDiskStateValidationFailed.
 * - rendered config not found: the lister's NotFound error (MCO#2010, okd#963).
 * - prepull-unauthorized: the registry refuses the node's pull of a PinnedImageSet's image (pinnedImages.ts,
 *   MCO:pkg/daemon/pinned_image_set.go `ensurePullImage`); the node's OS updates are not affected.
 */
export const FAILURE_KINDS = [
  'pull-unauthorized',
  'manifest-unknown',
  'signature-rejected',
  'x509',
  'drain-pdb',
  'ondisk-mismatch',
  'rendered-not-found',
  'prepull-unauthorized',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export function isFailureKind(s: string): s is FailureKind {
  return (FAILURE_KINDS as readonly string[]).includes(s);
}

/** `worker-0=drain-pdb,worker-1=x509` → a map; unknown kinds are an error that lists the known ones. */
export function parseFailures(text: string): Record<string, FailureKind> {
  const out: Record<string, FailureKind> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [node, kind] = part.split('=');
    if (!node || !kind) throw new Error(`--fail takes <node>=<kind>, not ${JSON.stringify(part)}`);
    if (!isFailureKind(kind)) throw new Error(`--fail: unknown kind ${JSON.stringify(kind)}; one of ${FAILURE_KINDS.join(', ')}`);
    out[node] = kind;
  }
  return out;
}

/** Is this failure hit while pulling the OS image (only updates that change the OS pull)? */
export function isPullFailure(k: FailureKind): boolean {
  return k === 'pull-unauthorized' || k === 'manifest-unknown' || k === 'signature-rejected' || k === 'x509';
}

function repoAndRef(image: string): { repo: string; ref: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { repo: image.slice(0, at), ref: image.slice(at + 1) };
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? { repo: image.slice(0, colon), ref: image.slice(colon + 1) } : { repo: image, ref: 'latest' };
}

/** rpm-ostree's stderr for a failed rebase to `image`. */
export function pullStderr(kind: FailureKind, image: string): string {
  const { repo, ref } = repoAndRef(image);
  const host = repo.split('/')[0]!;
  const importer = 'error: Creating importer: failed to invoke method OpenImage: failed to invoke method OpenImage: ';
  if (kind === 'pull-unauthorized')
    return `${importer}reading manifest ${ref} in ${repo}: unauthorized: access to the requested resource is not authorized`;
  if (kind === 'manifest-unknown') return `${importer}reading manifest ${ref} in ${repo}: manifest unknown`;
  if (kind === 'signature-rejected') return `${importer}Source image rejected: A signature was required, but no signature exists`;
  return `${importer}pinging container registry ${host}: Get "https://${host}/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority`;
}

/** The error `runCmdSync` returns for the failed rebase (what each retry's warning carries). */
export function rebaseError(kind: FailureKind, image: string): string {
  return `error running rpm-ostree rebase --experimental ostree-unverified-registry:${image}: ${pullStderr(kind, image)}\n: exit status 1`;
}

export const pullDegraded = (image: string) => `Failed to update OS to ${image} after retries: timed out waiting for the condition`;
export const drainDegraded = (node: string) =>
  `failed to drain node: ${node} after 1 hour. Please see machine-config-controller logs for more information`;
export const evictionError = (pod: string, ns: string) =>
  `error when evicting pods/"${pod}" -n "${ns}": Cannot evict pod as it would violate the pod's disruption budget.`;
export const onDiskDegraded = (rendered: string, want: string, have: string) =>
  `unexpected on-disk state validating against ${rendered}: expected target osImageURL "${want}", have "${have}"`;
export const renderedNotFound = (rendered: string) => `machineconfig.machineconfiguration.openshift.io "${rendered}" not found`;

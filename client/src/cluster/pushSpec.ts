/**
 * The push-spec box of Apply Containerfile to Pool: the API's own check (common/pushSpec.ts) as the
 * user types, with what is wrong in their terms, and the internal registry's address when the cluster
 * has one.
 */
import { PUSH_SPEC_MAX, V1_PUSH_MESSAGE, v1PushSpecValid } from '../../../common/pushSpec';

/** Where MCO's quickstart pushes to the internal registry (MCO:docs/onclusterlayering-quickstart.md). */
export const INTERNAL_REGISTRY = 'image-registry.openshift-image-registry.svc:5000';
export const MCO_NAMESPACE = 'openshift-machine-config-operator';

/** The internal registry's push spec for a pool's builds: an image stream in MCO's namespace, a tag MCO replaces with each build's name. */
export function internalPushSpec(pool: string): string {
  return `${INTERNAL_REGISTRY}/${MCO_NAMESPACE}/os-image-${pool}:latest`;
}

/** null when the API accepts `value` as renderedImagePushSpec; else the API's message and what to change. */
export function checkPushSpec(value: string): string | null {
  const v = value.trim();
  if (!v) return 'Enter where MCO pushes the built image: <registry host>/<repository>:<tag>, for example quay.io/my-org/os-image:latest.';
  if (v.length > PUSH_SPEC_MAX) return `At most ${PUSH_SPEC_MAX} characters (this has ${v.length}).`;
  if (v1PushSpecValid(v)) return null;
  return `The API rejects it: "${V1_PUSH_MESSAGE}" ${hint(v)}`;
}

function hint(v: string): string {
  if (/^[a-z]+:\/\//i.test(v)) return 'Leave out the scheme: start with the registry host.';
  if (v.includes('@')) return 'A digest is not allowed: MCO tags each build itself, so end with a tag such as :latest.';
  const slash = v.indexOf('/');
  if (slash < 0) return 'Add a repository: <registry host>/<repository>:<tag>.';
  const host = v.slice(0, slash);
  if (!host.split(':')[0]!.includes('.')) return `The registry host ${host} needs a dot (a fully qualified name; localhost is refused).`;
  if (!/:[^/]+$/.test(v)) return 'Add a tag, for example :latest (MCO replaces it with the build’s name).';
  return 'Namespaces may hold only letters, digits, - and _ (no dots), at most 61 each.';
}

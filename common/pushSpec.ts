/**
 * MachineOSConfig v1 `renderedImagePushSpec` as the API server checks it (openshift/api
 * machineconfiguration/v1/types_machineosconfig.go `ImageTagFormat`, release-4.18 to 5.0): 1–447
 * characters and either CEL regex, with the API's message. Shared by the `mosc-push-spec` rule and the
 * push-spec box of Apply Containerfile to Pool.
 */

const V1_PUSH = /^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?(\/[a-zA-Z0-9_-]{1,61})*\/[a-zA-Z0-9_.-]+:[a-zA-Z0-9._-]+$/;
/** The internal registry's service form: `<service>.<namespace>.svc:<port>/<namespace>/<name>:<tag>`. */
export const SVC_PUSH = /^[^.]+\.[^.]+\.svc:\d+\/[^/]+\/[^/]+:[^/]+$/;
export const V1_PUSH_MESSAGE =
  'the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the scheme. ' +
  'Or it must be a valid .svc followed by a port, repository, image name, and tag.';
export const PUSH_SPEC_MAX = 447;

export function v1PushSpecValid(s: string): boolean {
  return V1_PUSH.test(s) || SVC_PUSH.test(s);
}

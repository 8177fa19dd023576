/**
 * What the MachineOSConfig rules share: the two API versions (v1alpha1 in 4.16–4.17, v1 from 4.18),
 * the push-spec validations of each (openshift/api CEL rules, with their messages), and the mapping
 * from v1alpha1 names and values to v1 (openshift/api machineconfiguration/v1alpha1 and v1
 * types_machineosconfig.go).
 */
import type { ErrorObject } from 'ajv';
import { GROUP, get, type YamlDoc } from './model';
import { SVC_PUSH, V1_PUSH_MESSAGE } from '../../../common/pushSpec';

export const V1 = `${GROUP}/v1`;
export const V1ALPHA1 = `${GROUP}/v1alpha1`;

export const isV1alpha1 = (d: YamlDoc): boolean => d.apiVersion === V1ALPHA1;
export const isV1 = (d: YamlDoc): boolean => d.apiVersion === V1;

/** v1 `ImageTagFormat` (renderedImagePushSpec): either regex passes (API v1 types_machineosconfig.go, release-4.18 to 5.0). */
export { PUSH_SPEC_MAX, V1_PUSH_MESSAGE, v1PushSpecValid } from '../../../common/pushSpec';

/** v1alpha1 `renderedImagePushspec` (4.16–4.17): two CEL rules, each with its own message. */
const V1ALPHA1_TAG = /^[a-zA-Z0-9./:-]+$/;
const V1ALPHA1_NAME = /^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?\/([a-zA-Z0-9_-]{0,61}\/)?[a-zA-Z0-9_.-]*?$/;
export const V1ALPHA1_PUSH_RULES: { test: (s: string) => boolean; message: string }[] = [
  {
    test: (s) => (s.split(':').length === 2 && V1ALPHA1_TAG.test(s.split(':')[1]!)) || SVC_PUSH.test(s),
    message:
      "the OCI Image reference must end with a valid :<tag>, where '<digest>' is 64 characters long and '<tag>' is any valid string  " +
      'Or it must be a valid .svc followed by a port, repository, image name, and tag.',
  },
  {
    test: (s) => (s.split(':').length === 2 && V1ALPHA1_NAME.test(s.split(':')[0]!)) || SVC_PUSH.test(s),
    message: V1_PUSH_MESSAGE,
  },
];

/** v1 `ImageDigestFormat` (status.currentImagePullSpec, MachineOSBuild status.digestedImagePushSpec): both rules must pass. */
const DIGEST_NAME = /^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?\/([a-zA-Z0-9_-]{0,61}\/)?[a-zA-Z0-9_.-]*?$/;
export const DIGEST_FORMAT_RULES: { test: (s: string) => boolean; message: string }[] = [
  {
    test: (s) => s.split('@').length === 2 && /^sha256:[a-f0-9]{64}$/.test(s.split('@')[1]!),
    message: "the OCI Image reference must end with a valid '@sha256:<digest>' suffix, where '<digest>' is 64 characters long",
  },
  {
    test: (s) => DIGEST_NAME.test(s.split('@')[0]!),
    message: 'the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the scheme',
  },
];

/** v1 `containerfileArch` enum, and the v1alpha1 values with their v1 spelling. */
export const V1_ARCHES = ['ARM64', 'AMD64', 'PPC64LE', 'S390X', 'NoArch'] as const;
export const V1ALPHA1_ARCH_TO_V1: Record<string, string> = {
  noarch: 'NoArch',
  amd64: 'AMD64',
  x86_64: 'AMD64',
  arm64: 'ARM64',
  aarch64: 'ARM64',
  ppc64le: 'PPC64LE',
  s390x: 'S390X',
};
/** The arch MCO builds (buildrequest.go newBuildRequest: "only support noArch for now"); the API's default. */
export const NO_ARCH = { v1: 'NoArch', v1alpha1: 'noarch' } as const;

/** v1alpha1 `imageBuilderType` and its v1 value. */
export const V1ALPHA1_BUILDER = { from: 'PodImageBuilder', to: 'Job' } as const;

/**
 * v1alpha1 names that a v1 object may carry under `spec` (copied from a 4.16/4.17 example), and what
 * v1 has instead: a new name, or nothing (`null`).
 */
export const V1ALPHA1_SPEC_FIELDS: Record<string, { v1: string | null; why: string }> = {
  buildInputs: {
    v1: null,
    why:
      'in v1 its fields sit directly under `spec` (`renderedImagePushspec` is spelt `renderedImagePushSpec`, `PodImageBuilder` is `Job`, ' +
      '`noarch` is `NoArch`; `baseOSImagePullspec`, `baseOSExtensionsImagePullspec` and `releaseVersion` are gone)',
  },
  buildOutputs: {
    v1: null,
    why:
      'v1 has no pull secret for nodes: they pull the built image with the cluster pull secret (for an external registry, add its read ' +
      'credentials to `openshift-config/pull-secret`)',
  },
  currentImagePullSecret: {
    v1: null,
    why:
      'it was `buildOutputs.currentImagePullSecret` in v1alpha1; v1 has no pull secret for nodes: they pull the built image with the ' +
      'cluster pull secret (for an external registry, add its read credentials to `openshift-config/pull-secret`)',
  },
  renderedImagePushspec: { v1: 'renderedImagePushSpec', why: 'v1 spells it with a capital `S`' },
  baseOSImagePullspec: { v1: null, why: 'v1 has no such field: MCO builds on the cluster’s own OS image' },
  baseOSExtensionsImagePullspec: { v1: null, why: 'v1 has no such field: MCO uses the cluster’s own extensions image' },
  releaseVersion: { v1: null, why: 'v1 has no such field: MCO fills in the release itself' },
};

/**
 * Schema errors on a v1 MachineOSConfig that mosc-v1alpha1-fields reports with the v1 name and a
 * quick fix: the schema stays quiet there, so each problem shows once.
 */
export function leftToV1alpha1Rule(e: Pick<ErrorObject, 'keyword' | 'instancePath' | 'params'>, value: unknown): boolean {
  const params = e.params as { additionalProperty?: string; missingProperty?: string };
  if (e.instancePath === '/spec' && e.keyword === 'additionalProperties')
    return !!params.additionalProperty && params.additionalProperty in V1ALPHA1_SPEC_FIELDS;
  if (e.keyword === 'enum' && /^\/spec\/containerFile\/\d+\/containerfileArch$/.test(e.instancePath)) {
    const arch = get(value, ['spec', 'containerFile', Number(e.instancePath.split('/')[3]), 'containerfileArch']);
    return typeof arch === 'string' && arch in V1ALPHA1_ARCH_TO_V1;
  }
  if (e.keyword === 'enum' && e.instancePath === '/spec/imageBuilder/imageBuilderType')
    return get(value, ['spec', 'imageBuilder', 'imageBuilderType']) === V1ALPHA1_BUILDER.from;
  if (e.keyword === 'required' && e.instancePath === '/spec' && params.missingProperty) {
    // A required field that the object has under its v1alpha1 name or place.
    const m = params.missingProperty;
    const inputs = get(value, ['spec', 'buildInputs']);
    if (inputs && typeof inputs === 'object' && (m in inputs || (m === 'renderedImagePushSpec' && 'renderedImagePushspec' in inputs)))
      return true;
    return m === 'renderedImagePushSpec' && get(value, ['spec', 'renderedImagePushspec']) !== undefined;
  }
  return false;
}

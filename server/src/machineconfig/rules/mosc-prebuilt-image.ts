import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { atMost, formatVersion, judgedVersion } from '../../core/version';
import { DIGEST_SUFFIX, IMAGE_REF, repository } from '../../../../common/imageRef';
import { MCO_PREFIX } from '../../../../common/mco';
import { DIGEST_FORMAT_RULES } from '../mosc';

/** MCO pkg/controller/build/constants/constants.go PreBuiltImageAnnotationKey (release-4.21 and later). */
const ANNOTATION = `${MCO_PREFIX}pre-built-image`;

export const moscPrebuiltImage: MachineConfigRule = {
  meta: {
    id: 'mosc-prebuilt-image',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig pre-built-image annotation that is not a digest reference',
    why:
      'From 4.21 a MachineOSConfig can be seeded with an image built elsewhere: MCO validates the `pre-built-image` annotation as an ' +
      'image by digest, writes it into a MachineOSBuild as `status.digestedImagePushSpec` (which the API checks as ' +
      '`host[:port][/namespace]/name@sha256:<64 hex>`, at most one namespace) and into a MachineConfig `osImageURL` that every node of ' +
      'the pool rebases to. A tag, a missing digest or a short host name fails the install or the seeding. Before 4.21 MCO ignores the annotation.',
    source:
      'MCO pkg/controller/build/constants/constants.go PreBuiltImageAnnotationKey; pkg/controller/bootstrap/bootstrap.go ' +
      'validatePreBuiltImage ("pre-built image must use digested format (image@sha256:digest)"); pkg/controller/build/reconciler.go ' +
      'createSyntheticMachineOSBuild (release-4.21 to 5.0); openshift/api machineconfiguration/v1/types_machineosconfig.go ImageDigestFormat',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: `kind: MachineOSConfig
metadata:
  name: worker
  annotations:
    machineconfiguration.openshift.io/pre-built-image: quay.io/example/layered-rhcos:latest`,
      good: `kind: MachineOSConfig
metadata:
  name: worker
  annotations:
    machineconfiguration.openshift.io/pre-built-image: quay.io/example/layered-rhcos@sha256:<64 hex digits>`,
      fix: 'Give the image by digest only: `<registry>/<repository>@sha256:<64 hex digits>`. Quick fix for `repo:tag@sha256:…`: *Drop the tag*.',
    },
  },
  check(model, ctx) {
    const { v } = judgedVersion(ctx.ocp, true);
    for (const d of owned(model, 'MachineOSConfig')) {
      const value = get(d.value, ['metadata', 'annotations', ANNOTATION]);
      if (value === undefined) continue;
      const path = ['metadata', 'annotations', ANNOTATION];
      const range = rangeAt(model, d, path);
      if (atMost(v, 4, 20)) {
        ctx.report({
          range: rangeAt(model, d, path, { key: true }),
          severity: 'warning',
          message: `MCO reads \`${ANNOTATION}\` from OpenShift 4.21; on ${formatVersion(v)} it does nothing, and the pool gets an image built on the cluster.`,
        });
        continue;
      }
      const ref = typeof value === 'string' ? value.trim() : '';
      const problem = judge(ref);
      if (!problem) continue;
      ctx.report({
        range,
        message: `\`${ANNOTATION}\`: ${problem.message}`,
        fixes: problem.fixed ? [{ title: 'Drop the tag', edits: [{ range, newText: problem.fixed }] }] : undefined,
      });
    }
  },
};

function judge(ref: string): { message: string; fixed?: string } | null {
  const want = 'give the image as `<registry>/<repository>@sha256:<64 hex digits>`';
  if (!ref) return { message: `empty: ${want}.` };
  if (!DIGEST_SUFFIX.test(ref))
    return { message: `MCO refuses \`${ref}\`: "pre-built image must use digested format (image@sha256:digest)"; ${want}.` };
  if (!IMAGE_REF.test(ref)) return { message: `\`${ref}\` is not an image reference (lowercase repository, no scheme): ${want}.` };
  const [name, digest] = ref.split('@') as [string, string];
  if (repository(name) !== name) {
    const fixed = `${repository(name)}@${digest}`;
    return {
      message:
        `\`${ref}\` has a tag as well as a digest: MCO writes it into the MachineOSBuild's \`digestedImagePushSpec\`, which the API ` +
        `rejects ("${DIGEST_FORMAT_RULES[1]!.message}"), and into \`osImageURL\`, which rpm-ostree refuses. Use \`${fixed}\`.`,
      fixed,
    };
  }
  const failed = DIGEST_FORMAT_RULES.filter((r) => !r.test(ref)).map((r) => r.message);
  if (failed.length)
    return {
      message:
        `MCO writes \`${ref}\` into the MachineOSBuild's \`digestedImagePushSpec\`, and the API rejects it: "${failed.join('" and "')}" ` +
        '(the host needs a dot, and at most one namespace may come between host and name).',
    };
  return null;
}

import type { ContainerfileRule } from '../rule';
import { osBaseImages } from '../fromImages';
import { DIGEST_SUFFIX as DIGEST_RE, repository } from '../../../../common/imageRef';
import { clusterBaseFix } from '../clusterBase';

export const fromPlaceholderDigest: ContainerfileRule = {
  meta: {
    id: 'from-placeholder-digest',
    kind: 'containerfile',
    severity: 'error',
    title: 'Base image digest is a placeholder',
    why: 'The documentation examples write `@sha256...` where the real digest goes. A digest is `sha256:` followed by 64 lowercase hex digits; anything else fails to pull.',
    source: 'openshift-docs coreos-layering.adoc examples',
    fixable: false,
    examples: {
      bad: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256...',
      good: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>',
      fix: 'Replace the placeholder with the real digest printed by `oc adm release info --image-for rhel-coreos`.',
    },
  },
  check(model, ctx) {
    for (const base of osBaseImages(model)) {
      const sep = base.image.indexOf('@');
      if (sep < 0 || DIGEST_RE.test(base.image)) continue;
      const digest = base.image.slice(sep + 1);
      ctx.report({
        at: [base.from.start, base.from.end],
        message: `FROM digest \`${digest}\` is not a real digest (\`sha256:\` and 64 hex digits): replace it with the digest of \`${repository(base.image)}\` from \`oc adm release info --image-for rhel-coreos\`.`,
        fixes: clusterBaseFix(base, ctx),
      });
    }
  },
};

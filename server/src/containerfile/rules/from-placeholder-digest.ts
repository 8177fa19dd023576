import type { Rule } from '../../core/types';
import type { ContainerfileModel } from '../model';
import { osBaseImages } from '../fromImages';
import { DIGEST_SUFFIX as DIGEST_RE, repository } from '../../../../common/imageRef';
import { clusterBaseFix } from '../clusterBase';

export const fromPlaceholderDigest: Rule<ContainerfileModel> = {
  meta: {
    id: 'from-placeholder-digest',
    kind: 'containerfile',
    severity: 'error',
    title: 'Base image digest is a placeholder',
    why: 'The documentation examples write `@sha256...` where the real digest goes. A digest is `sha256:` followed by 64 lowercase hex digits; anything else fails to pull.',
    source: 'openshift-docs coreos-layering.adoc examples',
    fixable: false,
  },
  check(model, ctx) {
    for (const base of osBaseImages(model)) {
      const at = base.image.indexOf('@');
      if (at < 0 || DIGEST_RE.test(base.image)) continue;
      const digest = base.image.slice(at + 1);
      const range = model.index.range(base.from.start, base.from.end);
      ctx.report({
        range,
        message: `FROM digest \`${digest}\` is not a real digest (\`sha256:\` and 64 hex digits): replace it with the digest of \`${repository(base.image)}\` from \`oc adm release info --image-for rhel-coreos\`.`,
        fixes: clusterBaseFix(model, base, ctx),
      });
    }
  },
};

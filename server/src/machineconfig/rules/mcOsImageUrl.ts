import type { Rule } from '../../core/types';
import { get, rangeAt, YamlModel } from '../model';
import { owned } from '../queries';
import { IMAGE_REF as REF, DIGEST_SUFFIX as PINNED } from '../../../../common/imageRef';


export const mcOsImageUrlInvalid: Rule<YamlModel> = {
  meta: {
    id: 'mc-osimageurl-invalid',
    kind: 'yaml',
    severity: 'error',
    title: 'osImageURL is not an image reference',
    why: 'Every node runs `rpm-ostree rebase` to osImageURL. A value that is not an image reference makes every node of the pool fail the update and degrade.',
    source: 'MCO pkg/daemon/rpm-ostree.go RebaseLayered; distribution/reference grammar',
    fixable: false,
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      for (const key of ['osImageURL', 'baseOSExtensionsContainerImage']) {
        const v = get(d.value, ['spec', key]);
        if (typeof v !== 'string' || v === '' || REF.test(v)) continue;
        ctx.report({ range: rangeAt(model, d, ['spec', key]), message: `\`${v}\` is not a valid image reference: write \`<registry>/<repository>@sha256:<64 hex digits>\` (no scheme, lowercase repository).` });
      }
    }
  },
};

export const mcOsImageUrlNotPinned: Rule<YamlModel> = {
  meta: {
    id: 'mc-osimageurl-not-pinned',
    kind: 'yaml',
    severity: 'warning',
    title: 'osImageURL by tag instead of digest',
    why: 'Each node pulls osImageURL on its own. A tag that moves while the pool updates leaves nodes on different images. MCO 4.18+ logs "set using a tag instead of a digest".',
    source: 'MCO docs/UsingLayering.md (WARNING); render_controller.go',
    fixable: false,
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      const v = get(d.value, ['spec', 'osImageURL']);
      if (typeof v !== 'string' || v === '' || !REF.test(v) || PINNED.test(v)) continue;
      ctx.report({ range: rangeAt(model, d, ['spec', 'osImageURL']), message: `osImageURL \`${v}\` is not pinned by digest: use \`${v.replace(/:[\w][\w.-]*$/, '')}@sha256:<digest>\` (the digest \`podman push --digestfile\` writes).` });
    }
  },
};

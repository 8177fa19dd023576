import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { IMAGE_REF as REF, DIGEST_SUFFIX as PINNED } from '../../../../common/imageRef';
import { machineConfigExample } from '../examples';

export const mcOsImageUrlNotPinned: MachineConfigRule = {
  meta: {
    id: 'mc-osimageurl-not-pinned',
    kind: 'yaml',
    severity: 'warning',
    title: 'osImageURL by tag instead of digest',
    why: 'Each node pulls osImageURL on its own. A tag that moves while the pool updates leaves nodes on different images. MCO 4.18+ logs "set using a tag instead of a digest".',
    source: 'MCO docs/UsingLayering.md (WARNING); render_controller.go',
    fixable: false,
    examples: {
      bad: machineConfigExample('  osImageURL: quay.io/my/image:latest'),
      good: machineConfigExample('  osImageURL: quay.io/my/image@sha256:<digest>'),
      fix: 'Push with `podman push --digestfile` and use the digest it writes.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      const v = get(d.value, ['spec', 'osImageURL']);
      if (typeof v !== 'string' || v === '' || !REF.test(v) || PINNED.test(v)) continue;
      ctx.report({
        range: rangeAt(model, d, ['spec', 'osImageURL']),
        message: `osImageURL \`${v}\` is not pinned by digest: use \`${v.replace(/:[\w][\w.-]*$/, '')}@sha256:<digest>\` (the digest \`podman push --digestfile\` writes).`,
      });
    }
  },
};

import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { IMAGE_REF as REF } from '../../../../common/imageRef';
import { machineConfigExample } from '../examples';

export const mcOsImageUrlInvalid: MachineConfigRule = {
  meta: {
    id: 'mc-osimageurl-invalid',
    kind: 'yaml',
    severity: 'error',
    title: 'osImageURL is not an image reference',
    why: 'Every node runs `rpm-ostree rebase` to osImageURL. A value that is not an image reference makes every node of the pool fail the update and degrade.',
    source: 'MCO pkg/daemon/rpm-ostree.go RebaseLayered; distribution/reference grammar',
    fixable: false,
    examples: {
      bad: machineConfigExample('  osImageURL: https://quay.io/my/image:latest'),
      good: machineConfigExample('  osImageURL: quay.io/my/image@sha256:<digest>'),
      fix: 'Write a plain image reference: registry, repository, and a digest.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      for (const key of ['osImageURL', 'baseOSExtensionsContainerImage']) {
        const v = get(d.value, ['spec', key]);
        if (typeof v !== 'string' || v === '' || REF.test(v)) continue;
        ctx.report({
          range: rangeAt(model, d, ['spec', key]),
          message: `\`${v}\` is not a valid image reference: write \`<registry>/<repository>@sha256:<64 hex digits>\` (no scheme, lowercase repository).`,
        });
      }
    }
  },
};

import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { IMAGE_REF as REF, repository } from '../../../../common/imageRef';
import { machineConfigExample } from '../examples';

export const mcOsImageUrlInvalid: MachineConfigRule = {
  meta: {
    id: 'mc-osimageurl-invalid',
    kind: 'yaml',
    severity: 'error',
    title: 'osImageURL is not an image reference',
    why:
      'Every node runs `rpm-ostree rebase` to osImageURL. A value that is not an image reference makes every node of the pool fail the update ' +
      'and degrade. A reference with both a tag and a digest is one too: rpm-ostree pulls through containers/image, which refuses it.',
    source:
      'MCO pkg/daemon/rpm-ostree.go RebaseLayered; distribution/reference grammar; ' +
      'containers/image docker/docker_transport.go newReference ("Docker references with both a tag and digest are currently not supported")',
    fixable: true,
    examples: {
      bad: machineConfigExample('  osImageURL: https://quay.io/my/image:latest'),
      good: machineConfigExample('  osImageURL: quay.io/my/image@sha256:<digest>'),
      fix: 'Write a plain image reference: registry, repository, and a digest. Quick fix for `repo:tag@sha256:…`: *Drop the tag*.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      for (const key of ['osImageURL', 'baseOSExtensionsContainerImage']) {
        const v = get(d.value, ['spec', key]);
        if (typeof v !== 'string' || v === '') continue;
        if (REF.test(v)) {
          const [name, digest] = v.split('@');
          if (digest && repository(name!) !== name) {
            const range = rangeAt(model, d, ['spec', key]);
            const fixed = `${repository(name!)}@${digest}`;
            ctx.report({
              range,
              message: `\`${v}\` has both a tag and a digest, which rpm-ostree refuses ("Docker references with both a tag and digest are currently not supported"), so every node of the pool degrades: use \`${fixed}\`.`,
              fixes: [{ title: 'Drop the tag', edits: [{ range, newText: fixed }] }],
            });
          }
          continue;
        }
        ctx.report({
          range: rangeAt(model, d, ['spec', key]),
          message: `\`${v}\` is not a valid image reference: write \`<registry>/<repository>@sha256:<64 hex digits>\` (no scheme, lowercase repository).`,
        });
      }
    }
  },
};

import type { ContainerfileRule } from '../rule';
import { osBaseImages } from '../fromImages';
import { repository } from '../../../../common/imageRef';
import { clusterBaseFix } from '../clusterBase';

export const fromNotDigestPinned: ContainerfileRule = {
  meta: {
    id: 'from-not-digest-pinned',
    kind: 'containerfile',
    severity: 'error',
    title: 'Base image must be pinned by digest',
    why: "Every node pulls the layered image on its own; a tag that moves gives a pool with mixed nodes. The RHCOS layering docs build FROM the cluster's rhel-coreos image by digest (`…@sha256:<digest>`).",
    source: 'openshift-docs coreos-layering-configuring.adoc; MCO docs/UsingLayering.md',
    fixable: false,
    hadolint: ['DL3006', 'DL3007'],
    examples: {
      bad: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev:4.16',
      good: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>',
      fix: "Run `oc adm release info --image-for rhel-coreos` against the cluster's release and use the printed `…@sha256:` reference.",
    },
  },
  check(model, ctx) {
    for (const base of osBaseImages(model)) {
      if (base.image.includes('@')) continue; // digests, good or bad, are the placeholder rule's
      const at = [base.from.start, base.from.end] as const;
      const repo = repository(base.image);
      const tag = base.image.length > repo.length ? base.image.slice(repo.length + 1) : '';
      const what = tag ? `tag \`${tag}\`` : 'no tag or digest';
      if (base.viaArg) {
        ctx.report({
          at,
          message: `FROM uses ARG ${base.viaArg}, whose default \`${base.image}\` has ${what}; RHCOS layering needs a digest: set the default to \`${repo}@sha256:<digest>\`.`,
          fixes: clusterBaseFix(base, ctx),
        });
      } else {
        ctx.report({
          at,
          message: `FROM uses ${what}; RHCOS layering needs a digest: \`${repo}@sha256:<digest>\` (find it with \`oc adm release info --image-for rhel-coreos\`).`,
          fixes: clusterBaseFix(base, ctx),
        });
      }
    }
  },
};

import type { ContainerfileRule } from '../rule';
import { osBaseImages } from '../fromImages';
import { repository } from '../../../../common/imageRef';
import { clusterBaseFix } from '../clusterBase';

export const fromReleasePayload: ContainerfileRule = {
  meta: {
    id: 'from-release-payload',
    kind: 'containerfile',
    severity: 'error',
    title: 'Release payload used as the base image',
    why: '`ocp-release` is the release payload: a list of component images, not a bootable OS. The base for layering is the `rhel-coreos` image that the payload points to. Some documentation examples show the payload by mistake.',
    source: 'openshift-docs coreos-layering.adoc; MCO install/image-references',
    fixable: false,
    examples: {
      bad: 'FROM quay.io/openshift-release-dev/ocp-release@sha256:<digest>',
      good: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>',
      fix: '`oc adm release info --image-for rhel-coreos quay.io/openshift-release-dev/ocp-release:<version>-x86_64` prints the rhel-coreos image inside the payload.',
    },
  },
  check(model, ctx) {
    for (const base of osBaseImages(model)) {
      const repo = repository(base.image);
      const name = repo.split('/').pop() ?? '';
      if (!/^ocp-release/.test(name)) continue;
      ctx.report({
        at: [base.from.start, base.from.end],
        message: `\`${repo}\` is the OpenShift release payload, not a bootable OS image: use the rhel-coreos image it names, from \`oc adm release info --image-for rhel-coreos <release>\`.`,
        fixes: clusterBaseFix(base, ctx),
      });
    }
  },
};

import type { ContainerfileRule } from '../rule';
import { scriptInstallList } from '../queries';
import { isDefaultKernelPackage } from '../kernel';

export const kernelInstallNotOverride: ContainerfileRule = {
  meta: {
    id: 'kernel-install-not-override',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Kernel installed with `rpm-ostree install` instead of `override replace`',
    why: 'The base image already has a kernel. `rpm-ostree install` tries to add a second one next to it; replacing the kernel is done with `rpm-ostree override replace`.',
    source: 'openshift-docs coreos-layering.adoc (kernel hotfix); rhcos-image-layering-examples override-kernel',
    fixable: false,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install kernel-core-5.14.0-295.el9`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace kernel-core-5.14.0-295.el9`,
      fix: 'Use `rpm-ostree override replace` with the whole kernel set.',
    },
  },
  checkRun(script, ctx) {
    for (const i of scriptInstallList(script)) {
      if (i.via !== 'rpm-ostree install' || !isDefaultKernelPackage(i.pkg.name)) continue;
      ctx.report({
        at: [i.word.start, i.word.end],
        message: `\`${i.pkg.name}\` is installed with \`rpm-ostree install\`, which layers a second kernel: replace the base kernel with \`rpm-ostree override replace\`.`,
      });
    }
  },
};

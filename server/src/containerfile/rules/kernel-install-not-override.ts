import type { ContainerfileRule, LocalReport } from '../rule';
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
  },
  checkRun(script) {
    const out: LocalReport[] = [];
    for (const i of scriptInstallList(script)) {
      if (i.via !== 'rpm-ostree install' || !isDefaultKernelPackage(i.pkg.name)) continue;
      out.push({
        start: i.word.start,
        end: i.word.end,
        message: `\`${i.pkg.name}\` is installed with \`rpm-ostree install\`, which layers a second kernel: replace the base kernel with \`rpm-ostree override replace\`.`,
      });
    }
    return out;
  },
};

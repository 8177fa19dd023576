import type { Rule } from '../../engine/types';
import type { ContainerfileModel } from '../model';
import { runRange } from '../model';
import { installsOf } from '../queries';
import { isDefaultKernelPackage, KERNEL_SET_RHEL8, KERNEL_SET_RHEL9 } from '../kernel';
import { rhelMajor } from '../../engine/version';

export const kernelIncompleteSet: Rule<ContainerfileModel> = {
  meta: {
    id: 'kernel-incomplete-set',
    kind: 'containerfile',
    severity: 'error',
    title: 'Kernel replacement misses subpackages',
    why: 'The kernel is several RPMs that must be replaced together at one version. RHEL 8 (OpenShift 4.12) needs kernel, kernel-core, kernel-modules and kernel-modules-extra; RHEL 9.2 and later (4.13+) also kernel-modules-core.',
    source: 'openshift/rhcos-image-layering-examples override-kernel/Containerfile; MCO GetPackagesForSupportedKernelType',
    fixable: false,
    versionDependent: true,
  },
  check(model, ctx) {
    for (const run of model.osRuns) {
      for (const cmd of run.script.commands) {
        const kernel = installsOf(run, cmd).filter((i) => isDefaultKernelPackage(i.pkg.name));
        if (kernel.length === 0) continue;
        const el = kernel.find((k) => k.pkg.el)?.pkg.el ?? (ctx.ocp ? rhelMajor(ctx.ocp) : 8);
        const required = el >= 9 ? KERNEL_SET_RHEL9 : KERNEL_SET_RHEL8;
        const have = new Set(kernel.map((k) => k.pkg.name));
        const missing = required.filter((r) => !have.has(r));
        if (missing.length === 0) continue;
        const first = kernel[0]!.word;
        const last = kernel[kernel.length - 1]!.word;
        ctx.report({
          range: runRange(model, run, first.start, last.end),
          message: `Kernel replacement is missing ${missing.map((m) => `\`${m}\``).join(', ')}: RHEL ${el} needs ${required.join(', ')}, all at one version-release.`,
        });
      }
    }
  },
};

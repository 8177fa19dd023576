import { commandInstalls } from '../queries';
import type { ContainerfileRule, OffsetReport } from '../rule';
import type { Command } from '../shell';
import { isDefaultKernelPackage, KERNEL_SET_RHEL8, KERNEL_SET_RHEL9 } from '../kernel';
import { rhelMajor } from '../../core/version';

export const kernelIncompleteSet: ContainerfileRule = {
  meta: {
    id: 'kernel-incomplete-set',
    kind: 'containerfile',
    severity: 'error',
    title: 'Kernel replacement misses subpackages',
    why: 'The kernel is several RPMs that must be replaced together at one version. RHEL 8 (OpenShift 4.12) needs kernel, kernel-core, kernel-modules and kernel-modules-extra; RHEL 9.2 and later (4.13+) also kernel-modules-core.',
    source: 'openshift/rhcos-image-layering-examples override-kernel/Containerfile; MCO GetPackagesForSupportedKernelType',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace kernel-{,core-,modules-}5.14.0-295.el9`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace kernel-{,core-,modules-,modules-core-,modules-extra-}5.14.0-295.el9`,
      fix: 'List every subpackage of the stream. The RHEL stream is read from `.elN` in the package names, else from `rhcosLayering.ocpVersion`; when neither is known the RHEL 8 set is required.',
    },
  },
  checkRun(script, ctx) {
    const fallback = ctx.ocp ? rhelMajor(ctx.ocp) : 8;
    for (const cmd of script.commands) findings(cmd, fallback).forEach(ctx.report);
  },
};

function findings(cmd: Command, fallback: number): OffsetReport[] {
  const kernel = commandInstalls(cmd).filter((i) => isDefaultKernelPackage(i.pkg.name));
  if (kernel.length === 0) return [];
  const el = kernel.find((k) => k.pkg.el)?.pkg.el ?? fallback;
  const required = el >= 9 ? KERNEL_SET_RHEL9 : KERNEL_SET_RHEL8;
  const have = new Set(kernel.map((k) => k.pkg.name));
  const missing = required.filter((r) => !have.has(r));
  if (missing.length === 0) return [];
  return [
    {
      at: [kernel[0]!.word.start, kernel[kernel.length - 1]!.word.end],
      message: `Kernel replacement is missing ${missing.map((m) => `\`${m}\``).join(', ')}: RHEL ${el} needs ${required.join(', ')}, all at one version-release.`,
    },
  ];
}

import type { Install } from './queries';

/** The default kernel's subpackages, per RHEL stream (MCO GetPackagesForSupportedKernelType). */
export const KERNEL_SET_RHEL8 = ['kernel', 'kernel-core', 'kernel-modules', 'kernel-modules-extra'];
export const KERNEL_SET_RHEL9 = ['kernel', 'kernel-core', 'kernel-modules', 'kernel-modules-core', 'kernel-modules-extra'];
const DEFAULT_KERNEL = new Set(KERNEL_SET_RHEL9);

export function isDefaultKernelPackage(name: string): boolean {
  return DEFAULT_KERNEL.has(name);
}

/** Any kernel flavour's boot kernel package: kernel, kernel-core, kernel-rt-core, kernel-64k-modules, ... */
export function isKernelPackage(name: string): boolean {
  return /^kernel(?:-rt|-64k)?(?:-core|-modules(?:-core|-extra)?|-kvm)?$/.test(name);
}

export function versionRelease(i: Pick<Install, 'pkg'>): string | null {
  return i.pkg.version && i.pkg.release ? `${i.pkg.version}-${i.pkg.release}` : null;
}

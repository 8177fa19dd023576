import type { ContainerfileRule } from '../rule';
import { program, scriptInstallList } from '../queries';
import type { Word } from '../shell';
import { isDefaultKernelPackage, versionRelease } from '../kernel';

export const kernelVersionMismatch: ContainerfileRule = {
  meta: {
    id: 'kernel-version-mismatch',
    kind: 'containerfile',
    severity: 'error',
    title: 'Kernel subpackages or `dracut --kver` at different versions',
    why: 'kernel-core, kernel-modules and the rest are built together; mixing version-releases leaves modules that do not match the booted kernel, and an initramfs built for another kernel does not boot.',
    source: 'openshift/rhcos-image-layering-examples override-kernel; coreos/layering-examples dracut-module',
    fixable: false,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace kernel-5.14.0-295.el9 kernel-core-5.14.0-296.el9`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace kernel-5.14.0-295.el9 kernel-core-5.14.0-295.el9`,
      fix: 'Use one version-release for every kernel subpackage and for `dracut --kver`.',
    },
  },
  check(model, ctx) {
    const kernel = model.osRuns.flatMap((run) => {
      const list = ctx.memo(run, 'kernel-vr', (script) =>
        scriptInstallList(script).filter((i) => isDefaultKernelPackage(i.pkg.name) && versionRelease(i)),
      );
      return list.length ? list.map((i) => ({ ...i, run })) : [];
    });
    const reference = kernel[0];
    if (!reference) return;
    const ref = versionRelease(reference)!;
    const reported = new Set<string>();
    for (const k of kernel.slice(1)) {
      const vr = versionRelease(k)!;
      if (vr === ref) continue;
      const key = `${k.word.start}:${k.pkg.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      ctx.report({
        run: k.run,
        at: [k.word.start, k.word.end],
        message: `\`${k.pkg.name}\` is ${vr} but \`${reference.pkg.name}\` is ${ref}: install every kernel subpackage at the same version-release.`,
      });
    }
    // `uname -r` is version-release.arch only for distribution kernels (a `.elN`/`.fcN` release); a kernel built
    // from upstream sources (`make binrpm-pkg`: kernel-6.12.4.x-1) has its own, e.g. /usr/lib/modules/6.12.4.x.
    if (!/\.(el|fc)\d/.test(reference.pkg.release ?? '')) return;
    for (const run of model.osRuns) {
      const dracuts = ctx.memo(run, 'dracut', (script) => script.commands.filter((c) => program(c)?.name === 'dracut'));
      for (const cmd of dracuts) {
        const words = cmd.words;
        for (let i = program(cmd)!.at + 1; i < words.length; i++) {
          let kver: Word | undefined;
          let value = '';
          if (words[i]!.value === '--kver') {
            kver = words[i + 1];
            value = kver?.value ?? '';
          } else if (words[i]!.value.startsWith('--kver=')) {
            kver = words[i];
            value = kver!.value.slice(7);
          }
          if (!kver || kver.dynamic) continue;
          const vr = value.replace(/\.(x86_64|aarch64|ppc64le|s390x)$/, '');
          if (vr === ref) continue;
          ctx.report({
            run,
            at: [kver.start, kver.end],
            message: `\`dracut --kver ${value}\` builds the initramfs for another kernel than the installed ${ref}: use the installed kernel's version.`,
          });
        }
      }
    }
  },
};

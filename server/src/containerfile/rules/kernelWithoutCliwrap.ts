import type { Rule } from '../../engine/types';
import type { ContainerfileModel } from '../model';
import { runRange } from '../model';
import { installsOf, rpmOstree } from '../queries';
import { isKernelPackage } from '../kernel';

export const kernelWithoutCliwrap: Rule<ContainerfileModel> = {
  meta: {
    id: 'kernel-without-cliwrap',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Kernel replaced without `rpm-ostree cliwrap install-to-root /`',
    why: 'Replacing the kernel runs kernel-install and dracut scriptlets that only work in a container build after `rpm-ostree cliwrap install-to-root /`. The RHCOS kernel-override examples run it first.',
    source: 'openshift-docs coreos-layering.adoc; openshift/rhcos-image-layering-examples override-kernel',
    fixable: true,
  },
  check(model, ctx) {
    let wrapped = false;
    for (const run of model.osRuns) {
      for (const cmd of run.script.commands) {
        const ro = rpmOstree(cmd);
        if (ro?.verb?.value === 'cliwrap' && ro.args[0]?.value === 'install-to-root') wrapped = true;
        if (wrapped) continue;
        const kernel = installsOf(run, cmd).find((i) => isKernelPackage(i.pkg.name));
        if (!kernel) continue;
        ctx.report({
          range: runRange(model, run, kernel.word.start, kernel.word.end),
          message: `\`${kernel.pkg.name}\` is replaced without \`rpm-ostree cliwrap install-to-root /\` first, so the kernel scriptlets fail: run it earlier in the RUN.`,
          fixes: [{ title: 'Insert `rpm-ostree cliwrap install-to-root /`', edits: [{ range: runRange(model, run, cmd.start, cmd.start), newText: 'rpm-ostree cliwrap install-to-root / && ' }] }],
        });
        return;
      }
    }
  },
};

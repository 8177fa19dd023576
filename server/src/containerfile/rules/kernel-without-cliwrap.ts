import type { Rule } from '../../core/types';
import type { ContainerfileModel } from '../model';
import { commandInstalls, rpmOstree } from '../queries';
import { memoScript, reportLocal, LocalReport } from '../rule';
import type { Command } from '../shell';
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
    for (const run of model.osRuns) {
      const f = memoScript(run.script, this.meta.id, () => facts(run.script.commands));
      if (f.report) {
        reportLocal(model, run, ctx, [f.report]);
        return;
      }
      if (f.wraps) return;
    }
  },
};

/** The first kernel replacement before any cliwrap in this script, and whether the script runs cliwrap. */
function facts(cmds: Command[]): { report: LocalReport | null; wraps: boolean } {
  for (const cmd of cmds) {
    const ro = rpmOstree(cmd);
    if (ro?.verb?.value === 'cliwrap' && ro.args[0]?.value === 'install-to-root') return { report: null, wraps: true };
    const kernel = commandInstalls(cmd).find((i) => isKernelPackage(i.pkg.name));
    if (!kernel) continue;
    return {
      wraps: false,
      report: {
        start: kernel.word.start,
        end: kernel.word.end,
        message: `\`${kernel.pkg.name}\` is replaced without \`rpm-ostree cliwrap install-to-root /\` first, so the kernel scriptlets fail: run it earlier in the RUN.`,
        fixes: [{ title: 'Insert `rpm-ostree cliwrap install-to-root /`', edits: [{ start: cmd.start, end: cmd.start, newText: 'rpm-ostree cliwrap install-to-root / && ' }] }],
      },
    };
  }
  return { report: null, wraps: false };
}

import type { ContainerfileRule, OffsetReport } from '../rule';
import { commandInstalls, rpmOstree } from '../queries';
import type { Command } from '../shell';
import { isKernelPackage } from '../kernel';

export const kernelWithoutCliwrap: ContainerfileRule = {
  meta: {
    id: 'kernel-without-cliwrap',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Kernel replaced without `rpm-ostree cliwrap install-to-root /`',
    why: 'Replacing the kernel runs kernel-install and dracut scriptlets that only work in a container build after `rpm-ostree cliwrap install-to-root /`. The RHCOS kernel-override examples run it first.',
    source: 'openshift-docs coreos-layering.adoc; openshift/rhcos-image-layering-examples override-kernel',
    fixable: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace ./kernel-*.rpm`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree cliwrap install-to-root / && \\
    rpm-ostree override replace ./kernel-*.rpm && \\
    ostree container commit`,
      fix: 'Quick fix: *Insert `rpm-ostree cliwrap install-to-root /`*.',
    },
  },
  check(model, ctx) {
    for (const run of model.osRuns) {
      const f = ctx.memo(run, 'facts', (script) => facts(script.commands));
      if (f.report) {
        ctx.report({ ...f.report, run });
        return;
      }
      if (f.wraps) return;
    }
  },
};

/** The first kernel replacement before any cliwrap in this script, and whether the script runs cliwrap. */
function facts(cmds: Command[]): { report: OffsetReport | null; wraps: boolean } {
  for (const cmd of cmds) {
    const ro = rpmOstree(cmd);
    if (ro?.verb?.value === 'cliwrap' && ro.args[0]?.value === 'install-to-root') return { report: null, wraps: true };
    const kernel = commandInstalls(cmd).find((i) => isKernelPackage(i.pkg.name));
    if (!kernel) continue;
    return {
      wraps: false,
      report: {
        at: [kernel.word.start, kernel.word.end],
        message: `\`${kernel.pkg.name}\` is replaced without \`rpm-ostree cliwrap install-to-root /\` first, so the kernel scriptlets fail: run it earlier in the RUN.`,
        fixes: [
          {
            title: 'Insert `rpm-ostree cliwrap install-to-root /`',
            edits: [{ at: [cmd.start, cmd.start], newText: 'rpm-ostree cliwrap install-to-root / && ' }],
          },
        ],
      },
    };
  }
  return { report: null, wraps: false };
}

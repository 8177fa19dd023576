import type { ContainerfileRule, OffsetReport } from '../rule';
import { commandInstalls, rpmOstree } from '../queries';
import type { Command } from '../shell';
import { isKernelPackage } from '../kernel';
import { atMost, formatVersion, judgedVersion } from '../../core/version';

export const kernelWithoutCliwrap: ContainerfileRule = {
  meta: {
    id: 'kernel-without-cliwrap',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Kernel replaced without `rpm-ostree cliwrap install-to-root /` (OpenShift 4.15 and older)',
    why:
      'Up to 4.15, replacing the kernel runs kernel-install and dracut scriptlets that only work in a container build after ' +
      '`rpm-ostree cliwrap install-to-root /`; the 4.12–4.15 kernel-override examples run it first. From 4.16 rpm-ostree wraps ' +
      'kernel-install by itself and cliwrap itself is the problem (OCPBUGS-30149), which `cliwrap-on-new-ocp` reports.',
    source:
      'openshift-docs coreos-layering.adoc (4.12–4.15); openshift/rhcos-image-layering-examples override-kernel-4.12; ' +
      'openshift-docs#77066 (removed for 4.16 and up); coreos/rpm-ostree#4950',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace ./kernel-*.rpm   # with rhcosLayering.ocpVersion = 4.14`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree cliwrap install-to-root / && \\
    rpm-ostree override replace ./kernel-*.rpm && \\
    ostree container commit`,
      fix:
        'Quick fix: *Insert `rpm-ostree cliwrap install-to-root /`*. Only with `rhcosLayering.ocpVersion` 4.15 or older: without a ' +
        'version the newest is assumed, where cliwrap is not wanted.',
    },
  },
  check(model, ctx) {
    const { v } = judgedVersion(
      ctx.ocp,
      model.stages.some((s) => s.isOS && s.from.onCluster),
    );
    if (!atMost(v, 4, 15)) return;
    for (const run of model.osRuns) {
      const f = ctx.memo(run, 'facts', (script) => facts(script.commands));
      if (f.report) {
        ctx.report({ ...f.report, message: f.report.message.replace('{version}', formatVersion(v)), run });
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
        message:
          `\`${kernel.pkg.name}\` is replaced without \`rpm-ostree cliwrap install-to-root /\` first, ` +
          `so the kernel scriptlets fail on OpenShift {version}: run it earlier in the RUN.`,
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

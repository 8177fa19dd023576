import type { ContainerfileRule, OffsetReport } from '../rule';
import { rpmOstree } from '../queries';
import type { Script } from '../shell';
import { atMost, formatVersion, judgedVersion } from '../../core/version';

export const cliwrapOnNewOcp: ContainerfileRule = {
  meta: {
    id: 'cliwrap-on-new-ocp',
    kind: 'containerfile',
    severity: 'warning',
    title: '`rpm-ostree cliwrap install-to-root /` on OpenShift 4.16 or newer',
    why:
      'From 4.16 rpm-ostree wraps kernel-install by itself when a kernel is replaced in a container build (rpm-ostree ≥ 2024.6, ' +
      'coreos/rpm-ostree#4950), and Red Hat removed cliwrap from the layering docs because leaving it in the image breaks it ' +
      '(OCPBUGS-30149, coreos/rpm-ostree#4949): the wrappers it installs stay in /usr/bin of every node. Up to 4.15 it is still ' +
      'needed before a kernel replacement (`kernel-without-cliwrap`).',
    source:
      'openshift-docs#77066 "Remove cliwrap from the example" (4.16 and up; OCPBUGS-33483, OCPBUGS-30149); coreos/rpm-ostree#4950, #4949; ' +
      'MCO Containerfile.on-cluster-build-template (4.20+ swaps kernels without cliwrap); shared/domain CURRENT.md §5 and §7.1',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: `FROM configs AS final
RUN rpm-ostree cliwrap install-to-root / && \\
    rpm-ostree override replace ./kernel-*.rpm && \\
    bootc container lint`,
      good: `FROM configs AS final
RUN rpm-ostree override replace ./kernel-*.rpm && \\
    bootc container lint`,
      fix:
        'Quick fix: *Remove `rpm-ostree cliwrap install-to-root /`*. Reported from 4.16 on, and when `rhcosLayering.ocpVersion` is ' +
        'unset (the newest version is assumed); a file that builds `FROM configs` is on-cluster and so 4.16 or newer.',
    },
  },
  check(model, ctx) {
    const { v, assumed } = judgedVersion(
      ctx.ocp,
      model.stages.some((s) => s.isOS && s.from.onCluster),
    );
    if (atMost(v, 4, 15)) return;
    const version = assumed ? 'the newest OpenShift (no version set)' : `OpenShift ${formatVersion(v)}`;
    for (const run of model.osRuns) {
      for (const r of ctx.memo(run, 'cliwraps', cliwraps)) {
        ctx.report({
          run,
          at: r.at,
          message: `\`rpm-ostree cliwrap install-to-root /\` is not needed on ${version} and its wrappers stay in the image (OCPBUGS-30149): remove it; rpm-ostree wraps kernel-install by itself since 4.16.`,
          fixes: r.fixes,
        });
      }
    }
  },
};

/** Each `rpm-ostree cliwrap install-to-root`, with a fix that removes it and the `&&` that joins it. */
function cliwraps(script: Script): OffsetReport[] {
  const out: OffsetReport[] = [];
  for (const stmt of script.statements) {
    stmt.links.forEach((link, li) => {
      const cmd = link.command;
      const ro = cmd && rpmOstree(cmd);
      if (!cmd || ro?.verb?.value !== 'cliwrap' || ro.args[0]?.value !== 'install-to-root') return;
      const next = stmt.links[li + 1];
      const prev = stmt.links[li - 1];
      const cut: [number, number] | null =
        next?.op === '&&' ? [link.start, next.start] : link.op === '&&' && prev ? [prev.end, link.end] : null;
      out.push({
        at: [cmd.start, cmd.end],
        message: '',
        fixes: cut ? [{ title: 'Remove `rpm-ostree cliwrap install-to-root /`', edits: [{ at: cut, newText: '' }] }] : [],
      });
    });
  }
  return out;
}

import { program } from '../queries';
import type { ContainerfileRule } from '../rule';
import { atMost, formatVersion, judgedVersion } from '../../core/version';

const DNF = new Set(['dnf', 'yum', 'microdnf', 'dnf5']);

export const dnfOnOldOcp: ContainerfileRule = {
  meta: {
    id: 'dnf-on-old-ocp',
    kind: 'containerfile',
    severity: 'warning',
    title: 'dnf or yum in the OS image on OpenShift 4.15 or older',
    why:
      'RHCOS images up to 4.15 exclude dnf (openshift/os common.yaml `exclude-packages`); packages are added with `rpm-ostree install`. ' +
      'RHCOS ships dnf from 4.16 and the image mode docs use it in every example, so 4.16 and newer are fine. On-cluster layering ' +
      '(`FROM configs`) only exists from 4.16, so such a file never gets this finding.',
    source:
      'openshift/os common.yaml@release-4.16 (dnf shipped, coreos/fedora-coreos-tracker#1687) and @release-4.15 (excluded); ' +
      'openshift-docs mco-coreos-layering.adoc examples; shared/domain CURRENT.md §5 and §7.13',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN dnf install -y tree   # with rhcosLayering.ocpVersion = 4.14`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`,
      fix:
        'Use `rpm-ostree install` on 4.15 and older. Silent while `rhcosLayering.ocpVersion` is unset ' +
        '(the newest version is assumed) and for on-cluster files.',
    },
  },
  check(model, ctx) {
    // On-cluster layering (`FROM configs`) exists from 4.16, where RHCOS ships dnf.
    const { v, assumed } = judgedVersion(
      ctx.ocp,
      model.stages.some((s) => s.isOS && s.from.onCluster),
    );
    if (assumed || !atMost(v, 4, 15)) return;
    const version = formatVersion(v);
    for (const run of model.osRuns) {
      for (const cmd of run.script.commands) {
        const p = program(cmd);
        if (!p || !DNF.has(p.name)) continue;
        const w = cmd.words[p.at]!;
        ctx.report({
          run,
          at: [w.start, w.end],
          message: `\`${p.name}\` is not usable in the RHCOS ${version} image: install packages with \`rpm-ostree install\` instead.`,
        });
      }
    }
  },
};

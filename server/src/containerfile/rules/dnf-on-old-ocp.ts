import { program } from '../queries';
import type { ContainerfileRule } from '../rule';
import { atMost, formatVersion } from '../../core/version';

const DNF = new Set(['dnf', 'yum', 'microdnf', 'dnf5']);

export const dnfOnOldOcp: ContainerfileRule = {
  meta: {
    id: 'dnf-on-old-ocp',
    kind: 'containerfile',
    severity: 'warning',
    title: 'dnf or yum in the OS image on OpenShift 4.15 or older',
    why: 'RHCOS images up to 4.15 have no working dnf for layering; packages are added with `rpm-ostree install`. From 4.16 the documented on-cluster examples use dnf, so newer versions allow it.',
    source: 'RULES 4.4 item 4: RHCOS 4.12 images lack dnf; on-cluster docs 4.18+ use dnf',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN dnf install -y tree   # with rhcosLayering.ocpVersion = 4.14`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`,
      fix: 'Use `rpm-ostree install` on 4.15 and older. Silent while `rhcosLayering.ocpVersion` is unknown.',
    },
  },
  checkRun(script, ctx) {
    const ocp = ctx.ocp;
    if (!ocp || !atMost(ocp, 4, 15)) return;
    const version = formatVersion(ocp);
    for (const cmd of script.commands) {
      const p = program(cmd);
      if (!p || !DNF.has(p.name)) continue;
      const w = cmd.words[p.at]!;
      ctx.report({
        at: [w.start, w.end],
        message: `\`${p.name}\` is not usable in the RHCOS ${version} image: install packages with \`rpm-ostree install\` instead.`,
      });
    }
  },
};

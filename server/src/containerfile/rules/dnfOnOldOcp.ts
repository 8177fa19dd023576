import type { Rule } from '../../engine/types';
import type { ContainerfileModel } from '../model';
import { runRange } from '../model';
import { osCommands, program } from '../queries';
import { atMost, formatVersion } from '../../engine/version';

const DNF = new Set(['dnf', 'yum', 'microdnf', 'dnf5']);

export const dnfOnOldOcp: Rule<ContainerfileModel> = {
  meta: {
    id: 'dnf-on-old-ocp',
    kind: 'containerfile',
    severity: 'warning',
    title: 'dnf or yum in the OS image on OpenShift 4.15 or older',
    why: 'RHCOS images up to 4.15 have no working dnf for layering; packages are added with `rpm-ostree install`. From 4.16 the documented on-cluster examples use dnf, so newer versions allow it.',
    source: 'RULES 4.4 item 4: RHCOS 4.12 images lack dnf; on-cluster docs 4.18+ use dnf',
    fixable: false,
    versionDependent: true,
  },
  check(model, ctx) {
    if (!ctx.ocp || !atMost(ctx.ocp, 4, 15)) return;
    for (const { run, cmd } of osCommands(model)) {
      const p = program(cmd);
      if (!p || !DNF.has(p.name)) continue;
      const w = cmd.words[p.at]!;
      ctx.report({
        range: runRange(model, run, w.start, w.end),
        message: `\`${p.name}\` is not usable in the RHCOS ${formatVersion(ctx.ocp)} image: install packages with \`rpm-ostree install\` instead.`,
      });
    }
  },
};

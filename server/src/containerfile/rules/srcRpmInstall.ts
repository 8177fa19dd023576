import type { Rule } from '../../engine/types';
import type { ContainerfileModel } from '../model';
import { runRange } from '../model';
import { osInstalls } from '../queries';

export const srcRpmInstall: Rule<ContainerfileModel> = {
  meta: {
    id: 'src-rpm-install',
    kind: 'containerfile',
    severity: 'error',
    title: 'Source RPM installed',
    why: 'rpm-ostree refuses source RPMs ("appears to be a source RPM which are not usually intended to be installed"). The hotfix example in the documentation installs a `.src.rpm` and fails.',
    source: 'coreos/rpm-ostree rust/src/client.rs is_src_rpm_arg; openshift-docs coreos-layering.adoc',
    fixable: false,
  },
  check(model, ctx) {
    for (const i of osInstalls(model)) {
      if (!i.pkg.isSourceRpm) continue;
      ctx.report({
        range: runRange(model, i.run, i.word.start, i.word.end),
        message: `\`${i.pkg.spec.split('/').pop()}\` is a source RPM, which rpm-ostree refuses to install: use the binary RPM for the node's architecture (for example \`.x86_64.rpm\`).`,
      });
    }
  },
};

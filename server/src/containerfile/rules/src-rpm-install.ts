import type { ContainerfileRule, LocalReport } from '../rule';
import { scriptInstallList } from '../queries';

export const srcRpmInstall: ContainerfileRule = {
  meta: {
    id: 'src-rpm-install',
    kind: 'containerfile',
    severity: 'error',
    title: 'Source RPM installed',
    why: 'rpm-ostree refuses source RPMs ("appears to be a source RPM which are not usually intended to be installed"). The hotfix example in the documentation installs a `.src.rpm` and fails.',
    source: 'coreos/rpm-ostree rust/src/client.rs is_src_rpm_arg; openshift-docs coreos-layering.adoc',
    fixable: false,
  },
  checkRun(script) {
    const out: LocalReport[] = [];
    for (const i of scriptInstallList(script)) {
      if (!i.pkg.isSourceRpm) continue;
      out.push({
        start: i.word.start,
        end: i.word.end,
        message: `\`${i.pkg.spec.split('/').pop()}\` is a source RPM, which rpm-ostree refuses to install: use the binary RPM for the node's architecture (for example \`.x86_64.rpm\`).`,
      });
    }
    return out;
  },
};

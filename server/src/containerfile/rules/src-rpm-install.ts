import type { ContainerfileRule } from '../rule';
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
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace https://…/haproxy-2.2.24-3.rhaos4.12.el8.src.rpm`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree override replace https://…/haproxy-2.2.24-3.rhaos4.12.el8.x86_64.rpm`,
      fix: 'Use the binary RPM for the node architecture.',
    },
  },
  checkRun(script, ctx) {
    for (const i of scriptInstallList(script)) {
      if (!i.pkg.isSourceRpm) continue;
      ctx.report({
        at: [i.word.start, i.word.end],
        message: `\`${i.pkg.spec.split('/').pop()}\` is a source RPM, which rpm-ostree refuses to install: use the binary RPM for the node's architecture (for example \`.x86_64.rpm\`).`,
      });
    }
  },
};

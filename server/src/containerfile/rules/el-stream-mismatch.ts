import type { ContainerfileRule } from '../rule';
import { scriptInstallList } from '../queries';
import { formatVersion, rhelMajor } from '../../core/version';

export const elStreamMismatch: ContainerfileRule = {
  meta: {
    id: 'el-stream-mismatch',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Package built for another RHEL release',
    why: 'RHCOS 4.12 is RHEL 8.6; 4.13 and later are RHEL 9. An `.el8` RPM on a RHEL 9 image (or `.el9` on 4.12) links against libraries that are not there.',
    source: 'openshift/os manifests per release; MCO install/image-references',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install https://…/fish-3.3.1-3.el8.x86_64.rpm   # on 4.16`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install https://…/fish-3.3.1-3.el9.x86_64.rpm`,
      fix: 'Use the build for the RHEL release of your RHCOS (4.12: RHEL 8; 4.13+: RHEL 9). Silent while `rhcosLayering.ocpVersion` is unknown.',
    },
  },
  checkRun(script, ctx) {
    const ocp = ctx.ocp;
    if (!ocp) return;
    const want = rhelMajor(ocp);
    for (const i of scriptInstallList(script)) {
      if (!i.pkg.el || i.pkg.el === want || i.pkg.el > 9) continue;
      ctx.report({
        at: [i.word.start, i.word.end],
        message: `\`${i.pkg.name}\` is built for RHEL ${i.pkg.el} (.el${i.pkg.el}), but RHCOS ${formatVersion(ocp)} is RHEL ${want}: use the .el${want} build.`,
      });
    }
  },
};

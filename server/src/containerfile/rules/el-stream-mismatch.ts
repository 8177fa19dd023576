import type { ContainerfileRule } from '../rule';
import { scriptInstallList } from '../queries';
import { formatVersion, osStreams, rhelRelease, streamMajor } from '../../core/version';

export const elStreamMismatch: ContainerfileRule = {
  meta: {
    id: 'el-stream-mismatch',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Package built for another RHEL release',
    why:
      'An RPM built for another RHEL release (`.el8`, `.el9`, `.el10`) links against libraries that are not in the image. RHCOS 4.12 is RHEL 8.6, 4.13 to 4.20 RHEL 9; ' +
      'from 4.21 a pool can run the RHEL 10 stream (`spec.osImageStream.name: rhel-10`, TechPreview until 5.0), and from 5.0 new clusters run RHEL 10. ' +
      "The Containerfile of a MachineOSConfig is judged by its pool's stream when that pool is in the file or the workspace.",
    source:
      'openshift/os manifests per release (RHEL 9.6 for 4.19-4.21, 9.8 for 4.22 and 5.0; extensions/rhel-10.2.yaml from release-4.21); ' +
      'openshift/api machineconfiguration/v1/types.go MachineConfigPoolSpec.OSImageStream (OSStreams); shared/domain CURRENT.md §0, §5',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install https://…/fish-3.3.1-3.el8.x86_64.rpm   # on 4.16`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install https://…/fish-3.3.1-3.el9.x86_64.rpm`,
      fix: "Use the build for the RHEL release of the pool's stream (4.12: RHEL 8; 4.13+: RHEL 9; a `rhel-10` pool: RHEL 10). Without the pool, 4.21 and later accept .el9 and .el10. Silent while `rhcosLayering.ocpVersion` is unknown.",
    },
  },
  check(model, ctx) {
    const ocp = ctx.ocp;
    if (!ocp) return;
    const stream = ctx.options.osStream;
    const fromPool = stream ? streamMajor(stream) : null;
    const majors = [...new Set(Object.values(osStreams(ocp).streams))];
    const allowed = fromPool ? [fromPool] : majors;
    const is = fromPool
      ? `the pool's stream ${stream} is RHEL ${fromPool}`
      : majors.length === 1
        ? `RHCOS ${formatVersion(ocp)} is RHEL ${rhelRelease(ocp)}`
        : `RHCOS ${formatVersion(ocp)} is RHEL ${majors.join(' or ')} (by the pool's osImageStream)`;
    for (const run of model.osRuns) {
      const installs = ctx.memo(run, 'el', (script) => scriptInstallList(script).filter((i) => i.pkg.el));
      for (const i of installs) {
        if (allowed.includes(i.pkg.el!)) continue;
        const want = allowed.length === 1 ? `use the .el${allowed[0]} build` : `use a ${allowed.map((m) => `.el${m}`).join(' or ')} build`;
        ctx.report({
          run,
          at: [i.word.start, i.word.end],
          message: `\`${i.pkg.name}\` is built for RHEL ${i.pkg.el} (.el${i.pkg.el}), but ${is}: ${want}.`,
        });
      }
    }
  },
};

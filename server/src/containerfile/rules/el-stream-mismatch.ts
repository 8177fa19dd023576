import type { ContainerfileRule, LocalReport } from '../rule';
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
  },
  checkRun(script, ocp) {
    const out: LocalReport[] = [];
    if (!ocp) return out;
    const want = rhelMajor(ocp);
    for (const i of scriptInstallList(script)) {
      if (!i.pkg.el || i.pkg.el === want || i.pkg.el > 9) continue;
      out.push({
        start: i.word.start,
        end: i.word.end,
        message: `\`${i.pkg.name}\` is built for RHEL ${i.pkg.el} (.el${i.pkg.el}), but RHCOS ${formatVersion(ocp)} is RHEL ${want}: use the .el${want} build.`,
      });
    }
    return out;
  },
};

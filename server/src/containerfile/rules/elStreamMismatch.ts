import type { Rule } from '../../engine/types';
import type { ContainerfileModel } from '../model';
import { runRange } from '../model';
import { osInstalls } from '../queries';
import { formatVersion, rhelMajor } from '../../engine/version';

export const elStreamMismatch: Rule<ContainerfileModel> = {
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
  check(model, ctx) {
    if (!ctx.ocp) return;
    const want = rhelMajor(ctx.ocp);
    for (const i of osInstalls(model)) {
      if (!i.pkg.el || i.pkg.el === want || i.pkg.el > 9) continue;
      ctx.report({
        range: runRange(model, i.run, i.word.start, i.word.end),
        message: `\`${i.pkg.name}\` is built for RHEL ${i.pkg.el} (.el${i.pkg.el}), but RHCOS ${formatVersion(ctx.ocp)} is RHEL ${want}: use the .el${want} build.`,
      });
    }
  },
};

import type { ContainerfileRule, LocalReport } from '../local';
import { scriptInstallList } from '../queries';
import { packageToExtensions } from '../../data/extensions';

export const rpmConflictsMachineConfig: ContainerfileRule = {
  meta: {
    id: 'rpm-conflicts-machineconfig',
    kind: 'containerfile',
    severity: 'warning',
    title: 'RPM that a MachineConfig extension or kernelType provides',
    why: 'The realtime kernel and the extension RPMs (usbguard, kata-containers, libreswan, …) are installed by the Machine Config Operator from a MachineConfig. Layering them into the image as well makes rpm-ostree conflict on the node and the pool degrades.',
    source: 'openshift-docs coreos-layering.adoc (IMPORTANT note); MCO SupportedExtensions',
    fixable: false,
    versionDependent: true,
  },
  checkRun(script, ocp) {
    const out: LocalReport[] = [];
    const toExt = packageToExtensions(ocp);
    for (const i of scriptInstallList(script)) {
      const range = { start: i.word.start, end: i.word.end };
      if (/^kernel-rt(-|$)/.test(i.pkg.name)) {
        out.push({ ...range, message: `\`${i.pkg.name}\` is the realtime kernel, which MCO installs itself: set \`kernelType: realtime\` in a MachineConfig instead of layering it.` });
        continue;
      }
      const exts = toExt.get(i.pkg.name);
      if (!exts) continue;
      const list = exts.map((e) => `\`${e}\``).join(' or ');
      out.push({ ...range, message: `\`${i.pkg.name}\` comes with the MachineConfig extension ${list}: add it to \`spec.extensions\` of a MachineConfig instead of layering it, or the pool degrades on the conflict.` });
    }
    return out;
  },
};

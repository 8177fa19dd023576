import type { ContainerfileRule, OffsetReport } from '../rule';
import type { OcpVersion } from '../../core/types';
import { formatVersion } from '../../core/version';
import type { Script } from '../shell';
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
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install usbguard kernel-rt-core`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-usbguard
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  extensions: [usbguard]
  kernelType: realtime`,
      fix: 'Remove the RPM from the Containerfile and enable the extension (or `kernelType: realtime`) in a MachineConfig. The extension list follows `rhcosLayering.ocpVersion`; while it is unknown every extension of any version counts.',
    },
  },
  check(model, ctx) {
    const enabled = ctx.options.workspace?.machineConfigs.filter((m) => m.extensions.length) ?? [];
    // Per script and OpenShift version, kept across keystrokes.
    const key = `findings ${ctx.ocp ? formatVersion(ctx.ocp) : ''}`;
    for (const run of model.osRuns) {
      for (const r of ctx.memo(run, key, (script) => findings(script, ctx.ocp))) {
        const mc = r.extension ? enabled.find((m) => m.extensions.includes(r.extension!)) : undefined;
        const also = mc ? ` MachineConfig \`${mc.name}\` (${mc.file}) already enables \`${r.extension}\`.` : '';
        ctx.report({ run, at: r.at, message: r.message + also });
      }
    }
  },
};

function findings(script: Script, ocp: OcpVersion | null): (OffsetReport & { extension?: string })[] {
  const out: (OffsetReport & { extension?: string })[] = [];
  const toExt = packageToExtensions(ocp);
  for (const i of scriptInstallList(script)) {
    const range = { at: [i.word.start, i.word.end] as const };
    if (/^kernel-rt(-|$)/.test(i.pkg.name)) {
      out.push({
        ...range,
        message: `\`${i.pkg.name}\` is the realtime kernel, which MCO installs itself: set \`kernelType: realtime\` in a MachineConfig instead of layering it.`,
      });
      continue;
    }
    const exts = toExt.get(i.pkg.name);
    if (!exts) continue;
    const list = exts.map((e) => `\`${e}\``).join(' or ');
    out.push({
      ...range,
      extension: exts[0]!,
      message: `\`${i.pkg.name}\` comes with the MachineConfig extension ${list}: add it to \`spec.extensions\` of a MachineConfig instead of layering it, or the pool degrades on the conflict.`,
    });
  }
  return out;
}

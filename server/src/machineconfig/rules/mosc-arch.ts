import type { MachineConfigRule, RangeReport } from '../rule';
import { rangeAt } from '../model';
import { containerFileListPath, containerFiles, owned } from '../queries';
import { isV1alpha1, NO_ARCH, V1_ARCHES, V1ALPHA1_ARCH_TO_V1 } from '../mosc';

export const moscArch: MachineConfigRule = {
  meta: {
    id: 'mosc-arch',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig Containerfile for an architecture other than NoArch',
    why:
      'MCO builds only the `containerFile` entry whose `containerfileArch` is `NoArch` (the default when the field is left out) and ' +
      'ignores every other entry without a word. A MachineOSConfig whose only entry is `AMD64` therefore builds an image with none of ' +
      'your content. The list is keyed by architecture, so two entries for the same one are rejected by the API.',
    source:
      'MCO pkg/controller/build/buildrequest/buildrequest.go newBuildRequest ("only support noArch for now", release-4.18 to 5.0; ' +
      'pkg/controller/build/image_build_request.go in 4.16–4.17); openshift/api machineconfiguration/v1/types_machineosconfig.go ' +
      '(`+listMapKey=containerfileArch`, `+kubebuilder:default:=NoArch`)',
    fixable: true,
    examples: {
      bad: `spec:
  containerFile:
    - containerfileArch: AMD64
      content: |
        FROM configs AS final
        RUN dnf install -y tree && dnf clean all && bootc container lint`,
      good: `spec:
  containerFile:
    - containerfileArch: NoArch
      content: |
        FROM configs AS final
        RUN dnf install -y tree && dnf clean all && bootc container lint`,
      fix: 'Put your content in the `NoArch` entry (or leave `containerfileArch` out). Quick fix: *Change to NoArch*. Other entries are ignored: remove them.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      const alpha = isV1alpha1(d);
      const noArch = alpha ? NO_ARCH.v1alpha1 : NO_ARCH.v1;
      const known: readonly string[] = alpha ? Object.keys(V1ALPHA1_ARCH_TO_V1) : V1_ARCHES;
      const entries = containerFiles(d).map((c) => ({ ...c, written: c.arch !== undefined, arch: c.arch ?? noArch }));
      // A value outside the enum is the schema's (or mosc-v1alpha1-fields'): judge nothing until it is fixed.
      if (entries.length === 0 || entries.some((e) => typeof e.arch !== 'string' || !known.includes(e.arch))) continue;
      const listPath = containerFileListPath(d);
      const at = (i: number, hasKey: boolean) => rangeAt(model, d, hasKey ? [...listPath, i, 'containerfileArch'] : [...listPath, i]);
      const reports: RangeReport[] = [];
      const seen = new Set<string>();
      const hasNoArch = entries.some((e) => e.arch === noArch);
      for (const [k, e] of entries.entries()) {
        const arch = e.arch as string;
        const range = at(e.index, e.written);
        if (seen.has(arch)) {
          reports.push({
            range,
            message: `A second \`${arch}\` entry: \`containerFile\` is a list keyed by \`containerfileArch\`, so the API rejects the object (Duplicate value). Merge the two Containerfiles.`,
          });
          continue;
        }
        seen.add(arch);
        if (arch === noArch) continue;
        if (!hasNoArch && k === 0) {
          reports.push({
            range,
            message:
              `MCO builds only the \`${noArch}\` Containerfile ("only support noArch for now"), and this MachineOSConfig has none: ` +
              `the \`${arch}\` content is never built, and the image gets none of it. Change \`${arch}\` to \`${noArch}\`.`,
            fixes: [{ title: `Change to ${noArch}`, edits: [{ range, newText: noArch }] }],
          });
          continue;
        }
        reports.push({
          range,
          severity: 'warning',
          message: `MCO ignores the \`${arch}\` Containerfile: it builds only the \`${noArch}\` entry ("only support noArch for now"). Move what this one needs into the \`${noArch}\` entry and remove it.`,
        });
      }
      for (const r of reports) ctx.report(r);
    }
  },
};

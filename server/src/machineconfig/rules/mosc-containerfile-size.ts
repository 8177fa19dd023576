import type { MachineConfigRule } from '../rule';
import { rangeAt } from '../model';
import { containerFiles, MAX_CONTAINERFILE, owned } from '../queries';

export const moscContainerfileSize: MachineConfigRule = {
  meta: {
    id: 'mosc-containerfile-size',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig Containerfile over 4,096 characters',
    why: 'The API limits each `containerFile[].content` to 4,096 characters. Move long scripts into an image or an RPM and install that.',
    source: 'openshift/api types_machineosconfig.go (MaxLength=4096)',
    fixable: false,
    examples: {
      bad: `      content: |
        FROM configs AS final
        RUN ... (more than 4,096 characters)`,
      good: `      content: |
        FROM configs AS final
        RUN dnf install -y my-tools && dnf clean all && ostree container commit`,
      fix: 'Package long scripts as an RPM or an image.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      // v1alpha1 (4.16–4.17) sets no limit on `content`.
      if (d.apiVersion?.endsWith('/v1alpha1')) continue;
      for (const c of containerFiles(d)) {
        // The API counts characters (code points), not UTF-16 units: an emoji is one character.
        const length = [...c.content].length;
        if (length <= MAX_CONTAINERFILE) continue;
        ctx.report({
          range: rangeAt(model, d, c.path, { key: true }),
          message: `This Containerfile has ${length.toLocaleString('en-US')} characters; the API accepts at most 4,096. Move long scripts into an RPM or a separate image.`,
        });
      }
    }
  },
};

import type { Rule } from '../../core/types';
import { rangeAt, YamlModel } from '../model';
import { ignitionFiles, owned } from '../queries';

export const mcFileMode: Rule<YamlModel> = {
  meta: {
    id: 'mc-file-mode',
    kind: 'yaml',
    severity: 'error',
    title: 'File mode above 0777',
    why: 'MCO rejects setuid, setgid and sticky bits: "invalid mode 04755 for <path>, cannot exceed 0777". The mode is written in decimal in YAML (420 = 0644, 493 = 0755); an octal-looking 0644 written without thinking is a common slip.',
    source: 'MCO ValidateMachineConfig (BZ 2038240)',
    fixable: false,
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      ignitionFiles(d).forEach((f, i) => {
        const mode = f?.['mode'];
        if (typeof mode !== 'number' || mode <= 0o777) return;
        ctx.report({ range: rangeAt(model, d, ['spec', 'config', 'storage', 'files', i, 'mode']), message: `Mode ${mode} is 0${mode.toString(8)} in octal, above 0777: MCO rejects setuid/setgid/sticky bits. Modes are decimal here (420 = 0644, 493 = 0755).` });
      });
    }
  },
};

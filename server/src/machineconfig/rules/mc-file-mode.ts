import type { MachineConfigRule } from '../rule';
import { rangeAt } from '../model';
import { ignitionFiles, owned } from '../queries';

export const mcFileMode: MachineConfigRule = {
  meta: {
    id: 'mc-file-mode',
    kind: 'yaml',
    severity: 'error',
    title: 'File mode above 0777',
    why: 'MCO rejects setuid, setgid and sticky bits: "invalid mode 04755 for <path>, cannot exceed 0777". The mode is written in decimal in YAML (420 = 0644, 493 = 0755); an octal-looking 0644 written without thinking is a common slip.',
    source: 'MCO ValidateMachineConfig (BZ 2038240)',
    fixable: false,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-custom
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  config:
    ignition:
      version: 3.2.0
    storage:
      files:
        - path: /usr/local/bin/tool
          mode: 2541`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-custom
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  config:
    ignition:
      version: 3.2.0
    storage:
      files:
        - path: /usr/local/bin/tool
          mode: 493`,
      fix: 'Use a decimal mode of at most 511 (0777): 420 = 0644, 493 = 0755.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      ignitionFiles(d).forEach((f, i) => {
        const mode = f?.['mode'];
        if (typeof mode !== 'number' || mode <= 0o777) return;
        ctx.report({
          range: rangeAt(model, d, ['spec', 'config', 'storage', 'files', i, 'mode']),
          message: `Mode ${mode} is 0${mode.toString(8)} in octal, above 0777: MCO rejects setuid/setgid/sticky bits. Modes are decimal here (420 = 0644, 493 = 0755).`,
        });
      });
    }
  },
};

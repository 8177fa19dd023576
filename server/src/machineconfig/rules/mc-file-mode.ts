import type { MachineConfigRule } from '../rule';
import { rangeAt } from '../model';
import { ignitionFiles, owned } from '../queries';
import { ignitionExample } from '../examples';

export const mcFileMode: MachineConfigRule = {
  meta: {
    id: 'mc-file-mode',
    kind: 'yaml',
    severity: 'error',
    title: 'File mode above 0777',
    why:
      'MCO rejects setuid, setgid and sticky bits: "invalid mode 04755 for <path>, cannot exceed 0777". `oc` reads YAML as YAML 1.1 ' +
      '(go-yaml v2), so `mode: 0644` is octal, 420, and correct; the real slip is `mode: 644` without the leading 0, which is ' +
      'decimal 644 = 0o1204 and rejected. Decimal modes (420 = 0644, 493 = 0755) are what `oc get -o yaml` prints.',
    source:
      'MCO ValidateMachineConfig (BZ 2038240); go-yaml v2 resolve.go (a leading 0 is octal: strconv.ParseInt base 0), used by ' +
      'sigs.k8s.io/yaml in oc/kubectl',
    fixable: false,
    examples: {
      bad: ignitionExample(`    storage:
      files:
        - path: /usr/local/bin/tool
          mode: 644`),
      good: ignitionExample(`    storage:
      files:
        - path: /usr/local/bin/tool
          mode: 0755`),
      fix: 'Write the mode in octal with its leading 0 (`0755`), or in decimal (493); at most 0777 (511).',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      ignitionFiles(d).forEach((f, i) => {
        const mode = f?.['mode'];
        if (typeof mode !== 'number' || mode <= 0o777) return;
        const path = ['spec', 'config', 'storage', 'files', i, 'mode'];
        const range = rangeAt(model, d, path);
        const written = model.index.lineText(range.start.line).slice(range.start.character, range.end.character);
        // `644` meant as octal: every digit is 0-7 and, read as octal, it is a valid mode.
        const meantOctal = /^[0-7]{3}$/.test(written) && parseInt(written, 8) <= 0o777;
        ctx.report({
          range,
          message: meantOctal
            ? `Mode ${written} is decimal (0${mode.toString(8)} in octal), above 0777, and MCO rejects it: ` +
              `write \`0${written}\` (octal, as \`oc\` reads YAML 1.1) or ${parseInt(written, 8)}.`
            : `Mode ${mode} is 0${mode.toString(8)} in octal, above 0777: MCO rejects setuid/setgid/sticky ` +
              `bits. Write at most 0777 (octal with a leading 0, or 511 in decimal).`,
        });
      });
    }
  },
};

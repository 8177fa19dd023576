import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-file-mode', {
  valid: [ign('3.2.0', ['storage:', '  files:', '    - {path: /etc/x, mode: 420}'])],
  invalid: [
    {
      code: ign('3.2.0', ['storage:', '  files:', '    - path: /usr/bin/x', '      mode: 2541']),
      errors: [{ range: [13, 16, 13, 20], message: /Mode 2541 is 04755 in octal, above 0777/ }],
    },
  ],
});

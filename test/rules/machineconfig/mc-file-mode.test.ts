import { ruleTest, ign } from '../ruleTester';

const file = (mode: string) => ign('3.2.0', ['storage:', '  files:', '    - path: /usr/bin/x', `      mode: ${mode}`]);

ruleTest('mc-file-mode', {
  valid: [
    ign('3.2.0', ['storage:', '  files:', '    - {path: /etc/x, mode: 420}']),
    // oc reads YAML 1.1 (go-yaml v2): a leading 0 is octal, so 0644 is 420 and 0755 is 493.
    file('0644'),
    file('0755'),
    file('0o755'),
    file('0777'),
    file('511'),
  ],
  invalid: [
    {
      code: file('2541'),
      errors: [{ range: [13, 16, 13, 20], message: /Mode 2541 is 04755 in octal, above 0777/ }],
    },
    {
      // The real slip: octal digits without the leading 0 are decimal 644 = 0o1204.
      code: file('644'),
      errors: [
        {
          range: [13, 16, 13, 19],
          message: /Mode 644 is decimal \(01204 in octal\), above 0777, and MCO rejects it: write `0644`.* or 420/,
        },
      ],
    },
    {
      code: file('755'),
      errors: [{ range: [13, 16, 13, 19], message: /write `0755`.* or 493/ }],
    },
    {
      // 04755 is octal too: setuid.
      code: file('04755'),
      errors: [{ range: [13, 16, 13, 21], message: /Mode 2541 is 04755 in octal/ }],
    },
  ],
});

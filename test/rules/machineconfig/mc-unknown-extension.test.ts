import { ruleTest, mc } from '../ruleTester';

ruleTest('mc-unknown-extension', {
  valid: [mc(['extensions:', '  - usbguard', '  - kerberos']), { code: mc(['extensions: [sysstat]']), ocp: '4.18' }],
  invalid: [
    {
      code: mc(['extensions:', '  - usbguard', '  - kerberos5']),
      errors: [{ range: [9, 6, 9, 15], message: /`kerberos5` is not an extension in any OpenShift version: did you mean `kerberos`\?/ }],
      output: mc(['extensions:', '  - usbguard', '  - kerberos']),
    },
    {
      code: mc(['extensions:', '  - usbguard', '  - kerberos5']),
      errors: [{ range: [9, 6, 9, 15] }],
      fix: 1,
      output: mc(['extensions:', '  - usbguard']),
    },
    {
      code: mc(['extensions: [sysstat, wasm]']),
      ocp: '4.17',
      errors: [{ range: [7, 15, 7, 22], message: /`sysstat` is not an extension in OpenShift 4\.17/ }],
    },
    { code: mc(['extensions: [wasm]']), ocp: '4.22', errors: [{ range: [7, 15, 7, 19] }] },
  ],
});

import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-ignition-field-version', {
  valid: [
    ign('3.3.0', ['kernelArguments:', '  shouldExist: [nosmt]']),
    ign('3.2.0', ['storage:', '  filesystems:', '    - {device: /dev/sdb, format: xfs}']),
  ],
  invalid: [
    {
      code: ign('3.2.0', ['kernelArguments:', '  shouldExist: [nosmt]']),
      errors: [
        {
          range: [10, 4, 10, 19],
          message: /kernel arguments \(`kernelArguments`\) needs Ignition 3\.3\.0 or later, but this config declares 3\.2\.0/,
        },
      ],
    },
    {
      code: ign('3.1.0', ['storage:', '  luks:', '    - name: data', '      discard: true']),
      errors: [
        { range: [11, 6, 11, 10], message: /LUKS encrypted storage/ },
        { range: [13, 10, 13, 17], message: /LUKS discard needs Ignition 3\.4\.0/ },
      ],
    },
    {
      code: ign('3.2.0', ['storage:', '  filesystems:', '    - {device: /dev/sdb, format: none}']),
      errors: [{ range: [12, 37, 12, 41], message: /filesystem format `none` needs Ignition 3\.3\.0/ }],
    },
  ],
});

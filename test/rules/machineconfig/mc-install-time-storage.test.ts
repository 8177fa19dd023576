import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-install-time-storage', {
  valid: [ign('3.2.0', ['storage:', '  files: []'])],
  invalid: [
    {
      code: ign('3.2.0', ['storage:', '  disks:', '    - device: /dev/sdb', '  luks:', '    - name: x']),
      errors: [
        { range: [11, 6, 11, 11], message: /`storage\.disks` only takes effect when a node is installed/ },
        { range: [13, 6, 13, 10], message: /ignores it/ },
      ],
    },
  ],
});

import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-irreconcilable', {
  valid: [
    ign('3.2.0', [
      'passwd:',
      '  users:',
      '    - name: core',
      '      sshAuthorizedKeys: [ssh-ed25519 AAA]',
      'storage:',
      '  files:',
      '    - path: /etc/x',
    ]),
  ],
  invalid: [
    {
      code: ign('3.2.0', ['passwd:', '  users:', '    - name: admin', '    - name: core', '      groups: [wheel]']),
      errors: [
        { range: [12, 16, 12, 21], message: /User `admin` cannot be added on a running cluster/ },
        { range: [14, 10, 14, 16], message: /`groups` of the core user cannot be changed/ },
      ],
    },
    {
      code: ign('3.2.0', [
        'storage:',
        '  links:',
        '    - {path: /etc/a, target: /etc/b}',
        '  files:',
        '    - path: /etc/x',
        '      append:',
        '        - source: data:,x',
        'kernelArguments:',
        '  shouldExist: [nosmt]',
      ]),
      errors: [
        { range: [11, 6, 11, 11], message: /`storage\.links` cannot be added/ },
        { range: [15, 10, 15, 16], message: /File `\/etc\/x` uses `append`/ },
        {
          range: [17, 4, 17, 19],
          message: /Ignition `kernelArguments` cannot be applied on a running cluster: use `spec\.kernelArguments`/,
        },
      ],
    },
  ],
});

import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-ignition-v2-keys', {
  valid: [ign('2.2.0', ['storage:', '  files:', '    - {filesystem: root, path: /etc/x}'])],
  invalid: [
    {
      code: ign('3.2.0', [
        'storage:',
        '  files:',
        '    - filesystem: root',
        '      path: /etc/x',
        'systemd:',
        '  units:',
        '    - name: a.service',
        '      enable: true',
      ]),
      errors: [
        { range: [12, 10, 12, 20], message: /`filesystem` is an Ignition 2\.x key/ },
        { range: [17, 10, 17, 16], message: /`enable` is Ignition 2\.x; in 3\.x it is `enabled`/ },
      ],
    },
  ],
});

import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-ignition-v2-keys', {
  valid: [
    ign('2.2.0', ['storage:', '  files:', '    - {filesystem: root, path: /etc/x}']),
    // Items that are strings (found by the fuzzer: the rule threw on `'filesystem' in 'path:nosmt'`).
    ign('3.2.0', ['storage:', '  files:', '    - path:nosmt', 'systemd:', '  units:', '    - a.service']),
  ],
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
    {
      // Older `oc get -o yaml` printed empty 2.x sections: info, not a warning.
      code: ign('3.1.0', ['networkd: {}']),
      errors: [{ range: [10, 4, 10, 12], message: /empty Ignition 2\.x section.*harmless/, severity: 'info' }],
    },
    {
      code: ign('3.1.0', ['networkd:', '  units:', '    - name: 10-eth0.network']),
      errors: [{ range: [10, 4, 10, 12], message: /`networkd` is an Ignition 2\.x section; 3\.x has none/, severity: 'warning' }],
    },
  ],
});

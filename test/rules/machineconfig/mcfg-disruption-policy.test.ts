import { ruleTest } from '../ruleTester';

/** A MachineConfiguration named `name` whose nodeDisruptionPolicy holds `ndp` (lines indented four spaces, from line 6). */
const mcfg = (ndp: string[], name = 'cluster') =>
  [
    'apiVersion: operator.openshift.io/v1',
    'kind: MachineConfiguration',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  nodeDisruptionPolicy:',
    ...ndp.map((l) => `    ${l}`),
  ].join('\n') + '\n';

/** One file policy for `path` with `actions` (lines from line 9, indented ten spaces at the item). */
const file = (path: string, actions: string[]) => ['files:', `  - path: ${path}`, '    actions:', ...actions.map((l) => `      ${l}`)];

ruleTest('mcfg-disruption-policy', {
  valid: [
    // openshift-docs modules/machine-config-node-disruption-example.adoc (shape)
    mcfg([
      ...file('/etc/my-file.conf', ['- type: Restart', '  restart:', '    serviceName: my-service.service']),
      'units:',
      '  - name: auditd.service',
      '    actions:',
      '      - type: Drain',
      '      - type: Reload',
      '        reload:',
      '          serviceName: crio.service',
      '      - type: DaemonReload',
      'sshkey:',
      '  actions:',
      '    - type: None',
    ]),
    { code: mcfg(file('/etc/chrony.conf', ['- type: None'])), ocp: '4.17' },
    mcfg(file('/etc/x.conf', ['- type: Reload', '  reload:', '    serviceName: systemd-journald.socket'])),
    // not ours: another operator.openshift.io kind
    'apiVersion: operator.openshift.io/v1\nkind: Network\nmetadata:\n  name: cluster\nspec:\n  nodeDisruptionPolicy: x\n',
  ],
  invalid: [
    {
      code: mcfg(file('/etc/x.conf', ['- type: Reboots'])),
      errors: [{ range: [9, 18, 9, 25], message: /^Unsupported value: "Reboots": supported values: "Reboot", .*Did you mean `Reboot`\?/ }],
      output: mcfg(file('/etc/x.conf', ['- type: Reboot'])),
    },
    {
      code: mcfg(file('/etc/x.conf', ['- type: Special'])),
      errors: [{ range: [9, 18, 9, 25], message: /`Special` is an action MCO writes in the status/ }],
    },
    {
      code: mcfg(file('/etc/x.conf', ['- type: Drain', '- type: None'])),
      errors: [
        { range: [10, 18, 10, 22], message: /^None action can only be specified standalone, as it will override any other actions$/ },
      ],
    },
    {
      code: mcfg(file('/etc/x.conf', ['- type: Reboot', '- type: Drain'])),
      errors: [{ range: [9, 18, 9, 24], message: /^Reboot action can only be specified standalone/ }],
    },
    {
      code: mcfg(file('/etc/x.conf', ['- type: Restart'])),
      errors: [
        {
          range: [9, 18, 9, 25],
          message: /^restart is required when type is Restart, and forbidden otherwise: add `restart: \{serviceName/,
        },
      ],
    },
    {
      code: mcfg(file('/etc/x.conf', ['- type: Drain', '  reload:', '    serviceName: crio.service'])),
      errors: [{ range: [10, 12, 10, 18], message: /^reload is required when type is Reload, and forbidden otherwise$/ }],
    },
    {
      code: mcfg(file('/etc/x.conf', ['- type: Reload', '  reload:', '    serviceName: crio'])),
      errors: [
        { range: [11, 27, 11, 31], message: /^Invalid \$\{SERVICETYPE\} in service name/ },
        { range: [11, 27, 11, 31], message: /^Invalid \$\{NAME\} in service name/ },
      ],
    },
    {
      code: mcfg(['units:', '  - name: my/unit.service', '    actions:', '      - type: None']),
      errors: [{ range: [7, 14, 7, 29], message: /^Invalid \$\{NAME\} in service name/ }],
    },
    {
      code: mcfg(file('etc/x.conf', ['- type: None'])),
      errors: [{ range: [7, 14, 7, 24], severity: 'warning', message: /`etc\/x\.conf` is not an absolute path: .* never matches/ }],
      output: mcfg(file('/etc/x.conf', ['- type: None'])),
    },
    {
      code: mcfg([...file('/etc/x', ['- type: None']), '  - path: /etc/x', '    actions:', '      - type: Drain']),
      errors: [{ range: [10, 14, 10, 20], message: /^Duplicate value: path `\/etc\/x`/ }],
    },
    {
      code: mcfg(['sshkey:', '  actions:', '    - type: Drain', '      restart:', '        serviceName: sshd.service']),
      errors: [{ range: [9, 10, 9, 17], message: /^restart is required when type is Restart, and forbidden otherwise$/ }],
    },
    {
      code: mcfg(file('/etc/x', ['- type: None']), 'default'),
      errors: [
        { range: [3, 8, 3, 15], message: /^Only a single object of MachineConfiguration is allowed and it must be named cluster\./ },
      ],
    },
    // 4.16: TechPreview; the API server drops the field on a default cluster
    {
      code: mcfg(file('/etc/x', ['- type: None'])),
      ocp: '4.16',
      errors: [{ range: [5, 2, 5, 22], severity: 'info', message: /TechPreview on OpenShift 4\.16/ }],
    },
  ],
});

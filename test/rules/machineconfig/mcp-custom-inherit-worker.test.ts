import { ruleTest } from '../ruleTester';

const pool = (name: string, selector: string[]) =>
  [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfigPool',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  machineConfigSelector:',
    ...selector.map((l) => `    ${l}`),
  ].join('\n') + '\n';

ruleTest('mcp-custom-inherit-worker', {
  valid: [
    {
      code: pool('infra', [
        'matchExpressions:',
        '  - {key: machineconfiguration.openshift.io/role, operator: In, values: [worker, infra]}',
      ]),
      ocp: '4.18',
    },
    { code: pool('infra', ['matchLabels:', '    machineconfiguration.openshift.io/role: infra']), ocp: '4.17' },
  ],
  invalid: [
    {
      code: pool('infra', ['matchLabels:', '  machineconfiguration.openshift.io/role: infra']),
      ocp: '4.18',
      errors: [{ range: [5, 2, 5, 23], message: /Custom pool `infra` must inherit from worker on 4\.18\+/ }],
    },
  ],
});

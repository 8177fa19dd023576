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

// Extensions per OS image stream: the pool that selects the MachineConfig names `spec.osImageStream`
const ROLE = 'machineconfiguration.openshift.io/role';
const pool = (name: string, stream: string | null, selector = `{matchLabels: {${ROLE}: ${name}}}`) =>
  [
    '---',
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfigPool',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  machineConfigSelector: ${selector}`,
    ...(stream ? ['  osImageStream:', `    name: ${stream}`] : []),
  ].join('\n') + '\n';
const ipsec = mc(['extensions: [usbguard, ipsec]']);
const infra = `{matchExpressions: [{key: ${ROLE}, operator: In, values: [worker, infra]}]}`;

ruleTest('mc-unknown-extension', {
  valid: [
    // 4.21: the RHEL 9 stream carries ipsec; the version alone (no pool known) does too
    { code: ipsec + pool('worker', 'rhel-9'), ocp: '4.21' },
    { code: ipsec, ocp: '4.21' },
    // a pool without osImageStream runs the default stream
    { code: ipsec + pool('worker', null), ocp: '4.21' },
    // 4.22 and 5.0: RHEL 10 carries ipsec (openshift/os extensions/rhel-10.2.yaml@release-4.22)
    { code: ipsec + pool('worker', 'rhel-10'), ocp: '4.22' },
    { code: ipsec + pool('worker', 'rhel-10'), ocp: '5.0' },
    // a rhel-10 pool that does not select this MachineConfig
    { code: ipsec + pool('infra', 'rhel-10'), ocp: '4.21' },
  ],
  invalid: [
    {
      code: ipsec + pool('worker', 'rhel-10'),
      ocp: '4.21',
      errors: [
        {
          range: [7, 25, 7, 30],
          message:
            /^`ipsec` is not in the rhel-10 stream's extensions on OpenShift 4\.21: pool `worker` \(osImageStream rhel-10\) cannot install it, and its nodes degrade\./,
        },
      ],
    },
    // a custom pool inheriting worker on rhel-10 gets the worker MachineConfig too
    {
      code: mc(['extensions: [wasm]']) + pool('infra', 'rhel-10', infra),
      ocp: '4.21',
      errors: [{ range: [7, 15, 7, 19], message: /pool `infra` \(osImageStream rhel-10\)/ }],
    },
    // the pool can come from another file of the workspace
    {
      code: ipsec,
      ocp: '4.21',
      workspace: {
        machineConfigs: [],
        containerfileRpms: [],
        pools: [{ file: 'pools.yaml', name: 'worker', stream: 'rhel-10', machineConfigSelector: { matchLabels: { [ROLE]: 'worker' } } }],
      },
      errors: [{ range: [7, 25, 7, 30], message: /pool `worker` \(osImageStream rhel-10\)/ }],
    },
    // 5.0 is MCO release-4.23: wasm is gone on every stream
    { code: mc(['extensions: [wasm]']), ocp: '5.0', errors: [{ range: [7, 15, 7, 19], message: /not an extension in OpenShift 5\.0/ }] },
  ],
});

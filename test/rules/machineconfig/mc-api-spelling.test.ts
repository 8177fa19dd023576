import { ruleTest, mc } from '../ruleTester';

ruleTest('mc-api-spelling', {
  valid: [mc([]), 'apiVersion: machineconfiguration.openshift.io/v1alpha1\nkind: MachineOSConfig\nmetadata:\n  name: worker\n'],
  invalid: [
    {
      code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigs\nmetadata:\n  name: x\n',
      errors: [
        {
          range: [1, 6, 1, 20],
          message: /kind `MachineConfigs` is not a machineconfiguration\.openshift\.io kind: did you mean `MachineConfig`\?/,
        },
      ],
      output: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n',
    },
    {
      code: 'apiVersion: machineconfigurations.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n',
      errors: [{ range: [0, 12, 0, 49], message: /use `machineconfiguration\.openshift\.io\/v1`/ }],
    },
  ],
});

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

// The new kinds: MachineConfiguration lives in operator.openshift.io, PinnedImageSet in machineconfiguration.openshift.io
ruleTest('mc-api-spelling', {
  valid: [
    'apiVersion: operator.openshift.io/v1\nkind: MachineConfiguration\nmetadata:\n  name: cluster\n',
    'apiVersion: machineconfiguration.openshift.io/v1alpha1\nkind: PinnedImageSet\nmetadata:\n  name: x\n',
    // other kinds of operator.openshift.io are not ours
    'apiVersion: operator.openshift.io/v1\nkind: MachineConfigPools\nmetadata:\n  name: x\n',
  ],
  invalid: [
    {
      code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfiguration\nmetadata:\n  name: cluster\n',
      errors: [
        {
          range: [0, 12, 0, 48],
          message:
            /^apiVersion `machineconfiguration\.openshift\.io\/v1` is not served for MachineConfiguration: use `operator\.openshift\.io\/v1`\.$/,
        },
      ],
      output: 'apiVersion: operator.openshift.io/v1\nkind: MachineConfiguration\nmetadata:\n  name: cluster\n',
    },
    {
      code: 'apiVersion: operator.openshift.io/v1\nkind: MachineConfigurations\nmetadata:\n  name: cluster\n',
      errors: [{ range: [1, 6, 1, 27], message: /did you mean `MachineConfiguration`\?/ }],
    },
  ],
});

// PinnedImageSet by release: v1alpha1 (TechPreview) up to 4.18, v1 from 4.19, v1alpha1 gone from 4.22
const pisAt = (version: string) => `apiVersion: machineconfiguration.openshift.io/${version}\nkind: PinnedImageSet\nmetadata:\n  name: x\n`;
ruleTest('mc-api-spelling', {
  valid: [
    { code: pisAt('v1alpha1'), ocp: '4.16' },
    { code: pisAt('v1'), ocp: '4.19' },
    { code: pisAt('v1alpha1'), ocp: '4.21' },
    { code: pisAt('v1'), ocp: '5.0' },
  ],
  invalid: [
    {
      code: pisAt('v1'),
      ocp: '4.18',
      errors: [
        {
          range: [0, 12, 0, 48],
          message:
            /^apiVersion `machineconfiguration\.openshift\.io\/v1` is not served for PinnedImageSet on OpenShift 4\.18: use `machineconfiguration\.openshift\.io\/v1alpha1`\.$/,
        },
      ],
      output: pisAt('v1alpha1'),
    },
    {
      code: pisAt('v1alpha1'),
      ocp: '4.22',
      errors: [
        {
          range: [0, 12, 0, 54],
          message: /is not served for PinnedImageSet on OpenShift 4\.22: use `machineconfiguration\.openshift\.io\/v1`\.$/,
        },
      ],
      output: pisAt('v1'),
    },
  ],
});

import { ruleTest, mc } from '../ruleTester';

const D = 'sha256:' + 'a'.repeat(64);

ruleTest('mc-role-label', {
  valid: [
    mc(['osImageURL: quay.io/a/b@' + D]),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    // MCO's rendered configs (as opened from the Rollouts view) have no role label by design.
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rendered-worker-0123abcd\n  annotations:\n    machineconfiguration.openshift.io/generated-by-controller-version: 4.16.0\nspec:\n  osImageURL: quay.io/a/b@' +
      D +
      '\n',
  ],
  invalid: [
    {
      code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rendered-by-hand\nspec: {}\n',
      errors: [{ range: [3, 8, 3, 24] }],
    },
    {
      code: mc(['kernelType: realtime'], 'rt', null),
      errors: [{ range: [3, 8, 3, 10], message: /MachineConfig `rt` has no `machineconfiguration\.openshift\.io\/role` label/ }],
      output: mc(['kernelType: realtime'], 'rt', null).replace(
        'metadata:\n',
        'metadata:\n  labels:\n    machineconfiguration.openshift.io/role: worker\n',
      ),
    },
    {
      code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rt\n  labels:\n    app: x\nspec: {}\n',
      errors: [{ range: [3, 8, 3, 10] }],
      fix: 1,
      output:
        'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rt\n  labels:\n    machineconfiguration.openshift.io/role: master\n    app: x\nspec: {}\n',
    },
  ],
});

import { ruleTest, mosc } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && ostree container commit'];

ruleTest('mosc-name-pool', {
  valid: [
    mosc('worker', GOOD),
    // v1alpha1 (4.16–4.17) has no such rule.
    mosc('layered', GOOD).replace('/v1\n', '/v1alpha1\n'),
  ],
  invalid: [
    {
      code: mosc('layered', GOOD),
      errors: [
        {
          range: [3, 8, 3, 15],
          message:
            /MachineOSConfig `layered` must be named after its pool, `worker`: the API rejects it with "MachineOSConfig name must match the referenced MachineConfigPool name; can only have one MachineOSConfig per MachineConfigPool"/,
        },
      ],
      output: mosc('worker', GOOD),
    },
  ],
});

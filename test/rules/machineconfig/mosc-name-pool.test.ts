import { ruleTest, mosc } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && ostree container commit'];

ruleTest('mosc-name-pool', {
  valid: [mosc('worker', GOOD)],
  invalid: [
    {
      code: mosc('layered', GOOD),
      errors: [{ range: [3, 8, 3, 15], message: /MachineOSConfig `layered` must be named after its pool, `worker`/ }],
      output: mosc('worker', GOOD),
    },
  ],
});

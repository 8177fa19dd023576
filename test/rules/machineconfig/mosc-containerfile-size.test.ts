import { ruleTest, mosc } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && ostree container commit'];

ruleTest('mosc-containerfile-size', {
  valid: [mosc('worker', GOOD)],
  invalid: [
    {
      code: mosc('worker', [...GOOD, '# ' + 'x'.repeat(4100)]),
      errors: [{ range: [14, 6, 14, 13], message: /has 4,\d{3} characters; the API accepts at most 4,096/ }],
    },
  ],
});

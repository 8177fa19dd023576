import { ruleTest, mosc, moscV1alpha1 } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && ostree container commit'];

ruleTest('mosc-containerfile-size', {
  valid: [
    mosc('worker', GOOD),
    // The API counts characters, not UTF-16 units: 4,000 emoji are 4,000 characters (8,000 units).
    mosc('worker', [...GOOD, '# ' + '🙂'.repeat(4000)]),
    // v1alpha1 (4.16–4.17) sets no limit.
    moscV1alpha1([...GOOD, '# ' + 'x'.repeat(4100)]),
  ],
  invalid: [
    {
      code: mosc('worker', [...GOOD, '# ' + 'x'.repeat(4100)]),
      errors: [{ range: [14, 6, 14, 13], message: /has 4,\d{3} characters; the API accepts at most 4,096/ }],
    },
  ],
});

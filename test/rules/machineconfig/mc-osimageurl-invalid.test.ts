import { ruleTest, mc } from '../ruleTester';

const D = 'sha256:' + 'a'.repeat(64);

ruleTest('mc-osimageurl-invalid', {
  valid: [mc(['osImageURL: registry.example.com:5000/ns/img@' + D]), mc(['osImageURL: registry.example.com:5000/ns/img:4.16'])],
  invalid: [
    { code: mc(['osImageURL: https://quay.io/a/b@' + D]), errors: [{ range: [7, 14, 7, 105], message: /is not a valid image reference/ }] },
    { code: mc(['osImageURL: quay.io/A/B:1']), errors: [{ range: [7, 14, 7, 27] }] },
    {
      code: mc(['osImageURL: registry.example.com:5000/ns/img:4.16@' + D]),
      errors: [{ range: [7, 14, 7, 123], message: /has both a tag and a digest, which rpm-ostree refuses/ }],
      output: mc(['osImageURL: registry.example.com:5000/ns/img@' + D]),
    },
  ],
});

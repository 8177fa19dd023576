import { ruleTest, mc } from '../ruleTester';

const D = 'sha256:' + 'a'.repeat(64);

ruleTest('mc-osimageurl-not-pinned', {
  valid: [mc(['osImageURL: quay.io/a/b@' + D]), mc(['osImageURL: ""'])],
  invalid: [
    {
      code: mc(['osImageURL: quay.io/my-registry/custom-image:latest']),
      errors: [{ range: [7, 14, 7, 53], message: /not pinned by digest: use `quay\.io\/my-registry\/custom-image@sha256:<digest>`/ }],
    },
  ],
});

import { ruleTest, BASE } from '../ruleTester';

ruleTest('from-placeholder-digest', {
  valid: [BASE, 'FROM quay.io/a/b:4.16'],
  invalid: [
    {
      code: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256...',
      errors: [{ range: [0, 5, 0, 61], message: /`sha256\.\.\.` is not a real digest/ }],
    },
    { code: 'FROM quay.io/a/b@sha256:abc123', errors: [{ range: [0, 5, 0, 30] }] },
    { code: 'FROM quay.io/a/b@sha256:<digest>', errors: [{ range: [0, 5, 0, 32] }] },
  ],
});

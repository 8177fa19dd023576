import { ruleTest, BASE } from '../ruleTester';

const DIGEST = 'sha256:' + 'b'.repeat(64);

ruleTest('from-arg-no-default', {
  valid: [BASE, `ARG IMG=quay.io/a/b@${DIGEST}\nFROM $IMG`, 'ARG DTK\nFROM ${DTK} AS builder\n' + BASE],
  invalid: [
    {
      code: 'ARG RHCOS_IMAGE\nFROM ${RHCOS_IMAGE}',
      errors: [{ range: [1, 5, 1, 19], message: /ARG RHCOS_IMAGE, which has no default: pass `--build-arg RHCOS_IMAGE=/ }],
    },
    { code: 'FROM $UNDECLARED', errors: [{ range: [0, 5, 0, 16], message: /is not declared before the first FROM/ }] },
  ],
});

import { ruleTest, BASE } from '../ruleTester';

const V = '5.14.0-295.el9';
const FULL9 = `rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-core-,modules-extra-}${V}.x86_64.rpm`;

ruleTest('kernel-without-cliwrap', {
  valid: [
    `${BASE}\nRUN rpm-ostree cliwrap install-to-root / && ${FULL9}`,
    `${BASE}\nRUN rpm-ostree cliwrap install-to-root /\nRUN ${FULL9}`,
    `${BASE}\nRUN rpm-ostree install kernel-devel-tools`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN ${FULL9} && ostree container commit`,
      errors: [{ range: [1, 32, 1, 120], message: /`kernel` is replaced without `rpm-ostree cliwrap install-to-root \/` first/ }],
      output: `${BASE}\nRUN rpm-ostree cliwrap install-to-root / && ${FULL9} && ostree container commit`,
    },
  ],
});

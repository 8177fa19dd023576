import { ruleTest, BASE } from '../ruleTester';

const V = '5.14.0-295.el9';
const FULL9 = `rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-core-,modules-extra-}${V}.x86_64.rpm`;

ruleTest('kernel-install-not-override', {
  valid: [`${BASE}\nRUN ${FULL9}`, `${BASE}\nRUN rpm-ostree install kernel-tools`],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree install kernel-core-${V}`,
      errors: [{ range: [1, 23, 1, 49], message: /installed with `rpm-ostree install`, which layers a second kernel/ }],
    },
  ],
});

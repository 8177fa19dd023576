import { ruleTest, BASE } from '../ruleTester';

const V = '5.14.0-295.el9';
const FULL9 = `rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-core-,modules-extra-}${V}.x86_64.rpm`;

ruleTest('kernel-version-mismatch', {
  valid: [`${BASE}\nRUN ${FULL9} && dracut --kver ${V}.x86_64 -f /x`, `${BASE}\nRUN ${FULL9} && dracut --kver $(ls /usr/lib/modules) -f`],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree override replace kernel-${V} kernel-core-5.14.0-296.el9`,
      errors: [{ range: [1, 54, 1, 80], message: /`kernel-core` is 5\.14\.0-296\.el9 but `kernel` is 5\.14\.0-295\.el9/ }],
    },
    {
      code: `${BASE}\nRUN ${FULL9} && dracut --kver 5.14.0-300.el9.x86_64`,
      errors: [{ range: [1, 138, 1, 159], message: /dracut --kver 5\.14\.0-300\.el9\.x86_64` builds the initramfs for another kernel/ }],
    },
  ],
});

import { ruleTest, BASE } from '../../rules/ruleTester';

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

ruleTest('kernel-incomplete-set', {
  valid: [
    `${BASE}\nRUN ${FULL9}`,
    `${BASE}\nRUN rpm-ostree override replace kernel-{,core-,modules-,modules-extra-}4.18.0-483.el8`,
    { code: `${BASE}\nRUN rpm-ostree override replace kernel kernel-core kernel-modules kernel-modules-extra`, ocp: '4.12' },
  ],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-extra-}${V}.x86_64.rpm`,
      errors: [{ range: [1, 32, 1, 106], message: /missing `kernel-modules-core`: RHEL 9 needs kernel, kernel-core, kernel-modules, kernel-modules-core, kernel-modules-extra/ }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree override replace kernel kernel-core`,
      ocp: '4.16',
      errors: [{ range: [1, 32, 1, 50], message: /missing `kernel-modules`, `kernel-modules-core`, `kernel-modules-extra`/ }],
    },
  ],
});

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

ruleTest('kernel-install-not-override', {
  valid: [`${BASE}\nRUN ${FULL9}`, `${BASE}\nRUN rpm-ostree install kernel-tools`],
  invalid: [
    { code: `${BASE}\nRUN rpm-ostree install kernel-core-${V}`, errors: [{ range: [1, 23, 1, 49], message: /installed with `rpm-ostree install`, which layers a second kernel/ }] },
  ],
});

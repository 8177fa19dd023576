import { ruleTest, BASE } from '../ruleTester';

const V = '5.14.0-295.el9';
const FULL9 = `rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-core-,modules-extra-}${V}.x86_64.rpm`;

ruleTest('kernel-incomplete-set', {
  valid: [
    `${BASE}\nRUN ${FULL9}`,
    `${BASE}\nRUN rpm-ostree override replace kernel-{,core-,modules-,modules-extra-}4.18.0-483.el8`,
    { code: `${BASE}\nRUN rpm-ostree override replace kernel kernel-core kernel-modules kernel-modules-extra`, ocp: '4.12' },
    `${BASE}\nARG KVER=${V}\nRUN rpm-ostree override replace kernel-{,core-,modules-,modules-core-,modules-extra-}$KVER`,
  ],
  invalid: [
    {
      // The .el9 of the ARG's value picks the RHEL 9 set.
      code: `${BASE}\nARG KVER=${V}\nRUN rpm-ostree override replace kernel-$KVER kernel-core-$KVER`,
      errors: [{ range: [2, 32, 2, 62], message: /missing `kernel-modules`, `kernel-modules-core`.*from `ARG KVER` at line 2\)$/ }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-extra-}${V}.x86_64.rpm`,
      errors: [
        {
          range: [1, 32, 1, 106],
          message:
            /missing `kernel-modules-core`: RHEL 9 needs kernel, kernel-core, kernel-modules, kernel-modules-core, kernel-modules-extra/,
        },
      ],
    },
    {
      code: `${BASE}\nRUN rpm-ostree override replace kernel kernel-core`,
      ocp: '4.16',
      errors: [{ range: [1, 32, 1, 50], message: /missing `kernel-modules`, `kernel-modules-core`, `kernel-modules-extra`/ }],
    },
  ],
});

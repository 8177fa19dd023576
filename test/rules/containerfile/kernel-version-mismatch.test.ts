import { ruleTest, BASE } from '../ruleTester';

const V = '5.14.0-295.el9';
const FULL9 = `rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-core-,modules-extra-}${V}.x86_64.rpm`;

ruleTest('kernel-version-mismatch', {
  valid: [
    `${BASE}\nRUN ${FULL9} && dracut --kver ${V}.x86_64 -f /x`,
    `${BASE}\nRUN ${FULL9} && dracut --kver $(ls /usr/lib/modules) -f`,
    // A kernel built from upstream sources: its modules directory is not version-release (midu16/rhcos-layering kernel-6.12.4.gtpu).
    `${BASE}\nRUN rpm-ostree override replace https://x/kernel-6.12.4.gtpu.v12-1.x86_64.rpm && dracut --kver 6.12.4.gtpu.v12 -f /x`,
    // ARG without default: its value is only known at build time, so it is not judged.
    `${BASE}\nARG KVER\nRUN rpm-ostree override replace kernel-${V} kernel-core-$KVER`,
    // A global ARG is not seen by a RUN unless the stage declares it again.
    `ARG KVER=5.14.0-296.el9\n${BASE}\nRUN rpm-ostree override replace kernel-${V} kernel-core-$KVER`,
  ],
  invalid: [
    {
      code: `${BASE}\nARG KVER=5.14.0-296.el9\nRUN rpm-ostree override replace kernel-${V} kernel-core-$KVER`,
      errors: [
        {
          range: [2, 54, 2, 71],
          message:
            /`kernel-core` is 5\.14\.0-296\.el9 but `kernel` is 5\.14\.0-295\.el9.*\(`\$KVER` is `5\.14\.0-296\.el9`, from `ARG KVER` at line 2\)$/,
        },
      ],
    },
    {
      // `ARG KVER` in the stage takes the default of the global ARG, which is where the value comes from.
      code: `ARG KVER=5.14.0-296.el9\n${BASE}\nARG KVER\nRUN rpm-ostree override replace kernel-${V} kernel-core-\${KVER}`,
      errors: [{ range: [3, 54, 3, 73], message: /from `ARG KVER` at line 1\)$/ }],
    },
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

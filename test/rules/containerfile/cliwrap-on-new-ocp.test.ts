import { ruleTest, BASE } from '../ruleTester';

const KERNEL = 'rpm-ostree override replace ./kernel-*.rpm';
const WRAPPED = `${BASE}\nRUN rpm-ostree cliwrap install-to-root / && ${KERNEL} && ostree container commit`;

ruleTest('cliwrap-on-new-ocp', {
  valid: [
    // Up to 4.15 cliwrap is what the docs ask for before a kernel replacement.
    { code: WRAPPED, ocp: '4.12' },
    { code: WRAPPED, ocp: '4.15' },
    { code: `${BASE}\nRUN ${KERNEL} && bootc container lint`, ocp: '4.19' },
    `${BASE}\nRUN ${KERNEL} && bootc container lint`,
    // A builder stage is not the OS image.
    { code: `FROM fedora AS b\nRUN rpm-ostree cliwrap install-to-root /\n${BASE}\nRUN ${KERNEL}`, ocp: '4.16' },
  ],
  invalid: [
    {
      code: WRAPPED,
      ocp: '4.16',
      errors: [
        { range: [1, 4, 1, 40], message: /not needed on OpenShift 4\.16 and its wrappers stay in the image \(OCPBUGS-30149\): remove it/ },
      ],
      output: `${BASE}\nRUN ${KERNEL} && ostree container commit`,
    },
    {
      code: WRAPPED,
      errors: [{ range: [1, 4, 1, 40], message: /the newest OpenShift \(no version set\)/ }],
    },
    {
      // `FROM configs` is on-cluster layering, 4.16 or newer.
      code: `FROM configs AS final\nRUN ${KERNEL} && \\\n    rpm-ostree cliwrap install-to-root /`,
      ocp: '4.14',
      errors: [{ range: [2, 4, 2, 40], message: /OpenShift 4\.16/ }],
      output: `FROM configs AS final\nRUN ${KERNEL}`,
    },
    {
      code: `${BASE}\nRUN rpm-ostree cliwrap install-to-root /\nRUN ${KERNEL}`,
      ocp: '4.20',
      errors: [{ range: [1, 4, 1, 40] }],
    },
  ],
});

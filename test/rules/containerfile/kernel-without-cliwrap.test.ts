import { ruleTest, BASE } from '../ruleTester';

const V = '5.14.0-295.el9';
const FULL9 = `rpm-ostree override replace https://x/kernel-{,core-,modules-,modules-core-,modules-extra-}${V}.x86_64.rpm`;

ruleTest('kernel-without-cliwrap', {
  valid: [
    { code: `${BASE}\nRUN rpm-ostree cliwrap install-to-root / && ${FULL9}`, ocp: '4.14' },
    { code: `${BASE}\nRUN rpm-ostree cliwrap install-to-root /\nRUN ${FULL9}`, ocp: '4.15' },
    { code: `${BASE}\nRUN rpm-ostree install kernel-devel-tools`, ocp: '4.14' },
    // From 4.16 rpm-ostree wraps kernel-install itself (openshift-docs#77066, rpm-ostree#4950).
    { code: `${BASE}\nRUN ${FULL9} && ostree container commit`, ocp: '4.16' },
    { code: `${BASE}\nRUN ${FULL9} && bootc container lint`, ocp: '4.19' },
    // No version: the newest is assumed.
    `${BASE}\nRUN ${FULL9} && ostree container commit`,
    // On-cluster files are 4.16+ whatever the setting says.
    { code: `FROM configs AS final\nRUN ${FULL9} && ostree container commit`, ocp: '4.14' },
  ],
  invalid: [
    {
      code: `${BASE}\nRUN ${FULL9} && ostree container commit`,
      ocp: '4.14',
      errors: [
        {
          range: [1, 32, 1, 120],
          message:
            /`kernel` is replaced without `rpm-ostree cliwrap install-to-root \/` first, so the kernel scriptlets fail on OpenShift 4\.14/,
        },
      ],
      output: `${BASE}\nRUN rpm-ostree cliwrap install-to-root / && ${FULL9} && ostree container commit`,
    },
    {
      code: `${BASE}\nRUN ${FULL9} && ostree container commit`,
      ocp: '4.15',
      errors: [{ range: [1, 32, 1, 120], message: /OpenShift 4\.15/ }],
    },
  ],
});

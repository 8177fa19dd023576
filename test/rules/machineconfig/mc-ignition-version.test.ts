import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-ignition-version', {
  valid: [ign('3.4.0'), { code: ign('3.5.0'), ocp: '4.19' }],
  invalid: [
    // Spec 2.2 is accepted and converted (MCO ParseAndConvertConfig): info, in every version.
    {
      code: ign('2.2.0'),
      ocp: '4.12',
      errors: [{ range: [9, 15, 9, 20], message: /deprecated: MCO still accepts it and converts it to 3\.x/, severity: 'info' }],
    },
    { code: ign('2.2.0'), errors: [{ range: [9, 15, 9, 20], message: /3\.5\.0 here/, severity: 'info' }] },
    {
      code: ign('3.5.0'),
      ocp: '4.16',
      errors: [
        {
          range: [9, 15, 9, 20],
          message:
            /Ignition version `3\.5\.0` is not accepted by OpenShift 4\.16: use one of 2\.2\.0, 3\.0\.0, 3\.1\.0, 3\.2\.0, 3\.3\.0, 3\.4\.0/,
        },
      ],
    },
    { code: ign('3.3.0'), ocp: '4.12', errors: [{ range: [9, 15, 9, 20] }] },
    { code: ign('3.6.0'), errors: [{ range: [9, 15, 9, 20] }] },
  ],
});

import { ruleTest, ign } from '../ruleTester';

ruleTest('mc-ignition-version', {
  valid: [ign('3.4.0'), { code: ign('3.5.0'), ocp: '4.19' }, { code: ign('2.2.0'), ocp: '4.12' }],
  invalid: [
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

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
    // an unquoted `3.2` is a YAML number, which Ignition's parser refuses: read as 3.2, not as "no version"
    {
      code: ign('3.2'),
      ocp: '4.16',
      errors: [
        {
          range: [9, 15, 9, 18],
          message: /^`version: 3\.2` is a number in YAML, .*config is not valid.*: write it quoted, as a string: "3\.2\.0"\.$/,
        },
      ],
      output: ign('"3.2.0"'),
    },
    {
      code: ign('3'),
      errors: [{ range: [9, 15, 9, 16], message: /as a string: "3\.0\.0"\.$/ }],
      output: ign('"3.0.0"'),
    },
    // 3.5 on 4.16: quoted it still is not accepted, and the message says so
    {
      code: ign('3.5'),
      ocp: '4.16',
      errors: [{ range: [9, 15, 9, 18], message: /"3\.5\.0" \(and note that OpenShift 4\.16 accepts 2\.2\.0, .*3\.4\.0\)\.$/ }],
    },
  ],
});

import { ruleTest, mc } from '../ruleTester';

ruleTest('mc-fips-day2', {
  valid: [mc([])],
  invalid: [
    { code: mc(['fips: true']), errors: [{ range: [7, 2, 7, 6], message: /can only be set at install time/ }] },
    // `yes` is a boolean for oc (YAML 1.1), so the API server receives `fips: true`.
    { code: mc(['fips: yes']), errors: [{ range: [7, 2, 7, 6] }] },
  ],
});

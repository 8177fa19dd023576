import { ruleTest, mc } from '../ruleTester';

ruleTest('mc-fips-day2', {
  valid: [mc([])],
  invalid: [{ code: mc(['fips: true']), errors: [{ range: [7, 2, 7, 6], message: /can only be set at install time/ }] }],
});

import { ruleTest, mc } from '../ruleTester';

ruleTest('yaml-syntax', {
  valid: [mc([]), 'a: [\n'],
  invalid: [
    {
      code: mc(['kernelType: realtime', 'kernelType: default']),
      errors: [{ range: [8, 2, 8, 12], message: /YAML: Map keys must be unique/ }],
    },
  ],
});

import { ruleTest, mc } from '../ruleTester';

ruleTest('mc-kernel-type', {
  valid: [mc(['kernelType: realtime']), mc(['kernelType: 64k-pages']), mc(['kernelType: ""'])],
  invalid: [
    {
      code: mc(['kernelType: realtme']),
      errors: [{ range: [7, 14, 7, 21], message: /kernelType `realtme` is not valid/ }],
      output: mc(['kernelType: realtime']),
    },
    { code: mc(['kernelType: 64k-pages']), ocp: '4.14', errors: [{ range: [7, 14, 7, 23], message: /64k-pages needs 4\.15 or later/ }] },
  ],
});

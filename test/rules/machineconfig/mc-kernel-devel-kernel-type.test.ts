import { ruleTest, mc } from '../ruleTester';

ruleTest('mc-kernel-devel-kernel-type', {
  valid: [mc(['extensions: [kernel-devel]']), mc(['kernelType: realtime']) + '---\n' + mc(['extensions: [kernel-devel]'], 'b', 'infra')],
  invalid: [
    {
      code: mc(['kernelType: realtime', 'extensions: [kernel-devel]']),
      errors: [{ range: [8, 15, 8, 27], message: /kernel-devel extension does not work with kernelType `realtime`/ }],
    },
    { code: mc(['kernelType: realtime']) + '---\n' + mc(['extensions:', '  - kernel-devel'], 'b'), errors: [{ range: [17, 6, 17, 18] }] },
  ],
});

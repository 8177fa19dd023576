import { ruleTest, BASE } from '../ruleTester';

ruleTest('rpm-ostree-unsupported-verb', {
  valid: [`${BASE}\nRUN rpm-ostree install x && rpm-ostree cleanup -m && rpm-ostree override remove y`],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree kargs --append=nosmt`,
      errors: [
        {
          range: [1, 15, 1, 20],
          message: /`rpm-ostree kargs` fails in a container build: set kernel arguments with `kernelArguments` in a MachineConfig/,
        },
      ],
    },
    { code: `${BASE}\nRUN rpm-ostree cleanup -b`, errors: [{ range: [1, 23, 1, 25], message: /only `rpm-ostree cleanup -m` works here/ }] },
    {
      code: `${BASE}\nRUN rpm-ostree rebase x && rpm-ostree override reset y`,
      errors: [{ range: [1, 15, 1, 21] }, { range: [1, 38, 1, 52] }],
    },
  ],
});

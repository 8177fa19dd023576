import { ruleTest, BASE } from '../ruleTester';

ruleTest('dnf-on-old-ocp', {
  valid: [
    `${BASE}\nRUN dnf install -y tree`,
    { code: `${BASE}\nRUN dnf install -y tree`, ocp: '4.16' },
    { code: `FROM fedora AS b\nRUN dnf install -y gcc\n${BASE}`, ocp: '4.14' },
  ],
  invalid: [
    {
      code: `${BASE}\nRUN dnf install -y tree && yum clean all`,
      ocp: '4.15',
      errors: [{ range: [1, 4, 1, 7], message: /`dnf` is not usable in the RHCOS 4\.15 image/ }, { range: [1, 27, 1, 30] }],
    },
  ],
});

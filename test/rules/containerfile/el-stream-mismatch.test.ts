import { ruleTest, BASE } from '../ruleTester';

ruleTest('el-stream-mismatch', {
  valid: [
    `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el8.x86_64.rpm`,
    { code: `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el9.x86_64.rpm`, ocp: '4.16' },
  ],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el8.x86_64.rpm`,
      ocp: '4.16',
      errors: [{ range: [1, 23, 1, 60], message: /built for RHEL 8 \(\.el8\), but RHCOS 4\.16 is RHEL 9/ }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el9.x86_64.rpm`,
      ocp: '4.12',
      errors: [{ range: [1, 23, 1, 60], message: /RHCOS 4\.12 is RHEL 8/ }],
    },
  ],
});

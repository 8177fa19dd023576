import { ruleTest, BASE } from '../ruleTester';

ruleTest('dnf-on-old-ocp', {
  valid: [
    `${BASE}\nRUN dnf install -y tree`,
    { code: `${BASE}\nRUN dnf install -y tree`, ocp: '4.16' },
    { code: `${BASE}\nRUN dnf install -y tree && dnf clean all && bootc container lint`, ocp: '4.19' },
    { code: `FROM fedora AS b\nRUN dnf install -y gcc\n${BASE}`, ocp: '4.14' },
    // On-cluster layering exists from 4.16 only, so a `FROM configs` file never gets the finding.
    { code: `FROM configs AS final\nRUN dnf install -y tree && dnf clean all`, ocp: '4.14' },
  ],
  invalid: [
    {
      code: `${BASE}\nRUN dnf install -y tree && yum clean all`,
      ocp: '4.15',
      errors: [{ range: [1, 4, 1, 7], message: /`dnf` is not usable in the RHCOS 4\.15 image/ }, { range: [1, 27, 1, 30] }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install a\nRUN microdnf install -y tree`,
      ocp: '4.12',
      errors: [{ range: [2, 4, 2, 12], message: /`microdnf` is not usable in the RHCOS 4\.12 image/ }],
    },
  ],
});

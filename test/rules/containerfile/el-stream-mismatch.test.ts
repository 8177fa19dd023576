import { ruleTest, BASE } from '../ruleTester';

ruleTest('el-stream-mismatch', {
  valid: [
    `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el8.x86_64.rpm`,
    { code: `${BASE}\nRUN rpm-ostree install https://x/fish-3.3.1-3.el9.x86_64.rpm`, ocp: '4.16' },
    // The script sets PKG itself, so the ARG's value is not what it installs.
    { code: `${BASE}\nARG PKG=fish-3.3.1-3.el8\nRUN PKG=fish && rpm-ostree install $PKG`, ocp: '4.16' },
  ],
  invalid: [
    {
      // ENV X v (the old form); the value is split into words because $PKGS is not quoted.
      code: `${BASE}\nENV PKGS tmux https://x/fish-3.3.1-3.el8.x86_64.rpm\nRUN rpm-ostree install $PKGS`,
      ocp: '4.16',
      errors: [
        {
          range: [2, 23, 2, 28],
          message:
            /`fish` is built for RHEL 8.*\(`\$PKGS` is `tmux https:\/\/x\/fish-3\.3\.1-3\.el8\.x86_64\.rpm`, from `ENV PKGS` at line 2\)$/,
        },
      ],
    },
    {
      // On-cluster: ${VAR:-default} with VAR known and empty takes the default.
      code: `FROM configs AS final\nARG EXTRA=\nRUN dnf install -y \${EXTRA:-fish-3.3.1-3.el8} && dnf clean all`,
      ocp: '4.18',
      errors: [{ range: [2, 19, 2, 45], message: /\(`\$EXTRA` is empty, from `ARG EXTRA` at line 2\)$/ }],
    },
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

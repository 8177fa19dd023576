import { ruleTest, BASE } from '../ruleTester';

ruleTest('dnf-no-clean', {
  valid: [
    `${BASE}\nRUN dnf install -y tree && dnf clean all && bootc container lint`,
    `FROM configs AS final\nRUN dnf install -y cowsay && \\\n  dnf clean all && \\\n  ostree container commit`,
    `${BASE}\nRUN dnf install -y a && dnf install -y b && yum clean all`,
    `${BASE}\nRUN dnf -y --setopt=install_weak_deps=False install tree && rm -rf /var/cache/dnf`,
    // ostree container commit empties /var/cache (ostree-ext FORCE_CLEAN_PATHS).
    `${BASE}\nRUN dnf install -y tree && ostree container commit`,
    `${BASE}\nRUN dnf config-manager --set-enabled crb && dnf remove -y nano`,
    // Builder stages are not the OS image.
    `FROM registry.access.redhat.com/ubi9/ubi AS b\nRUN dnf install -y gcc\nFROM configs AS final\nRUN bootc container lint`,
    // A `RUN <<EOF` body is the script.
    `FROM configs AS final\nRUN <<EOF\nset -e\ndnf install -y tree\ndnf clean all\nbootc container lint\nEOF`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN dnf install -y tree && bootc container lint`,
      errors: [
        { range: [1, 4, 1, 15], message: /`dnf install` leaves repository metadata and packages in \/var\/cache: add `&& dnf clean all`/ },
      ],
      output: `${BASE}\nRUN dnf install -y tree && dnf clean all && bootc container lint`,
    },
    {
      // The clean must come after the last install; the fix goes there.
      code: `${BASE}\nRUN dnf install -y a && dnf clean all && dnf -y update b`,
      errors: [{ range: [1, 4, 1, 15] }],
      output: `${BASE}\nRUN dnf install -y a && dnf clean all && dnf -y update b && dnf clean all`,
    },
    {
      code: `FROM configs AS final\nRUN yum install -y x\nRUN yum clean all`,
      errors: [{ range: [1, 4, 1, 15], message: /`yum install`.*`&& yum clean all`/ }],
      output: `FROM configs AS final\nRUN yum install -y x && yum clean all\nRUN yum clean all`,
    },
    {
      // Inside a `RUN <<EOF` script: the range is on the body's line.
      code: `FROM configs AS final\nRUN <<EOF\nset -e\ndnf install -y tree\nbootc container lint\nEOF`,
      errors: [{ range: [3, 0, 3, 11] }],
      output: `FROM configs AS final\nRUN <<EOF\nset -e\ndnf install -y tree && dnf clean all\nbootc container lint\nEOF`,
    },
    {
      // A RUN that writes a repo file with a heredoc and installs from it: the command line is shell, the body data.
      code:
        `FROM configs AS final\nRUN cat <<EOF > /etc/yum.repos.d/x.repo && \\\n    dnf install -y tree && bootc container lint\n` +
        `[x]\nbaseurl=https://example.com/el9\nEOF`,
      errors: [{ range: [2, 4, 2, 15] }],
    },
  ],
});

import { ruleTest, BASE } from '../ruleTester';

ruleTest('missing-ostree-commit', {
  valid: [
    `${BASE}\nRUN rpm-ostree install tree && ostree container commit`,
    `${BASE}\nRUN set -e; rpm-ostree install tree; ostree container commit`,
    `${BASE}\nRUN rpm-ostree install tree && ostree container commit\nRUN rpm -q tree\nCOPY x /etc/x`,
    `${BASE}\nRUN <<EOF\nset -euxo pipefail\nrpm-ostree install tree\nostree container commit\nEOF`,
    `${BASE}\nRUN rpm-ostree install tree && \\\n    ostree container commit && bootc container lint`,
    `FROM fedora AS builder\nRUN dnf install -y gcc\n${BASE}\nCOPY --from=builder /x /usr/bin/x`,
    `${BASE}\nRUN ["/bin/sh", "-c", "rpm-ostree install tree && ostree container commit"]`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree install tree`,
      errors: [{ range: [1, 0, 1, 3], message: /does not end with `ostree container commit`/ }],
      output: `${BASE}\nRUN rpm-ostree install tree && ostree container commit`,
    },
    {
      code: `${BASE}\nRUN rpm-ostree install tree \\\n    ostree container commit`,
      errors: [{ range: [2, 4, 2, 27], message: /read as arguments of `rpm-ostree install`/ }],
      output: `${BASE}\nRUN rpm-ostree install tree \\\n    && ostree container commit`,
    },
    {
      code: `${BASE}\nRUN rpm-ostree install tree; ostree container commit`,
      errors: [{ range: [1, 29, 1, 52], message: /`;` before `ostree container commit` ignores a failure of `rpm-ostree install`/ }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install tree && ostree container commit && touch /etc/x`,
      errors: [{ range: [1, 31, 1, 54], message: /`touch \/etc\/x` runs after `ostree container commit`/ }],
    },
    {
      code: `${BASE}\nRUN <<EOF\nrpm-ostree install tree\nEOF`,
      errors: [{ range: [1, 0, 1, 3] }],
      output: `${BASE}\nRUN <<EOF\nrpm-ostree install tree\nostree container commit\nEOF`,
    },
    {
      code: `${BASE}\nRUN <<EOF\nrpm-ostree install tree\nostree container commit\nEOF`,
      errors: [{ range: [3, 0, 3, 23], message: /a new line before `ostree container commit`.*set -e/ }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install a && ostree container commit\nRUN echo x > /etc/motd\nRUN ls /`,
      errors: [{ range: [2, 0, 2, 3] }],
      output: `${BASE}\nRUN rpm-ostree install a && ostree container commit\nRUN echo x > /etc/motd && ostree container commit\nRUN ls /`,
    },
  ],
});

import { ruleTest, BASE } from '../ruleTester';

const LINT_END = `${BASE}\nRUN dnf install -y tree && dnf clean all && bootc container lint`;

ruleTest('missing-ostree-commit', {
  valid: [
    `${BASE}\nRUN rpm-ostree install tree && ostree container commit`,
    `${BASE}\nRUN set -e; rpm-ostree install tree; ostree container commit`,
    `${BASE}\nRUN rpm-ostree install tree && ostree container commit\nRUN rpm -q tree\nCOPY x /etc/x`,
    `${BASE}\nRUN <<EOF\nset -euxo pipefail\nrpm-ostree install tree\nostree container commit\nEOF`,
    `${BASE}\nRUN rpm-ostree install tree && \\\n    ostree container commit && bootc container lint`,
    `FROM fedora AS builder\nRUN dnf install -y gcc\n${BASE}\nCOPY --from=builder /x /usr/bin/x`,
    `${BASE}\nRUN ["/bin/sh", "-c", "rpm-ostree install tree && ostree container commit"]`,
    // `bootc container lint` ends the stage in every version (the 4.19+ docs; OCPBUGS-59846).
    LINT_END,
    { code: LINT_END, ocp: '4.14' },
    { code: LINT_END, ocp: '4.18' },
    { code: LINT_END, ocp: '4.19' },
    // MCO's own template still commits on 4.19+.
    { code: `${BASE}\nRUN dnf install -y tree && dnf clean all && ostree container commit`, ocp: '4.20' },
    // A last RUN of its own lints the whole image.
    { code: `${BASE}\nRUN dnf install -y tree && dnf clean all\nRUN bootc container lint`, ocp: '4.19' },
    `FROM configs AS final\nRUN dnf install -y cowsay && \\\n  dnf clean all && \\\n  bootc container lint`,
  ],
  invalid: [
    {
      code: `${BASE}\nRUN rpm-ostree install tree`,
      ocp: '4.15',
      errors: [{ range: [1, 0, 1, 3], message: /does not end with `ostree container commit` \(OpenShift 4\.15\)/, severity: 'error' }],
      output: `${BASE}\nRUN rpm-ostree install tree && ostree container commit`,
    },
    {
      code: `${BASE}\nRUN rpm-ostree install tree`,
      ocp: '4.15',
      errors: [{ range: [1, 0, 1, 3], severity: 'error' }],
      fix: 1,
      output: `${BASE}\nRUN rpm-ostree install tree && bootc container lint`,
    },
    {
      code: `${BASE}\nRUN dnf install -y tree && dnf clean all`,
      ocp: '4.18',
      errors: [{ range: [1, 0, 1, 3], message: /does not end with `ostree container commit` \(OpenShift 4\.18\)/, severity: 'warning' }],
      output: `${BASE}\nRUN dnf install -y tree && dnf clean all && ostree container commit`,
    },
    {
      code: `${BASE}\nRUN dnf install -y tree && dnf clean all`,
      ocp: '4.19',
      errors: [{ range: [1, 0, 1, 3], message: /does not end with `bootc container lint` \(OpenShift 4\.19\)/, severity: 'warning' }],
      output: `${BASE}\nRUN dnf install -y tree && dnf clean all && bootc container lint`,
    },
    {
      code: `${BASE}\nRUN dnf install -y tree && dnf clean all`,
      ocp: '4.19',
      errors: [{ range: [1, 0, 1, 3] }],
      fix: 1,
      output: `${BASE}\nRUN dnf install -y tree && dnf clean all && ostree container commit`,
    },
    {
      // No version: the newest reading.
      code: `${BASE}\nRUN dnf install -y tree`,
      errors: [{ range: [1, 0, 1, 3], message: /`bootc container lint` \(no OpenShift version set: the newest is assumed\)/ }],
      output: `${BASE}\nRUN dnf install -y tree && bootc container lint`,
    },
    {
      // An on-cluster file is 4.16+ whatever the setting says: a warning, not an error.
      code: `FROM configs AS final\nRUN dnf install -y tree`,
      ocp: '4.14',
      errors: [{ range: [1, 0, 1, 3], message: /`ostree container commit` \(OpenShift 4\.16\)/, severity: 'warning' }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install tree \\\n    ostree container commit`,
      ocp: '4.14',
      errors: [{ range: [2, 4, 2, 27], message: /read as arguments of `rpm-ostree install`/, severity: 'error' }],
      output: `${BASE}\nRUN rpm-ostree install tree \\\n    && ostree container commit`,
    },
    {
      code: `${BASE}\nRUN dnf install -y tree \\\n    bootc container lint`,
      errors: [{ range: [2, 4, 2, 24], message: /`bootc container lint` is read as arguments of `dnf install`/ }],
      output: `${BASE}\nRUN dnf install -y tree \\\n    && bootc container lint`,
    },
    {
      code: `${BASE}\nRUN rpm-ostree install tree; ostree container commit`,
      errors: [{ range: [1, 29, 1, 52], message: /`;` before `ostree container commit` ignores a failure of `rpm-ostree install`/ }],
    },
    {
      code: `${BASE}\nRUN dnf install -y tree; bootc container lint`,
      errors: [
        { range: [1, 25, 1, 45], message: /`;` before `bootc container lint` ignores a failure of `dnf install` and passes anyway/ },
      ],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install tree && ostree container commit && touch /etc/x`,
      ocp: '4.12',
      errors: [{ range: [1, 31, 1, 54], message: /`touch \/etc\/x` runs after `ostree container commit`/, severity: 'error' }],
    },
    {
      code: `${BASE}\nRUN dnf install -y tree && bootc container lint && touch /etc/x`,
      errors: [{ range: [1, 27, 1, 47], message: /`touch \/etc\/x` runs after `bootc container lint`, so the lint does not check/ }],
    },
    {
      code: `${BASE}\nRUN <<EOF\nrpm-ostree install tree\nEOF`,
      ocp: '4.16',
      errors: [{ range: [1, 0, 1, 3] }],
      output: `${BASE}\nRUN <<EOF\nrpm-ostree install tree\nostree container commit\nEOF`,
    },
    {
      code: `${BASE}\nRUN <<EOF\nrpm-ostree install tree\nostree container commit\nEOF`,
      errors: [{ range: [3, 0, 3, 23], message: /a new line before `ostree container commit`.*set -e/ }],
    },
    {
      code: `${BASE}\nRUN rpm-ostree install a && ostree container commit\nRUN echo x > /etc/motd\nRUN ls /`,
      ocp: '4.17',
      errors: [{ range: [2, 0, 2, 3] }],
      output: `${BASE}\nRUN rpm-ostree install a && ostree container commit\nRUN echo x > /etc/motd && ostree container commit\nRUN ls /`,
    },
  ],
});

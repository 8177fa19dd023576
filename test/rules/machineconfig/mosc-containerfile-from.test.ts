import { ruleTest, mosc, moscV1alpha1 } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && bootc container lint'];

ruleTest('mosc-containerfile-from', {
  valid: [
    mosc('worker', GOOD),
    mosc('worker', ['# comment', ...GOOD]),
    // Builder stages before the last one are allowed (MCO docs/onclusterlayering-quickstart.md).
    mosc('worker', [
      'FROM registry.access.redhat.com/ubi9/ubi:latest AS builder',
      'RUN dnf install -y golang',
      'FROM configs AS final',
      'COPY --from=builder /out/tool /usr/bin/tool',
    ]),
    mosc('worker', ['from configs as final', 'RUN true']),
    // A FROM inside a heredoc body is not an instruction.
    mosc('worker', ['FROM configs AS final', 'RUN cat <<EOF > /etc/x.txt', 'FROM nothing', 'EOF']),
    mosc('worker', ['FROM --platform=linux/amd64 quay.io/x/y:1 \\', '    AS builder', 'FROM configs AS final']),
  ],
  invalid: [
    {
      code: mosc('worker', ['FROM quay.io/fedora/fedora-coreos:stable', 'RUN true']),
      errors: [
        {
          range: [15, 8, 15, 48],
          message: /Containerfile is `FROM quay\.io\/fedora\/fedora-coreos:stable`.*end with a `FROM configs AS final`/,
        },
      ],
    },
    {
      code: mosc('worker', ['FROM configs AS final', 'RUN dnf install -y tree', 'FROM quay.io/fedora/fedora:40']),
      errors: [{ range: [17, 8, 17, 37], message: /move the `FROM configs AS final` stage to the end/ }],
    },
    {
      code: mosc('worker', ['FROM quay.io/x/y:1 AS final', 'RUN make', 'FROM configs AS final']),
      errors: [{ range: [15, 8, 15, 35], message: /`final` is the name of MCO's last stage.*rename this builder stage/ }],
    },
    {
      // v1alpha1 keeps the Containerfile under spec.buildInputs.
      code: moscV1alpha1(['FROM quay.io/fedora/fedora:40', 'RUN true']),
      errors: [{ range: [18, 10, 18, 39], message: /end with a `FROM configs AS final`/ }],
    },
    {
      code: mosc('worker', ['# only a comment']),
      errors: [{ range: [14, 6, 14, 13], message: /has no `FROM`/ }],
    },
  ],
});

import { ruleTest, mosc } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && ostree container commit'];

ruleTest('mosc-containerfile-from', {
  valid: [
    mosc('worker', GOOD),
    mosc('worker', ['# comment', 'FROM quay.io/x AS helper', 'FROM configs AS final'].slice(0, 1).concat(GOOD)),
  ],
  invalid: [
    {
      code: mosc('worker', ['FROM quay.io/fedora/fedora-coreos:stable', 'RUN true']),
      errors: [
        {
          range: [14, 6, 14, 13],
          message: /must start with `FROM configs AS final` \(it starts with `FROM quay\.io\/fedora\/fedora-coreos:stable`\)/,
        },
      ],
    },
  ],
});

import { ruleTest, BASE } from '../../rules/ruleTester';

const DIGEST = 'sha256:' + 'b'.repeat(64);

ruleTest('from-not-digest-pinned', {
  valid: [
    BASE,
    'FROM configs AS final\nRUN dnf install -y tree',
    `FROM golang:1.22 AS builder\nRUN go build\n${BASE}\nCOPY --from=builder /x /usr/bin/x`,
    `ARG RHCOS=quay.io/a/b@${DIGEST}\nFROM \${RHCOS}`,
    `${BASE} AS os\nFROM os`,
  ],
  invalid: [
    { code: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev:4.15', errors: [{ range: [0, 5, 0, 56], message: /FROM uses tag `4\.15`; RHCOS layering needs a digest: `quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:<digest>`/ }] },
    { code: 'FROM registry.example.com:5000/rhcos', errors: [{ range: [0, 5, 0, 36], message: /no tag or digest/ }] },
    { code: 'ARG RHCOS=quay.io/a/b:4.16\nFROM ${RHCOS}', errors: [{ range: [1, 5, 1, 13], message: /ARG RHCOS, whose default `quay\.io\/a\/b:4\.16` has tag `4\.16`/ }] },
    { code: 'FROM quay.io/a/b:1 AS base\nFROM base AS final\nRUN true', errors: [{ range: [0, 5, 0, 18] }] },
  ],
});

ruleTest('from-placeholder-digest', {
  valid: [BASE, 'FROM quay.io/a/b:4.16'],
  invalid: [
    { code: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256...', errors: [{ range: [0, 5, 0, 61], message: /`sha256\.\.\.` is not a real digest/ }] },
    { code: 'FROM quay.io/a/b@sha256:abc123', errors: [{ range: [0, 5, 0, 30] }] },
    { code: 'FROM quay.io/a/b@sha256:<digest>', errors: [{ range: [0, 5, 0, 32] }] },
  ],
});

ruleTest('from-release-payload', {
  valid: [BASE, 'FROM quay.io/openshift-release-dev/ocp-release:4.15 AS payload\n' + BASE],
  invalid: [
    { code: 'FROM quay.io/openshift-release-dev/ocp-release@sha256...', errors: [{ range: [0, 5, 0, 56], message: /oc adm release info --image-for rhel-coreos/ }] },
    { code: `FROM quay.io/openshift-release/ocp-release@${DIGEST}`, errors: [{ range: [0, 5, 0, 114] }] },
  ],
});

ruleTest('from-arg-no-default', {
  valid: [BASE, `ARG IMG=quay.io/a/b@${DIGEST}\nFROM $IMG`, 'ARG DTK\nFROM ${DTK} AS builder\n' + BASE],
  invalid: [
    { code: 'ARG RHCOS_IMAGE\nFROM ${RHCOS_IMAGE}', errors: [{ range: [1, 5, 1, 19], message: /ARG RHCOS_IMAGE, which has no default: pass `--build-arg RHCOS_IMAGE=/ }] },
    { code: 'FROM $UNDECLARED', errors: [{ range: [0, 5, 0, 16], message: /is not declared before the first FROM/ }] },
  ],
});

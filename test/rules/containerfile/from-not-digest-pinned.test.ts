import { ruleTest, BASE } from '../ruleTester';

const DIGEST = 'sha256:' + 'b'.repeat(64);
const CLUSTER_BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64);
const cluster = { context: 'prod', baseImage: CLUSTER_BASE, ocpVersion: '4.16', pools: ['master', 'worker', 'infra'] };
const FROM_CLUSTER = `FROM ${CLUSTER_BASE}`;

ruleTest('from-not-digest-pinned', {
  valid: [
    BASE,
    'FROM configs AS final\nRUN dnf install -y tree',
    `FROM golang:1.22 AS builder\nRUN go build\n${BASE}\nCOPY --from=builder /x /usr/bin/x`,
    `ARG RHCOS=quay.io/a/b@${DIGEST}\nFROM \${RHCOS}`,
    `${BASE} AS os\nFROM os`,
  ],
  invalid: [
    {
      code: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev:4.15',
      errors: [
        {
          range: [0, 5, 0, 56],
          message:
            /FROM uses tag `4\.15`; RHCOS layering needs a digest: `quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:<digest>`/,
        },
      ],
    },
    { code: 'FROM registry.example.com:5000/rhcos', errors: [{ range: [0, 5, 0, 36], message: /no tag or digest/ }] },
    {
      code: 'ARG RHCOS=quay.io/a/b:4.16\nFROM ${RHCOS}',
      errors: [{ range: [1, 5, 1, 13], message: /ARG RHCOS, whose default `quay\.io\/a\/b:4\.16` has tag `4\.16`/ }],
    },
    { code: 'FROM quay.io/a/b:1 AS base\nFROM base AS final\nRUN true', errors: [{ range: [0, 5, 0, 18] }] },
  ],
});

ruleTest('from-not-digest-pinned', {
  valid: [],
  invalid: [
    { code: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev:4.16', cluster, errors: [{ range: [0, 5, 0, 56] }], output: FROM_CLUSTER },
  ],
});

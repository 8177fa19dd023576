import { ruleTest, BASE } from '../ruleTester';

const DIGEST = 'sha256:' + 'b'.repeat(64);
const CLUSTER_BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64);
const cluster = { context: 'prod', baseImage: CLUSTER_BASE, ocpVersion: '4.16', pools: ['master', 'worker', 'infra'] };
const FROM_CLUSTER = `FROM ${CLUSTER_BASE}`;

ruleTest('from-release-payload', {
  valid: [BASE, 'FROM quay.io/openshift-release-dev/ocp-release:4.15 AS payload\n' + BASE],
  invalid: [
    {
      code: 'FROM quay.io/openshift-release-dev/ocp-release@sha256...',
      errors: [{ range: [0, 5, 0, 56], message: /oc adm release info --image-for rhel-coreos/ }],
    },
    { code: `FROM quay.io/openshift-release/ocp-release@${DIGEST}`, errors: [{ range: [0, 5, 0, 114] }] },
  ],
});

ruleTest('from-release-payload', {
  valid: [],
  invalid: [
    {
      code: 'FROM quay.io/openshift-release-dev/ocp-release@sha256:' + 'e'.repeat(64),
      cluster,
      errors: [{ range: [0, 5, 0, 118] }],
      output: FROM_CLUSTER,
    },
  ],
});

import { ruleTest, BASE } from '../ruleTester';

const CLUSTER_BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64);
const cluster = { context: 'prod', baseImage: CLUSTER_BASE, ocpVersion: '4.16', pools: ['master', 'worker', 'infra'] };
const FROM_CLUSTER = `FROM ${CLUSTER_BASE}`;

ruleTest('from-not-cluster-base', {
  valid: [
    BASE, // not connected: nothing to compare with
    { code: `${FROM_CLUSTER}\nRUN ostree container commit`, cluster },
    { code: `FROM golang:1.22 AS build\n${FROM_CLUSTER}`, cluster },
  ],
  invalid: [
    {
      code: BASE,
      cluster,
      errors: [
        {
          range: [0, 5, 0, 123],
          message:
            /^This is another build of the cluster's OS image \(context prod\): the cluster runs `quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:c{64}`/,
        },
      ],
      output: FROM_CLUSTER,
    },
    {
      code: 'FROM registry.example.com/custom/rhcos@sha256:' + 'd'.repeat(64),
      cluster,
      errors: [{ range: [0, 5, 0, 110], message: /^This is not the OS image of the connected cluster/ }],
      output: FROM_CLUSTER,
    },
  ],
});

/** The cluster-aware rules and the "use the cluster's base image" quick fix. */
import { ruleTest, BASE } from '../../rules/ruleTester';

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
    { code: BASE, cluster, errors: [{ range: [0, 5, 0, 123], message: /^This is another build of the cluster's OS image \(context prod\): the cluster runs `quay\.io\/openshift-release-dev\/ocp-v4\.0-art-dev@sha256:c{64}`/ }], output: FROM_CLUSTER },
    { code: 'FROM registry.example.com/custom/rhcos@sha256:' + 'd'.repeat(64), cluster, errors: [{ range: [0, 5, 0, 110], message: /^This is not the OS image of the connected cluster/ }], output: FROM_CLUSTER },
  ],
});

ruleTest('from-not-digest-pinned', {
  valid: [],
  invalid: [{ code: 'FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev:4.16', cluster, errors: [{ range: [0, 5, 0, 56] }], output: FROM_CLUSTER }],
});

ruleTest('from-release-payload', {
  valid: [],
  invalid: [{ code: 'FROM quay.io/openshift-release-dev/ocp-release@sha256:' + 'e'.repeat(64), cluster, errors: [{ range: [0, 5, 0, 118] }], output: FROM_CLUSTER }],
});

const mc = (role: string) => `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: os-layer\n  labels:\n    machineconfiguration.openshift.io/role: ${role}\nspec:\n  osImageURL: ${CLUSTER_BASE}\n`;

ruleTest('mc-role-no-pool', {
  valid: [
    mc('gpu'), // not connected
    { code: mc('infra'), cluster },
    { code: `${mc('gpu')}---\napiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata:\n  name: gpu\n`, cluster },
  ],
  invalid: [
    { code: mc('gpu'), cluster, errors: [{ range: [5, 44, 5, 47], message: /^Cluster prod has no MachineConfigPool `gpu` \(pools: infra, master, worker\), so MachineConfig `os-layer` reaches no node/ }] },
  ],
});

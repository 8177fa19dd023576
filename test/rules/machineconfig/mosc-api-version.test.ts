import { ruleTest, mosc, moscV1alpha1 } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && bootc container lint'];
const alpha = moscV1alpha1(GOOD);
const MOSB = [
  'apiVersion: machineconfiguration.openshift.io/v1alpha1',
  'kind: MachineOSBuild',
  'metadata:',
  '  name: worker-8f2e3c1d',
  'spec:',
  '  configGeneration: 1',
  '  desiredConfig:',
  '    name: rendered-worker-1a2b3c',
  '  machineOSConfig:',
  '    name: worker',
  '  version: 1',
  '  renderedImagePushspec: registry.example.com/os:worker-8f2e3c1d',
  '',
].join('\n');

ruleTest('mosc-api-version', {
  valid: [
    // v1alpha1 is the only version of 4.16 and 4.17 (Tech Preview).
    { code: alpha, ocp: '4.16' },
    { code: alpha, ocp: '4.17' },
    // v1 from 4.18 on, and when no version is set (the newest is assumed).
    { code: mosc('worker', GOOD), ocp: '4.18' },
    { code: mosc('worker', GOOD), ocp: '4.23' },
    mosc('worker', GOOD),
    { code: MOSB, ocp: '4.17' },
  ],
  invalid: [
    {
      // 4.18 and 4.19 ship the v1alpha1 Go types but their CRD serves only v1.
      code: alpha,
      ocp: '4.18',
      errors: [
        {
          range: [0, 12, 0, 54],
          message:
            /^OpenShift 4\.18 serves MachineOSConfig only as `v1` .*"no matches for kind"\. Use `machineconfiguration\.openshift\.io\/v1`: v1 moves the fields of `spec\.buildInputs` up/,
        },
      ],
      output: alpha.replace(/\/v1alpha1/, '/v1'),
    },
    { code: alpha, ocp: '4.19', errors: [{ range: [0, 12, 0, 54], message: /^OpenShift 4\.19 serves MachineOSConfig only as `v1`/ }] },
    {
      code: alpha,
      ocp: '4.20',
      errors: [{ range: [0, 12, 0, 54], message: /^MachineOSConfig `v1alpha1` was removed in OpenShift 4\.20, so/ }],
    },
    { code: alpha, ocp: '5.0', errors: [{ range: [0, 12, 0, 54], message: /removed in OpenShift 4\.20, so/ }] },
    {
      // No version set: the newest is assumed, and the message says so.
      code: alpha,
      errors: [{ range: [0, 12, 0, 54], message: /removed in OpenShift 4\.20 \(no OpenShift version is set: the newest is assumed\)/ }],
      output: alpha.replace(/\/v1alpha1/, '/v1'),
    },
    {
      code: MOSB,
      ocp: '4.20',
      errors: [
        {
          range: [0, 12, 0, 54],
          message: /MachineOSBuild `v1alpha1` was removed.* v1 renames `spec\.desiredConfig` to `spec\.machineConfig`/,
        },
      ],
      output: MOSB.replace('/v1alpha1', '/v1'),
    },
    {
      // v1 does not exist yet on 4.16–4.17; a version below 4.16 is judged as 4.16 (on-cluster layering starts there).
      code: mosc('worker', GOOD),
      ocp: '4.17',
      errors: [{ range: [0, 12, 0, 48], message: /^OpenShift 4\.17 serves MachineOSConfig only as `v1alpha1` .*`v1` arrives in 4\.18/ }],
    },
    { code: mosc('worker', GOOD), ocp: '4.14', errors: [{ range: [0, 12, 0, 48], message: /^OpenShift 4\.16 serves/ }] },
  ],
});

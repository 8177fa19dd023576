import { ruleTest } from '../ruleTester';

const doc = (apiVersion: string, kind: string, metadata: string[]) =>
  [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', ...metadata.map((l) => `  ${l}`), 'spec: {}'].join('\n') + '\n';
const mc = (metadata: string[]) => doc('machineconfiguration.openshift.io/v1', 'MachineConfig', metadata);

ruleTest('metadata-unknown-field', {
  valid: [
    mc(['name: 99-worker-x', 'labels:', '  machineconfiguration.openshift.io/role: worker', 'annotations:', '  a: b']),
    // every ObjectMeta field, as `oc get -o yaml` prints them
    mc([
      'name: x',
      'uid: 1',
      'resourceVersion: "2"',
      'generation: 1',
      'creationTimestamp: "2026-01-01T00:00:00Z"',
      'managedFields: []',
      'finalizers: []',
      'ownerReferences: []',
    ]),
    // not our document: left alone
    doc('v1', 'ConfigMap', ['name: x', 'label: {}']),
    doc('operator.openshift.io/v1', 'Network', ['name: cluster', 'annotation: {}']),
  ],
  invalid: [
    {
      code: mc(['name: 99-worker-x', 'label:', '  machineconfiguration.openshift.io/role: worker']),
      errors: [
        {
          range: [4, 2, 4, 7],
          message: /^`metadata\.label` is not a metadata field: the API server drops it .*MachineConfig\. Did you mean `labels`\?$/,
        },
      ],
      output: mc(['name: 99-worker-x', 'labels:', '  machineconfiguration.openshift.io/role: worker']),
    },
    {
      code: doc('machineconfiguration.openshift.io/v1', 'MachineConfigPool', ['name: infra', 'annotation:', '  a: b']),
      errors: [{ range: [4, 2, 4, 12], message: /Did you mean `annotations`\?/ }],
      output: doc('machineconfiguration.openshift.io/v1', 'MachineConfigPool', ['name: infra', 'annotations:', '  a: b']),
    },
    {
      code: doc('operator.openshift.io/v1', 'MachineConfiguration', ['name: cluster', 'Labels: {}']),
      errors: [{ range: [4, 2, 4, 8], message: /Did you mean `labels`\?/ }],
    },
    {
      code: doc('machineconfiguration.openshift.io/v1', 'PinnedImageSet', ['name: x', 'nameSpace: default']),
      errors: [{ range: [4, 2, 4, 11], message: /Did you mean `namespace`\?/ }],
    },
    {
      code: doc('machineconfiguration.openshift.io/v1', 'MachineOSConfig', ['name: worker', 'clusterName: a']),
      errors: [{ range: [4, 2, 4, 13], message: /the fields are name, generateName/ }],
    },
  ],
});

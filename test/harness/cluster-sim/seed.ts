/** The objects a fresh simulated cluster starts with, shaped like an OpenShift 4.16 cluster's. */
import { Store } from './store';

const MCO_NS = 'openshift-machine-config-operator';

export function seed(store: Store, nodes: Record<string, number>, baseImage: string): void {
  for (const ns of ['default', 'openshift-config', MCO_NS])
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  store.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'machine-config-osimageurl', namespace: MCO_NS },
    data: {
      releaseVersion: '4.16.0',
      baseOSContainerImage: baseImage,
      baseOSExtensionsContainerImage: baseImage.replace('b'.repeat(64), 'e'.repeat(64)),
      osImageURL: '',
    },
  });
  store.create('clusterversions', {
    apiVersion: 'config.openshift.io/v1',
    kind: 'ClusterVersion',
    metadata: { name: 'version' },
    spec: { channel: 'stable-4.16' },
    status: { desired: { version: '4.16.0' }, history: [{ state: 'Completed', version: '4.16.0' }] },
  });
  for (const role of Object.keys(nodes)) {
    store.create('machineconfigpools', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfigPool',
      metadata: { name: role, labels: { [`pools.operator.machineconfiguration.openshift.io/${role}`]: '' } },
      spec: {
        machineConfigSelector: { matchLabels: { 'machineconfiguration.openshift.io/role': role } },
        nodeSelector: { matchLabels: { [`node-role.kubernetes.io/${role}`]: '' } },
        paused: false,
        maxUnavailable: 1,
      },
    });
    store.create('machineconfigs', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfig',
      metadata: {
        name: `00-${role}`,
        labels: { 'machineconfiguration.openshift.io/role': role },
        annotations: { 'machineconfiguration.openshift.io/generated-by-controller-version': 'sim' },
      },
      spec: { config: { ignition: { version: '3.4.0' } } },
    });
    for (let i = 0; i < nodes[role]!; i++) {
      store.create('nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: `${role}-${i}`,
          labels: { [`node-role.kubernetes.io/${role}`]: '', 'kubernetes.io/hostname': `${role}-${i}`, 'kubernetes.io/os': 'linux' },
          annotations: { 'machineconfiguration.openshift.io/state': 'Done' },
        },
        spec: {},
        status: {
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
          nodeInfo: { osImage: 'Red Hat Enterprise Linux CoreOS 416.94 (Plow)', kubeletVersion: 'v1.29.0' },
        },
      });
    }
  }
}

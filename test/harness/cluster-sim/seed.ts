/** The objects a fresh simulated cluster starts with, shaped like an OpenShift 4.x cluster's. */
import { Store } from './store';
import { OcpVersion, kubeMinor, show } from './version';

const MCO_NS = 'openshift-machine-config-operator';

export function seed(store: Store, nodes: Record<string, number>, baseImage: string, version: OcpVersion): void {
  const release = `${show(version)}.0`;
  for (const ns of ['default', 'openshift-config', MCO_NS])
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  store.create('configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'machine-config-osimageurl', namespace: MCO_NS },
    data: {
      releaseVersion: release,
      baseOSContainerImage: baseImage,
      baseOSExtensionsContainerImage: baseImage.replace('b'.repeat(64), 'e'.repeat(64)),
      osImageURL: '',
    },
  });
  // Secrets in the MCO namespace an image-mode user picks from: the builder service account's push secret
  // (present while the internal registry is on) and the operator's copy of the global pull secret.
  // The values are placeholders; the simulator never logs them.
  const dockercfg = (auths: object) => Buffer.from(JSON.stringify(auths)).toString('base64');
  store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'builder-dockercfg-sim7x', namespace: MCO_NS, annotations: { 'kubernetes.io/service-account.name': 'builder' } },
    type: 'kubernetes.io/dockercfg',
    data: { '.dockercfg': dockercfg({ 'image-registry.openshift-image-registry.svc:5000': { auth: 'c2ltOnNpbQ==' } }) },
  });
  store.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'global-pull-secret-copy', namespace: MCO_NS },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': dockercfg({ auths: { 'quay.io': { auth: 'c2ltOnNpbQ==' } } }) },
  });
  // The operator's knobs object: MCO creates it empty; the user adds spec.nodeDisruptionPolicy.
  store.create('machineconfigurations', {
    apiVersion: 'operator.openshift.io/v1',
    kind: 'MachineConfiguration',
    metadata: { name: 'cluster' },
    spec: { logLevel: 'Normal', operatorLogLevel: 'Normal' },
  });
  store.create('clusterversions', {
    apiVersion: 'config.openshift.io/v1',
    kind: 'ClusterVersion',
    metadata: { name: 'version' },
    spec: { channel: `stable-${show(version)}` },
    status: { desired: { version: release }, history: [{ state: 'Completed', version: release }] },
  });
  for (const role of Object.keys(nodes)) {
    store.create('machineconfigpools', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfigPool',
      metadata: { name: role, labels: { [`pools.operator.machineconfiguration.openshift.io/${role}`]: '' } },
      spec: {
        // Custom pools take the worker MachineConfigs too (MCO:docs/custom-pools.md; a 4.18+ admission policy requires it).
        machineConfigSelector:
          role === 'worker' || role === 'master'
            ? { matchLabels: { 'machineconfiguration.openshift.io/role': role } }
            : { matchExpressions: [{ key: 'machineconfiguration.openshift.io/role', operator: 'In', values: ['worker', role] }] },
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
          nodeInfo: {
            osImage: `Red Hat Enterprise Linux CoreOS 4${version.minor}.9${version.minor >= 19 ? 6 : 4} (Plow)`,
            kubeletVersion: `v1.${kubeMinor(version)}.0`,
          },
        },
      });
    }
  }
}

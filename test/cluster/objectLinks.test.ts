/** Links in the read-only cluster documents: rendered configs, a pool's source MachineConfigs, role labels. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { objectLinks } from '../../client/src/cluster/objectLinks';
import type { ObjectLink } from '../../client/src/cluster/objectLinks';

const H = '373313622a2e130f14ae0a743fe2f325';
/** The simulator's worker pool as the read-only document shows it (yaml stringify, managedFields removed). */
const POOL = `# MachineConfigPool worker on rhcos-layering-sim (read-only)
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfigPool
metadata:
  name: worker
spec:
  machineConfigSelector:
    matchLabels:
      machineconfiguration.openshift.io/role: worker
  nodeSelector:
    matchLabels:
      node-role.kubernetes.io/worker: ""
  configuration:
    name: rendered-worker-${H}
    source:
      - apiVersion: machineconfiguration.openshift.io/v1
        kind: MachineConfig
        name: 00-worker
      - kind: MachineConfig
        name: 99-worker-ssh
        apiVersion: machineconfiguration.openshift.io/v1
status:
  conditions:
    - type: Updated
      status: "True"
      reason: ""
      message: All nodes are updated with
        rendered-worker-${H}
  machineCount: 3
`;

const NODE = `# Node master-0 on rhcos-layering-sim (read-only)
apiVersion: v1
kind: Node
metadata:
  annotations:
    machineconfiguration.openshift.io/desiredConfig: rendered-master-${H}
  labels:
    node-role.kubernetes.io/master: ""
    node-role.kubernetes.io/control-plane: ""
    kubernetes.io/hostname: master-0
  name: master-0
status:
  conditions:
    - reason: KubeletReady
      status: "True"
      type: Ready
`;

const at = (text: string, l: ObjectLink) => `${l.kind}/${l.name} @${l.line}: ${text.split('\n')[l.line]!.slice(l.start, l.end)}`;

test('a pool: its rendered config, its source MachineConfigs, and the role labels of its selectors', () => {
  assert.deepEqual(
    objectLinks(POOL).map((l) => at(POOL, l)),
    [
      'machineconfigpools/worker @8: worker',
      'machineconfigpools/worker @11: worker',
      `machineconfigs/rendered-worker-${H} @13: rendered-worker-${H}`,
      'machineconfigs/00-worker @17: 00-worker',
      'machineconfigs/99-worker-ssh @19: 99-worker-ssh',
      `machineconfigs/rendered-worker-${H} @27: rendered-worker-${H}`,
    ],
  );
});

test('a node: desired config and role label link; control-plane (no pool of that name), the header, and metadata.name do not', () => {
  assert.deepEqual(
    objectLinks(NODE).map((l) => at(NODE, l)),
    [`machineconfigs/rendered-master-${H} @5: rendered-master-${H}`, 'machineconfigpools/master @7: master'],
  );
});

test('a MachineConfig: its role label names its pool; a name that is not a MachineConfig reference stays plain text', () => {
  const mc = `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-ssh
  labels:
    "machineconfiguration.openshift.io/role": "infra"
spec:
  config:
    storage:
      files:
        - path: /etc/x
          contents:
            source: data:,rendered-infra
  extensions:
    - name: usbguard
`;
  assert.deepEqual(
    objectLinks(mc).map((l) => at(mc, l)),
    ['machineconfigpools/infra @5: infra'],
  );
});

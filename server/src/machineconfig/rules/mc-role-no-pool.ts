import type { MachineConfigRule } from '../rule';
import { rangeAt } from '../model';
import { nameOf, owned, roleOf } from '../queries';
import { ROLE_LABEL as LABEL } from '../../../../common/mco';
import { machineConfigExample } from '../examples';

export const mcRoleNoPool: MachineConfigRule = {
  meta: {
    id: 'mc-role-no-pool',
    kind: 'yaml',
    severity: 'warning',
    title: 'Role label names no pool of the connected cluster',
    why: 'A MachineConfig reaches nodes only through a MachineConfigPool whose machineConfigSelector matches its role label. A role with no pool applies to nothing, silently. Only checked while the editor is connected to a cluster; pools defined in the same file count too.',
    source: 'MCO pkg/controller/render; openshift-docs machineconfig pools',
    fixable: false,
    examples: {
      bad: `# connected to a cluster with pools master and worker
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: os-layer-gpu
  labels:
    machineconfiguration.openshift.io/role: gpu
spec:
  osImageURL: quay.io/my/image@sha256:<digest>`,
      good: machineConfigExample('  osImageURL: quay.io/my/image@sha256:<digest>', 'os-layer-worker'),
      fix: 'Use the name of an existing pool, or create the MachineConfigPool (with a machineConfigSelector that matches the role) before applying.',
    },
  },
  check(model, ctx) {
    const cluster = ctx.options.cluster;
    if (!cluster?.pools) return;
    const pools = new Set([...cluster.pools, ...owned(model, 'MachineConfigPool').map(nameOf).filter(Boolean)]);
    for (const d of owned(model, 'MachineConfig')) {
      const role = roleOf(d);
      if (role === undefined || role === '' || pools.has(role)) continue;
      ctx.report({
        range: rangeAt(model, d, ['metadata', 'labels', LABEL]),
        message: `Cluster ${cluster.context} has no MachineConfigPool \`${role}\` (pools: ${[...cluster.pools].sort().join(', ')}), so MachineConfig \`${nameOf(d) || '(no name)'}\` reaches no node: fix the role label, or create the pool first.`,
      });
    }
  },
};

import type { Rule } from '../../core/types';
import { rangeAt } from '../model';
import type { YamlModel } from '../model';
import { nameOf, owned, roleOf } from '../queries';
import { ROLE_LABEL as LABEL } from '../../../../common/mco';


export const mcRoleNoPool: Rule<YamlModel> = {
  meta: {
    id: 'mc-role-no-pool',
    kind: 'yaml',
    severity: 'warning',
    title: 'Role label names no pool of the connected cluster',
    why: 'A MachineConfig reaches nodes only through a MachineConfigPool whose machineConfigSelector matches its role label. A role with no pool applies to nothing, silently. Only checked while the editor is connected to a cluster; pools defined in the same file count too.',
    source: 'MCO pkg/controller/render; openshift-docs machineconfig pools',
    fixable: false,
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

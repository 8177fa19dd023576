import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { nameOf, owned } from '../queries';

export const moscNamePool: MachineConfigRule = {
  meta: {
    id: 'mosc-name-pool',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig name differs from its pool',
    why: "There is one MachineOSConfig per pool, and its name must be the pool's name; the API rejects any other name.",
    source:
      'openshift/api machineconfiguration/v1/types_machineosconfig.go (CEL rule on MachineOSConfig, release-4.18 to 5.0; v1alpha1 has none)',
    fixable: true,
    examples: {
      bad: `kind: MachineOSConfig
metadata:
  name: layered
spec:
  machineConfigPool:
    name: worker`,
      good: `kind: MachineOSConfig
metadata:
  name: worker
spec:
  machineConfigPool:
    name: worker`,
      fix: 'Quick fix: *Rename to <pool>*.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      const pool = get(d.value, ['spec', 'machineConfigPool', 'name']);
      if (typeof pool !== 'string' || d.apiVersion?.endsWith('v1alpha1') || nameOf(d) === pool) continue;
      const range = rangeAt(model, d, ['metadata', 'name']);
      ctx.report({
        range,
        message:
          `MachineOSConfig \`${nameOf(d)}\` must be named after its pool, \`${pool}\`: the API rejects it with "MachineOSConfig name must ` +
          `match the referenced MachineConfigPool name; can only have one MachineOSConfig per MachineConfigPool".`,
        fixes: [{ title: `Rename to ${pool}`, edits: [{ range, newText: pool }] }],
      });
    }
  },
};

import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { machineConfigExample } from '../examples';

export const mcFipsDay2: MachineConfigRule = {
  meta: {
    id: 'mc-fips-day2',
    kind: 'yaml',
    severity: 'warning',
    title: '`fips` in a day-2 MachineConfig',
    why: 'FIPS mode is chosen when the cluster is installed. MCO refuses to change it on a running cluster: "detected change to FIPS flag; refusing to modify FIPS on a running cluster".',
    source: 'MCO reconcile.go',
    fixable: false,
    examples: {
      bad: machineConfigExample('  fips: true'),
      good: `# install-config.yaml
fips: true`,
      fix: 'Choose FIPS at install time.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      if (typeof get(d.value, ['spec', 'fips']) !== 'boolean') continue;
      ctx.report({
        range: rangeAt(model, d, ['spec', 'fips'], { key: true }),
        message:
          '`fips` can only be set at install time; on a running cluster MCO refuses to change it and the pool degrades. Set it in install-config.yaml instead.',
      });
    }
  },
};

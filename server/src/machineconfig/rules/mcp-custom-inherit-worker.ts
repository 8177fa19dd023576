import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { nameOf, owned } from '../queries';
import { atMost } from '../../core/version';
import { ROLE_LABEL as ROLE } from '../../../../common/mco';

export const mcpCustomInheritWorker: MachineConfigRule = {
  meta: {
    id: 'mcp-custom-inherit-worker',
    kind: 'yaml',
    severity: 'error',
    title: 'Custom pool that does not inherit from worker (4.18+)',
    why: 'From OpenShift 4.18 an admission policy rejects a custom MachineConfigPool whose machineConfigSelector does not select the worker MachineConfigs: "All custom MachineConfigPools must inherit from the worker pool".',
    source: 'MCO custom-machine-config-pool-selector ValidatingAdmissionPolicy (release-4.18+)',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfigPool
metadata:
  name: infra
spec:
  machineConfigSelector:
    matchLabels:
      machineconfiguration.openshift.io/role: infra`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfigPool
metadata:
  name: infra
spec:
  machineConfigSelector:
    matchExpressions:
      - {key: machineconfiguration.openshift.io/role, operator: In, values: [worker, infra]}`,
      fix: 'Select worker and the custom role with matchExpressions.',
    },
  },
  check(model, ctx) {
    if (!ctx.ocp || atMost(ctx.ocp, 4, 17)) return;
    for (const d of owned(model, 'MachineConfigPool')) {
      const name = nameOf(d);
      if (['master', 'worker', 'arbiter'].includes(name)) continue;
      const sel = get(d.value, ['spec', 'machineConfigSelector']) as Record<string, unknown> | undefined;
      const labels = (sel?.['matchLabels'] ?? {}) as Record<string, string>;
      const exprs = (Array.isArray(sel?.['matchExpressions']) ? sel['matchExpressions'] : []) as {
        key?: string;
        operator?: string;
        values?: string[];
      }[];
      const inherits =
        ['master', 'worker', 'arbiter'].includes(labels[ROLE] ?? '') ||
        exprs.some(
          (e) =>
            e.key === ROLE &&
            ((e.operator === 'In' && e.values?.includes('worker')) || (e.operator === 'NotIn' && !e.values?.includes('worker'))),
        );
      if (inherits) continue;
      ctx.report({
        range: rangeAt(model, d, ['spec', 'machineConfigSelector'], { key: true }),
        message: `Custom pool \`${name}\` must inherit from worker on 4.18+: select \`${ROLE}\` with \`matchExpressions: [{key: ${ROLE}, operator: In, values: [worker, ${name}]}]\`.`,
      });
    }
  },
};

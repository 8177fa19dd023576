import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { nameOf, owned } from '../queries';
import { asSelector, LabelSelector, selects } from '../selector';
import { ASSUMED_OCP, atMost, formatVersion } from '../../core/version';
import type { OcpVersion } from '../../core/types';
import { ROLE_LABEL as ROLE } from '../../../../common/mco';

/** The message of MCO's ValidatingAdmissionPolicy `custom-machine-config-pool-selector` (release-4.18 to main). */
export const POLICY_MESSAGE =
  "All custom MachineConfigPools must inherit from the worker pool and must have a machineConfigSelector that matches for a 'machineconfiguration.openshift.io/role: worker' label";

/** The policy's CEL expression: a role in matchLabels (arbiter from 4.19), or In with worker, or NotIn without worker. */
function policyAccepts(sel: LabelSelector | null, v: OcpVersion): boolean {
  const bases = atMost(v, 4, 18) ? ['master', 'worker'] : ['master', 'worker', 'arbiter'];
  const role = sel?.matchLabels?.[ROLE];
  if (typeof role === 'string' && bases.includes(role)) return true;
  return (sel?.matchExpressions ?? []).some((e) => {
    const values = Array.isArray(e.values) ? e.values : [];
    return e.key === ROLE && ((e.operator === 'In' && values.includes('worker')) || (e.operator === 'NotIn' && !values.includes('worker')));
  });
}

export const mcpCustomInheritWorker: MachineConfigRule = {
  meta: {
    id: 'mcp-custom-inherit-worker',
    kind: 'yaml',
    severity: 'error',
    title: 'Custom pool that does not select the worker MachineConfigs',
    why:
      'A custom pool is built on the worker configuration: its nodes need every `role: worker` MachineConfig (the base OS, kubelet and CRI-O configuration) plus their own. ' +
      'MCO renders a pool from exactly the MachineConfigs its `machineConfigSelector` matches (matchLabels and matchExpressions together, as Kubernetes label selectors). ' +
      'From OpenShift 4.18 the admission policy `custom-machine-config-pool-selector` refuses a pool whose selector does not name worker in `matchLabels` or in an `In` (or a `NotIn` without worker) expression; ' +
      'before 4.18 nothing refuses it, and the pool silently misses every worker MachineConfig.',
    source:
      'MCO manifests/machineconfigcontroller/custom-machine-config-pool-selector-validatingadmissionpolicy.yaml (release-4.18+, `arbiter` from release-4.19); ' +
      'MCO pkg/controller/render/render_controller.go getMachineConfigsForPool (metav1.LabelSelectorAsSelector; an empty selector matches nothing); MCO docs/custom-pools.md',
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
      fix: 'Select worker and the custom role with `matchExpressions: [{key: machineconfiguration.openshift.io/role, operator: In, values: [worker, <pool>]}]`. Without `rhcosLayering.ocpVersion` the 4.18+ admission policy is assumed.',
    },
  },
  check(model, ctx) {
    const v = ctx.ocp ?? ASSUMED_OCP;
    const policy = !atMost(v, 4, 17);
    for (const d of owned(model, 'MachineConfigPool')) {
      const name = nameOf(d);
      if (['master', 'worker', 'arbiter'].includes(name)) continue;
      const sel = asSelector(get(d.value, ['spec', 'machineConfigSelector']));
      const range = rangeAt(model, d, ['spec', 'machineConfigSelector'], { key: true });
      const example = `\`matchExpressions: [{key: ${ROLE}, operator: In, values: [worker, ${name || '<pool>'}]}]\``;
      if (policy && !policyAccepts(sel, v)) {
        const exists = (sel?.matchExpressions ?? []).some((e) => e.key === ROLE && e.operator === 'Exists');
        ctx.report({
          range,
          message:
            `OpenShift ${ctx.ocp ? formatVersion(v) : '4.18 and later'} refuses this pool (admission policy custom-machine-config-pool-selector): "${POLICY_MESSAGE}". ` +
            (exists ? 'The policy accepts only matchLabels or an In/NotIn expression on the role, not Exists. ' : '') +
            `Select worker and the pool's own role: ${example}.`,
        });
        continue;
      }
      // A pool built on master (or arbiter) configs is a deliberate choice the policy allows.
      const role = sel?.matchLabels?.[ROLE];
      if (role === 'master' || role === 'arbiter') continue;
      if (selects(sel, { [ROLE]: 'worker' })) continue;
      ctx.report({
        range,
        message:
          `Custom pool \`${name}\` selects no worker MachineConfig${sel ? '' : ' (it has no machineConfigSelector)'}: ` +
          (policy ? 'the admission policy lets it through, but ' : `OpenShift ${formatVersion(v)} does not refuse it, but `) +
          `its nodes silently miss every \`role: worker\` MachineConfig (base OS, kubelet and CRI-O configuration). Select worker and the pool's own role: ${example}.`,
      });
    }
  },
};

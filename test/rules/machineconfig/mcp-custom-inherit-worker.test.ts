import { ruleTest } from '../ruleTester';

const pool = (name: string, selector: string[]) =>
  [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfigPool',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  machineConfigSelector:',
    ...selector.map((l) => `    ${l}`),
  ].join('\n') + '\n';

const ROLE = 'machineconfiguration.openshift.io/role';
const inWorkerInfra = ['matchExpressions:', `  - {key: ${ROLE}, operator: In, values: [worker, infra]}`];
const labelsInfra = ['matchLabels:', `  ${ROLE}: infra`];
const SELECTOR: [number, number, number, number] = [5, 2, 5, 23];
const POLICY =
  /refuses this pool \(admission policy custom-machine-config-pool-selector\): "All custom MachineConfigPools must inherit from the worker pool/;

ruleTest('mcp-custom-inherit-worker', {
  valid: [
    // MCO docs/custom-pools.md: the documented selector, on every version
    { code: pool('infra', inWorkerInfra), ocp: '4.17' },
    { code: pool('infra', inWorkerInfra), ocp: '4.18' },
    { code: pool('infra', inWorkerInfra), ocp: '5.0' },
    pool('infra', inWorkerInfra),
    // NotIn without worker selects worker (and the policy accepts it)
    { code: pool('infra', ['matchExpressions:', `  - {key: ${ROLE}, operator: NotIn, values: [master]}`]), ocp: '4.18' },
    // matchLabels on worker: accepted and selects worker configs
    { code: pool('infra', ['matchLabels:', `  ${ROLE}: worker`]), ocp: '4.19' },
    // Exists selects worker configs; nothing refuses it before 4.18
    { code: pool('infra', ['matchExpressions:', `  - {key: ${ROLE}, operator: Exists}`]), ocp: '4.17' },
    // a pool built on master configs is allowed by the policy
    { code: pool('infra', ['matchLabels:', `  ${ROLE}: master`]), ocp: '4.18' },
    { code: pool('infra', ['matchLabels:', `  ${ROLE}: arbiter`]), ocp: '4.19' },
    // the default pools are not custom pools
    { code: pool('worker', ['matchLabels:', `  ${ROLE}: worker`]), ocp: '4.18' },
    { code: pool('master', ['matchLabels:', `  ${ROLE}: master`]), ocp: '4.18' },
  ],
  invalid: [
    {
      code: pool('infra', labelsInfra),
      ocp: '4.18',
      errors: [{ range: SELECTOR, message: POLICY }],
    },
    // without a version the 4.18+ policy is assumed
    { code: pool('infra', labelsInfra), errors: [{ range: SELECTOR, message: /OpenShift 4\.18 and later refuses this pool/ }] },
    // before 4.18 nothing refuses it, but the pool misses the worker configs
    {
      code: pool('infra', labelsInfra),
      ocp: '4.17',
      errors: [
        {
          range: SELECTOR,
          message: /selects no worker MachineConfig: OpenShift 4\.17 does not refuse it, but its nodes silently miss every/,
        },
      ],
    },
    // Exists selects worker, but the policy only knows matchLabels and In/NotIn
    {
      code: pool('infra', ['matchExpressions:', `  - {key: ${ROLE}, operator: Exists}`]),
      ocp: '4.18',
      errors: [{ range: SELECTOR, message: /not Exists/ }],
    },
    // In with worker passes the policy, but matchLabels infra ANDs it away: no worker config is selected
    {
      code: pool('infra', [...labelsInfra, ...inWorkerInfra]),
      ocp: '4.20',
      errors: [{ range: SELECTOR, message: /selects no worker MachineConfig: the admission policy lets it through, but/ }],
    },
    // NotIn worker: refused on 4.18+, misses worker before
    {
      code: pool('infra', ['matchExpressions:', `  - {key: ${ROLE}, operator: NotIn, values: [worker, master]}`]),
      ocp: '4.16',
      errors: [{ range: SELECTOR, message: /selects no worker MachineConfig/ }],
    },
    {
      code: pool('infra', ['matchExpressions:', `  - {key: ${ROLE}, operator: DoesNotExist}`]),
      ocp: '4.21',
      errors: [{ range: SELECTOR, message: POLICY }],
    },
    // arbiter is accepted by the policy from 4.19 only
    {
      code: pool('infra', ['matchLabels:', `  ${ROLE}: arbiter`]),
      ocp: '4.18',
      errors: [{ range: SELECTOR, message: POLICY }],
    },
    // no selector at all: reported at `spec`
    {
      code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata:\n  name: infra\nspec:\n  paused: false\n',
      ocp: '4.17',
      errors: [{ range: [4, 0, 4, 4], message: /it has no machineConfigSelector/ }],
    },
  ],
});

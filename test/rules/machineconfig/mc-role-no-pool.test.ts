import { ruleTest } from '../ruleTester';

const CLUSTER_BASE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64);
const cluster = { context: 'prod', baseImage: CLUSTER_BASE, ocpVersion: '4.16', pools: ['master', 'worker', 'infra'] };
const mc = (role: string) =>
  `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: os-layer\n  labels:\n    machineconfiguration.openshift.io/role: ${role}\nspec:\n  osImageURL: ${CLUSTER_BASE}\n`;

ruleTest('mc-role-no-pool', {
  valid: [
    mc('gpu'), // not connected
    { code: mc('infra'), cluster },
    {
      code: `${mc('gpu')}---\napiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata:\n  name: gpu\n`,
      cluster,
    },
  ],
  invalid: [
    {
      code: mc('gpu'),
      cluster,
      errors: [
        {
          range: [5, 44, 5, 47],
          message:
            /^Cluster prod has no MachineConfigPool `gpu` \(pools: infra, master, worker\), so MachineConfig `os-layer` reaches no node/,
        },
      ],
    },
  ],
});

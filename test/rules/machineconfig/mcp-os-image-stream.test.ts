import { ruleTest, mc } from '../ruleTester';

const ROLE = 'machineconfiguration.openshift.io/role';
const pool = (stream: string, name = 'worker') =>
  [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfigPool',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  machineConfigSelector: {matchLabels: {${ROLE}: ${name}}}`,
    '  osImageStream:',
    `    name: ${stream}`,
  ].join('\n') + '\n';
const DIGEST = 'sha256:' + 'a'.repeat(64);
const withImage = pool('rhel-10') + '---\n' + mc([`osImageURL: quay.io/me/os@${DIGEST}`]);
const KEY: [number, number, number, number] = [6, 2, 6, 15];
const NAME: [number, number, number, number] = [7, 10, 7, 17];

ruleTest('mcp-os-image-stream', {
  valid: [
    { code: pool('rhel-10'), ocp: '4.21' },
    { code: pool('rhel-9'), ocp: '5.0' },
    pool('rhel-10'),
    // 4.21 renders a stream next to an osImageURL MachineConfig (the check came with 4.22)
    { code: withImage, ocp: '4.21' },
    // the MachineConfig is for another pool
    { code: pool('rhel-10', 'infra') + '---\n' + mc([`osImageURL: quay.io/me/os@${DIGEST}`]), ocp: '4.22' },
  ],
  invalid: [
    {
      code: pool('rhel-10'),
      ocp: '4.20',
      errors: [
        { range: KEY, severity: 'warning', message: /^`spec\.osImageStream` does not exist on OpenShift 4\.20 .*the API server drops it/ },
      ],
    },
    {
      code: pool('rhel10'),
      ocp: '4.22',
      errors: [
        {
          range: [7, 10, 7, 16],
          severity: 'warning',
          message:
            /^The specified osImageStream name must reference a valid stream from the cluster OSImageStream resource: the release's streams are rhel-9 and rhel-10, not `rhel10`/,
        },
      ],
    },
    {
      code: withImage,
      ocp: '4.22',
      errors: [
        {
          range: NAME,
          message:
            /^Pool `worker` will not render: "cannot override MachineConfig osImageURL and set MachineConfigPool spec\.osImageStream\.name simultaneously"\. MachineConfig `99-worker-x` sets osImageURL/,
        },
      ],
    },
    // the MachineConfig may be in another file of the workspace
    {
      code: pool('rhel-9'),
      ocp: '5.0',
      workspace: {
        machineConfigs: [{ file: 'os.yaml', name: '99-worker-os', pool: 'worker', osImageURL: `quay.io/me/os@${DIGEST}`, extensions: [] }],
        containerfileRpms: [],
      },
      errors: [{ range: [7, 10, 7, 16], message: /MachineConfig `99-worker-os` sets osImageURL/ }],
    },
  ],
});

import { ruleTest, mc } from '../ruleTester';

/** What the server or CLI collected from a Containerfile elsewhere in the workspace (`line` is 0-based). */
const workspace = {
  machineConfigs: [],
  containerfileRpms: [
    { file: 'layered/Containerfile', rpm: 'usbguard', line: 1 },
    { file: 'layered/Containerfile', rpm: 'krb5-workstation', line: 4 },
  ],
};
const sysstat = { machineConfigs: [], containerfileRpms: [{ file: 'Containerfile', rpm: 'sysstat', line: 2 }] };
const POOL = 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigPool\nmetadata:\n  name: worker\nspec:\n';

ruleTest('mc-extension-in-image', {
  valid: [
    mc(['extensions: [usbguard]']), // no workspace facts (a lone file): nothing to compare with
    { code: mc(['extensions: [usbguard]']), workspace: { machineConfigs: [], containerfileRpms: [] } },
    { code: mc(['extensions: [ipsec, wasm]']), workspace },
    { code: mc(['kernelType: realtime']), workspace },
    { code: mc(['extensions: [sysstat]']), ocp: '4.17', workspace: sysstat }, // no `sysstat` extension before 4.18
    { code: `${POOL}  extensions: [usbguard]\n`, workspace }, // only MachineConfigs enable extensions
  ],
  invalid: [
    {
      code: mc(['extensions:', '  - usbguard']),
      workspace,
      errors: [
        {
          range: [8, 6, 8, 14],
          message: new RegExp(
            '^Extension `usbguard` installs `usbguard`, which layered/Containerfile:2 also layers into the image: ' +
              'keep one of them, or the pool degrades on the conflict\\.$',
          ),
        },
      ],
    },
    {
      code: mc(['extensions: [wasm, kerberos, usbguard]']),
      workspace,
      errors: [
        { range: [7, 21, 7, 29], message: /^Extension `kerberos` installs `krb5-workstation`, which layered\/Containerfile:5 also/ },
        { range: [7, 31, 7, 39], message: /^Extension `usbguard` installs `usbguard`/ },
      ],
    },
    {
      code: mc(['extensions: [sysstat]']),
      ocp: '4.18',
      workspace: sysstat,
      errors: [{ range: [7, 15, 7, 22], message: /^Extension `sysstat` installs `sysstat`, which Containerfile:3 also/ }],
    },
    {
      code: mc(['kernelType: realtime']) + '---\n' + mc(['extensions: [usbguard]'], 'b', 'infra'),
      workspace,
      errors: [{ range: [16, 15, 16, 23] }],
    },
  ],
});

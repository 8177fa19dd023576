import { ruleTest, mc, ign, mosc } from '../ruleTester';

ruleTest('mc-schema', {
  valid: [
    mc(['kernelArguments: [nosmt]', 'fips: false', 'config:', '  ignition:', '    version: 3.2.0']),
    // oc reads YAML 1.1: `no`, `off` and `yes` are booleans, and `0644` is the integer 420.
    mc(['fips: no']),
    mc(['config:', '  ignition:', '    version: 3.2.0', '  systemd:', '    units:', '      - name: x.service', '        enabled: yes']),
    mc(['config:', '  ignition:', '    version: 3.2.0', '  storage:', '    files:', '      - {path: /etc/x, mode: 0644, overwrite: on}']),
  ],
  invalid: [
    {
      code: mc(['kernelArgs:', '  - nosmt']),
      errors: [{ range: [7, 2, 7, 12], message: /`kernelArgs` is not a field of MachineConfig spec: did you mean `kernelArguments`\?/ }],
    },
    { code: mc(['fips: "yes"']), errors: [{ range: [7, 8, 7, 13], message: /`spec\.fips` must be boolean/ }] },
    {
      code: mc(['config:', '  ignition:', '    version: 3.2.0', '  storage:', '    files:', '      - mode: 420']),
      errors: [{ range: [12, 10, 12, 19], message: /`spec\.config\.storage\.files\[0\]` needs `path`/ }],
    },
  ],
});

ruleTest('mc-schema', {
  valid: [ign('2.2.0', ['storage:', '  files:', '    - {filesystem: root, path: /etc/x, mode: 420}'])],
  invalid: [
    {
      code: ign('2.2.0', ['storage:', '  files:', '    - {path: /etc/x, mode: 420}']),
      errors: [{ range: [12, 10, 12, 35], message: /needs `filesystem`/ }],
    },
  ],
});

// v1alpha1 names and values in a v1 MachineOSConfig are mosc-v1alpha1-fields' (with the v1 name and a fix): the schema stays quiet.
const moscDocs = [
  'apiVersion: machineconfiguration.openshift.io/v1',
  'kind: MachineOSConfig',
  'metadata:',
  '  name: worker',
  'spec:',
  '  machineConfigPool:',
  '    name: worker',
  '  containerFile:',
  '  - containerfileArch: noarch',
  '    content: |-',
  '      FROM configs AS final',
  '  imageBuilder:',
  '    imageBuilderType: PodImageBuilder',
  '  renderedImagePushspec: image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-images:latest',
  '  renderedImagePushSecret:',
  '    name: new-secret-name',
  '',
].join('\n');
ruleTest('mc-schema', {
  valid: [moscDocs],
  invalid: [
    {
      // Other enum values and unknown fields are still the schema's.
      code: moscDocs
        .replace('noarch', 'X86')
        .replace('renderedImagePushspec', 'renderedImagePushSpec')
        .replace('  imageBuilder:', '  imageBuilders: {}\n  imageBuilder:'),
      errors: [
        { range: [8, 23, 8, 26], message: /`spec\.containerFile\[0\]\.containerfileArch` must be one of `ARM64`/ },
        { range: [11, 2, 11, 15], message: /`imageBuilders` is not a field of MachineOSConfig spec: did you mean `imageBuilder`\?/ },
      ],
    },
  ],
});

// Secret names are DNS subdomains (openshift/api v1 ImageSecretObjectReference CEL rule), with the API's message.
ruleTest('mc-schema', {
  valid: [mosc('worker', ['FROM configs AS final'])],
  invalid: [
    {
      code: mosc('worker', ['FROM configs AS final']).replace('    name: push', '    name: Push_Secret'),
      errors: [
        {
          range: [10, 10, 10, 21],
          message:
            /^`spec\.renderedImagePushSecret\.name`: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '\.', and must start and end with an alphanumeric character\.$/,
        },
      ],
    },
  ],
});

import { ruleTest, mc, ign, mosc, MOSC_DOCS_EXAMPLE } from '../ruleTester';

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
const moscDocs = MOSC_DOCS_EXAMPLE;
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

// MachineConfiguration (operator.openshift.io/v1) and PinnedImageSet: the CRDs' structure, as openshift/api generates them
const mcfgRestart = (restart: string[]) =>
  [
    'apiVersion: operator.openshift.io/v1',
    'kind: MachineConfiguration',
    'metadata:',
    '  name: cluster',
    'spec:',
    '  nodeDisruptionPolicy:',
    '    files:',
    '      - path: /etc/x.conf',
    '        actions:',
    '          - type: Restart',
    '            restart:',
    ...restart.map((l) => `              ${l}`),
  ].join('\n') + '\n';
const pis = (items: string[], apiVersion = 'machineconfiguration.openshift.io/v1') =>
  [
    `apiVersion: ${apiVersion}`,
    'kind: PinnedImageSet',
    'metadata:',
    '  name: ocp-images',
    'spec:',
    '  pinnedImages:',
    ...items.map((l) => `    ${l}`),
  ].join('\n') + '\n';
const DIGEST = 'sha256:' + 'a'.repeat(64);

ruleTest('mc-schema', {
  valid: [
    mcfgRestart(['serviceName: crio.service']),
    pis([`- name: quay.io/openshift-release-dev/ocp-v4.0-art-dev@${DIGEST}`]),
    pis([`- name: quay.io/openshift-release-dev/ocp-v4.0-art-dev@${DIGEST}`], 'machineconfiguration.openshift.io/v1alpha1'),
  ],
  invalid: [
    {
      code: mcfgRestart(['serviceNam: crio.service']),
      errors: [
        { range: [10, 12, 10, 19], message: /`spec\.nodeDisruptionPolicy\.files\[0\]\.actions\[0\]\.restart` needs `serviceName`/ },
        { range: [11, 14, 11, 24], message: /`serviceNam` is not a field of MachineConfiguration .*did you mean `serviceName`\?/ },
      ],
    },
    {
      code: pis([`- image: quay.io/a/b@${DIGEST}`]),
      errors: [
        { range: [6, 6, 6, 96], message: /`spec\.pinnedImages\[0\]` needs `name`: PinnedImageSet is rejected without it/ },
        { range: [6, 6, 6, 11], message: /`image` is not a field of PinnedImageSet spec\.pinnedImages\[0\]: did you mean `name`\?/ },
      ],
    },
    {
      code: pis(['[]']).replace('  pinnedImages:\n    []', '  pinnedImages: []'),
      errors: [{ range: [5, 16, 5, 18], message: /must NOT have fewer than 1 items/ }],
    },
  ],
});

import { ruleTest, mc } from '../../rules/ruleTester';

const D = 'sha256:' + 'a'.repeat(64);

ruleTest('mc-role-label', {
  valid: [
    mc(['osImageURL: quay.io/a/b@' + D]),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    // MCO's rendered configs (as opened from the Rollouts view) have no role label by design.
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rendered-worker-0123abcd\n  annotations:\n    machineconfiguration.openshift.io/generated-by-controller-version: 4.16.0\nspec:\n  osImageURL: quay.io/a/b@' + D + '\n',
  ],
  invalid: [
    { code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rendered-by-hand\nspec: {}\n', errors: [{ range: [3, 8, 3, 24] }] },
    {
      code: mc(['kernelType: realtime'], 'rt', null),
      errors: [{ range: [3, 8, 3, 10], message: /MachineConfig `rt` has no `machineconfiguration\.openshift\.io\/role` label/ }],
      output: mc(['kernelType: realtime'], 'rt', null).replace('metadata:\n', 'metadata:\n  labels:\n    machineconfiguration.openshift.io/role: worker\n'),
    },
    {
      code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rt\n  labels:\n    app: x\nspec: {}\n',
      errors: [{ range: [3, 8, 3, 10] }],
      fix: 1,
      output: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: rt\n  labels:\n    machineconfiguration.openshift.io/role: master\n    app: x\nspec: {}\n',
    },
  ],
});

ruleTest('mc-osimageurl-not-pinned', {
  valid: [mc(['osImageURL: quay.io/a/b@' + D]), mc(['osImageURL: ""'])],
  invalid: [{ code: mc(['osImageURL: quay.io/my-registry/custom-image:latest']), errors: [{ range: [7, 14, 7, 53], message: /not pinned by digest: use `quay\.io\/my-registry\/custom-image@sha256:<digest>`/ }] }],
});

ruleTest('mc-osimageurl-invalid', {
  valid: [mc(['osImageURL: registry.example.com:5000/ns/img@' + D])],
  invalid: [
    { code: mc(['osImageURL: https://quay.io/a/b@' + D]), errors: [{ range: [7, 14, 7, 105], message: /is not a valid image reference/ }] },
    { code: mc(['osImageURL: quay.io/A/B:1']), errors: [{ range: [7, 14, 7, 27] }] },
  ],
});

ruleTest('mc-unknown-extension', {
  valid: [mc(['extensions:', '  - usbguard', '  - kerberos']), { code: mc(['extensions: [sysstat]']), ocp: '4.18' }],
  invalid: [
    {
      code: mc(['extensions:', '  - usbguard', '  - kerberos5']),
      errors: [{ range: [9, 6, 9, 15], message: /`kerberos5` is not an extension in any OpenShift version: did you mean `kerberos`\?/ }],
      output: mc(['extensions:', '  - usbguard', '  - kerberos']),
    },
    {
      code: mc(['extensions:', '  - usbguard', '  - kerberos5']),
      errors: [{ range: [9, 6, 9, 15] }],
      fix: 1,
      output: mc(['extensions:', '  - usbguard']),
    },
    { code: mc(['extensions: [sysstat, wasm]']), ocp: '4.17', errors: [{ range: [7, 15, 7, 22], message: /`sysstat` is not an extension in OpenShift 4\.17/ }] },
    { code: mc(['extensions: [wasm]']), ocp: '4.22', errors: [{ range: [7, 15, 7, 19] }] },
  ],
});

ruleTest('mc-kernel-type', {
  valid: [mc(['kernelType: realtime']), mc(['kernelType: 64k-pages']), mc(['kernelType: ""'])],
  invalid: [
    { code: mc(['kernelType: realtme']), errors: [{ range: [7, 14, 7, 21], message: /kernelType `realtme` is not valid/ }], output: mc(['kernelType: realtime']) },
    { code: mc(['kernelType: 64k-pages']), ocp: '4.14', errors: [{ range: [7, 14, 7, 23], message: /64k-pages needs 4\.15 or later/ }] },
  ],
});

ruleTest('mc-kernel-devel-kernel-type', {
  valid: [mc(['extensions: [kernel-devel]']), mc(['kernelType: realtime']) + '---\n' + mc(['extensions: [kernel-devel]'], 'b', 'infra')],
  invalid: [
    { code: mc(['kernelType: realtime', 'extensions: [kernel-devel]']), errors: [{ range: [8, 15, 8, 27], message: /kernel-devel extension does not work with kernelType `realtime`/ }] },
    { code: mc(['kernelType: realtime']) + '---\n' + mc(['extensions:', '  - kernel-devel'], 'b'), errors: [{ range: [17, 6, 17, 18] }] },
  ],
});

ruleTest('mc-api-spelling', {
  valid: [mc([]), 'apiVersion: machineconfiguration.openshift.io/v1alpha1\nkind: MachineOSConfig\nmetadata:\n  name: worker\n'],
  invalid: [
    {
      code: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfigs\nmetadata:\n  name: x\n',
      errors: [{ range: [1, 6, 1, 20], message: /kind `MachineConfigs` is not a machineconfiguration\.openshift\.io kind: did you mean `MachineConfig`\?/ }],
      output: 'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n',
    },
    { code: 'apiVersion: machineconfigurations.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: x\n', errors: [{ range: [0, 12, 0, 49], message: /use `machineconfiguration\.openshift\.io\/v1`/ }] },
  ],
});

ruleTest('mc-schema', {
  valid: [mc(['kernelArguments: [nosmt]', 'fips: false', 'config:', '  ignition:', '    version: 3.2.0'])],
  invalid: [
    { code: mc(['kernelArgs:', '  - nosmt']), errors: [{ range: [7, 2, 7, 12], message: /`kernelArgs` is not a field of MachineConfig spec: did you mean `kernelArguments`\?/ }] },
    { code: mc(['fips: "yes"']), errors: [{ range: [7, 8, 7, 13], message: /`spec\.fips` must be boolean/ }] },
    { code: mc(['config:', '  ignition:', '    version: 3.2.0', '  storage:', '    files:', '      - mode: 420']), errors: [{ range: [12, 10, 12, 19], message: /`spec\.config\.storage\.files\[0\]` needs `path`/ }] },
  ],
});

ruleTest('mc-fips-day2', {
  valid: [mc([])],
  invalid: [{ code: mc(['fips: true']), errors: [{ range: [7, 2, 7, 6], message: /can only be set at install time/ }] }],
});

ruleTest('mc-duplicate-osimageurl', {
  valid: [mc(['osImageURL: a/b@' + D], 'a') + '---\n' + mc(['osImageURL: a/c@' + D], 'b', 'infra')],
  invalid: [{
    code: mc(['osImageURL: a/b@' + D], 'zz-layer') + '---\n' + mc(['osImageURL: a/c@' + D], 'aa-layer'),
    errors: [
      { range: [7, 14, 7, 89], message: /Pool worker also gets osImageURL from `aa-layer`: this one wins/ },
      { range: [16, 14, 16, 89], message: /`zz-layer` wins \(last in MCO's order\) and this one is ignored/ },
    ],
  }],
});

const pool = (name: string, selector: string[]) => ['apiVersion: machineconfiguration.openshift.io/v1', 'kind: MachineConfigPool', 'metadata:', `  name: ${name}`, 'spec:', '  machineConfigSelector:', ...selector.map((l) => `    ${l}`)].join('\n') + '\n';

ruleTest('mcp-custom-inherit-worker', {
  valid: [
    { code: pool('infra', ['matchExpressions:', '  - {key: machineconfiguration.openshift.io/role, operator: In, values: [worker, infra]}']), ocp: '4.18' },
    { code: pool('infra', ['matchLabels:', '    machineconfiguration.openshift.io/role: infra']), ocp: '4.17' },
  ],
  invalid: [{ code: pool('infra', ['matchLabels:', '  machineconfiguration.openshift.io/role: infra']), ocp: '4.18', errors: [{ range: [5, 2, 5, 23], message: /Custom pool `infra` must inherit from worker on 4\.18\+/ }] }],
});

ruleTest('yaml-syntax', {
  valid: [mc([]), 'a: [\n'],
  invalid: [
    { code: mc(['kernelType: realtime', 'kernelType: default']), errors: [{ range: [8, 2, 8, 12], message: /YAML: Map keys must be unique/ }] },
  ],
});

import { ruleTest, mosc, moscV1alpha1, MOSC_DOCS_EXAMPLE } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && bootc container lint'];
const v1 = mosc('worker', GOOD);
const DOCS = MOSC_DOCS_EXAMPLE;
const fixed = (from: string, to: string) => DOCS.replace(from, to);

ruleTest('mosc-v1alpha1-fields', {
  valid: [
    v1,
    // A v1alpha1 object has v1alpha1 names: mosc-api-version judges its apiVersion.
    moscV1alpha1(GOOD),
  ],
  invalid: [
    {
      code: DOCS,
      errors: [
        {
          range: [8, 23, 8, 29],
          message:
            /`noarch` is the v1alpha1 spelling; v1 wants `NoArch`\. The API rejects it: Unsupported value: "noarch": supported values: "ARM64", "AMD64", "PPC64LE", "S390X", "NoArch"\./,
        },
        { range: [12, 22, 12, 37], message: /Unsupported value: "PodImageBuilder": supported values: "Job"/ },
        {
          range: [13, 2, 13, 23],
          message: /`renderedImagePushspec` is the v1alpha1 name.*rejects the object without `renderedImagePushSpec`/,
        },
      ],
      output: fixed('containerfileArch: noarch', 'containerfileArch: NoArch'),
    },
    {
      code: fixed('containerfileArch: noarch', 'containerfileArch: x86_64'),
      errors: [{ range: [8, 23, 8, 29], message: /v1 wants `AMD64`/ }, { range: [12, 22, 12, 37] }, { range: [13, 2, 13, 23] }],
      output: fixed('containerfileArch: noarch', 'containerfileArch: AMD64'),
    },
    {
      code: fixed('containerfileArch: noarch', 'containerfileArch: NoArch'),
      errors: [{ range: [12, 22, 12, 37] }, { range: [13, 2, 13, 23] }],
      output: fixed('containerfileArch: noarch', 'containerfileArch: NoArch').replace('PodImageBuilder', 'Job'),
    },
    {
      code: fixed('containerfileArch: noarch', 'containerfileArch: NoArch').replace('PodImageBuilder', 'Job'),
      errors: [{ range: [13, 2, 13, 23] }],
      output: fixed('containerfileArch: noarch', 'containerfileArch: NoArch')
        .replace('PodImageBuilder', 'Job')
        .replace('Pushspec', 'PushSpec'),
    },
    {
      // Both spellings: the v1alpha1 one is dropped by the API; no rename (it would duplicate the key).
      code: v1.replace('  containerFile:', '  renderedImagePushspec: registry.example.com/old:latest\n  containerFile:'),
      errors: [{ range: [12, 2, 12, 23], message: /drops `renderedImagePushspec` silently\.$/ }],
    },
    {
      // The v1alpha1 pull secret for nodes, at spec level (a QE blog post's v1 object): removed by the fix.
      code: v1.replace('  imageBuilder:', '  currentImagePullSecret:\n    name: current-image-pull\n  imageBuilder:'),
      errors: [
        { range: [7, 2, 7, 24], message: /`currentImagePullSecret` is a v1alpha1 field that v1 does not have: .*cluster pull secret/ },
      ],
      output: v1,
    },
    {
      // buildOutputs goes the same way.
      code: v1 + '  buildOutputs:\n    currentImagePullSecret:\n      name: pull\n',
      errors: [{ range: [17, 2, 17, 14], message: /`buildOutputs` is a v1alpha1 field/ }],
      output: v1,
    },
    {
      // A v1alpha1 object relabelled v1: the fix moves the fields of buildInputs up into spec.
      code: moscV1alpha1(GOOD).replace('/v1alpha1', '/v1'),
      errors: [{ range: [7, 2, 7, 13], message: /`buildInputs` is a v1alpha1 field .* in v1 its fields sit directly under `spec`/ }],
      output: [
        'apiVersion: machineconfiguration.openshift.io/v1',
        'kind: MachineOSConfig',
        'metadata:',
        '  name: worker',
        'spec:',
        '  machineConfigPool:',
        '    name: worker',
        '  imageBuilder:',
        '    imageBuilderType: PodImageBuilder',
        '  baseImagePullSecret:',
        '    name: pull',
        '  renderedImagePushSecret:',
        '    name: push',
        '  renderedImagePushspec: registry.example.com/os:latest',
        '  containerFile:',
        '    - containerfileArch: noarch',
        '      content: |',
        ...GOOD.map((l) => `        ${l}`),
        '',
      ].join('\n'),
    },
    {
      // A field that is also in spec: no move (it would duplicate the key), and the base image fields have no v1 place.
      code: mosc('worker', GOOD).replace(
        '  imageBuilder:',
        '  buildInputs:\n    imageBuilder:\n      imageBuilderType: Job\n    baseOSImagePullspec: quay.io/x/y@sha256:' +
          'a'.repeat(64) +
          '\n  imageBuilder:',
      ),
      errors: [{ range: [7, 2, 7, 13], message: /`buildInputs` is a v1alpha1 field/ }],
    },
  ],
});

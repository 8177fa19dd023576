import { ruleTest, mosc } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && bootc container lint'];
const D = 'sha256:' + 'a'.repeat(64);
/** The tester's MachineOSConfig with the pre-built-image annotation (line 5, the value from column 55). */
const seeded = (image: string) =>
  mosc('worker', GOOD).replace(
    '  name: worker\n',
    `  name: worker\n  annotations:\n    machineconfiguration.openshift.io/pre-built-image: ${image}\n`,
  );

ruleTest('mosc-prebuilt-image', {
  valid: [
    mosc('worker', GOOD),
    seeded(`quay.io/example/layered-rhcos@${D}`),
    { code: seeded(`registry.example.com:5000/layered-rhcos@${D}`), ocp: '4.21' },
    seeded(`quay.io/layered-rhcos@${D}`),
  ],
  invalid: [
    {
      // A tag: MCO's bootstrap refuses it.
      code: seeded('quay.io/example/layered-rhcos:latest'),
      ocp: '4.21',
      errors: [{ range: [5, 55, 5, 91], message: /"pre-built image must use digested format \(image@sha256:digest\)"/ }],
    },
    {
      // Tag and digest (MCO's own bootstrap test fixture): the API rejects it in the MachineOSBuild status.
      code: seeded(`"quay.io/example/layered-rhcos:latest@${D}"`),
      errors: [
        {
          range: [5, 55, 5, 165],
          message:
            /has a tag as well as a digest: .*"the OCI Image name should follow the host\[:port\]\[\/namespace\]\/name format, resembling a valid URL without the scheme"/,
        },
      ],
      output: seeded(`quay.io/example/layered-rhcos@${D}`),
    },
    {
      // Two namespaces: ImageDigestFormat allows one.
      code: seeded(`quay.io/a/b/layered-rhcos@${D}`),
      errors: [{ range: [5, 55, 5, 152], message: /the API rejects it: "the OCI Image name should follow/ }],
    },
    {
      // No dot in the host.
      code: seeded(`localhost:5000/layered-rhcos@${D}`),
      errors: [{ range: [5, 55, 5, 155], message: /the host needs a dot/ }],
    },
    {
      // A digest that is not 64 hex digits.
      code: seeded('quay.io/example/layered-rhcos@sha256:abcd'),
      errors: [{ range: [5, 55, 5, 96], message: /digested format/ }],
    },
    {
      code: seeded(`https://quay.io/example/layered-rhcos@${D}`),
      errors: [{ range: [5, 55, 5, 164], message: /is not an image reference/ }],
    },
    {
      // Before 4.21 MCO does not read the annotation.
      code: seeded(`quay.io/example/layered-rhcos@${D}`),
      ocp: '4.20',
      errors: [
        {
          range: [5, 4, 5, 53],
          severity: 'warning',
          message: /MCO reads `machineconfiguration\.openshift\.io\/pre-built-image` from OpenShift 4\.21; on 4\.20 it does nothing/,
        },
      ],
    },
  ],
});

import { ruleTest, mosc, moscV1alpha1 } from '../ruleTester';

const GOOD = ['FROM configs AS final', 'RUN dnf install -y tree && dnf clean all && bootc container lint'];
/** The v1 MachineOSConfig of the tester with another renderedImagePushSpec (line 11, the value from column 25). */
const push = (spec: string) =>
  mosc('worker', GOOD).replace('renderedImagePushSpec: registry.example.com/os:latest', `renderedImagePushSpec: ${spec}`);
const API =
  /^The API rejects `.*`: "the OCI Image name should follow the host\[:port\]\[\/namespace\]\/name format, resembling a valid URL without the scheme\. Or it must be a valid \.svc followed by a port, repository, image name, and tag\."/;
const D = 'sha256:' + 'a'.repeat(64);

ruleTest('mosc-push-spec', {
  valid: [
    mosc('worker', GOOD),
    push('image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest'),
    push('quay.io/my-org/team_a/os-image:4.19.0'),
    push('registry.example.com:5000/os:latest'),
    push('quay.io/os-image:v1'),
    // The service name of the internal registry passes the first regex without a port, and the `.svc` regex allows a dotted namespace.
    push('image-registry.openshift-image-registry.svc/openshift-machine-config-operator/os-image:latest'),
    push('image-registry.openshift-image-registry.svc:5000/my.ns/os-image:latest'),
    // Empty and over-long values are the schema's.
    push('""'),
    // v1alpha1 (4.16–4.17) has its own two rules.
    moscV1alpha1(GOOD),
    moscV1alpha1(GOOD, 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest'),
  ],
  invalid: [
    {
      // No dot in the host.
      code: push('localhost:5000/os-image:latest'),
      errors: [{ range: [11, 25, 11, 55], message: API }],
    },
    {
      code: push('localhost:5000/os-image:latest'),
      errors: [{ range: [11, 25, 11, 55], message: /the registry host `localhost:5000` has no dot/ }],
    },
    {
      // No tag: the fix adds one.
      code: push('quay.io/example/os-image'),
      errors: [{ range: [11, 25, 11, 49], message: /\(no tag: add one/ }],
      output: push('quay.io/example/os-image:latest'),
    },
    {
      // A digest instead of a tag.
      code: push(`quay.io/example/os-image@${D}`),
      errors: [{ range: [11, 25, 11, 121], message: /\(a digest: MCO tags each build itself/ }],
      output: push('quay.io/example/os-image:latest'),
    },
    {
      // Tag and digest: the digest goes.
      code: push(`quay.io/example/os-image:4.19@${D}`),
      errors: [{ range: [11, 25, 11, 126], message: API }],
      output: push('quay.io/example/os-image:4.19'),
    },
    {
      // A namespace with a dot.
      code: push('quay.io/my.org/os-image:latest'),
      errors: [{ range: [11, 25, 11, 55], message: /the namespace `my\.org` may hold only letters/ }],
    },
    {
      code: push('https://quay.io/example/os-image:latest'),
      errors: [{ range: [11, 25, 11, 64], message: /no scheme/ }],
    },
    {
      // A one-digit port.
      code: push('registry.example.com:5/os:latest'),
      errors: [{ range: [11, 25, 11, 57], message: API }],
    },
    {
      // The API's regex allows capitals; MCO's reference parser does not.
      code: push('quay.io/MyOrg/OS-image:Latest'),
      errors: [{ range: [11, 25, 11, 54], message: /^The API accepts .* a repository name must be lowercase/ }],
      output: push('quay.io/myorg/os-image:Latest'),
    },
    {
      // v1alpha1 allows no port outside the .svc form (its rule splits the value at `:`), with both of its messages.
      code: moscV1alpha1(GOOD, 'registry.example.com:5000/os:latest'),
      errors: [
        {
          range: [14, 27, 14, 62],
          message:
            /"the OCI Image reference must end with a valid :<tag>, where '<digest>' is 64 characters long and '<tag>' is any valid string {2}Or it must be a valid \.svc.*" and "the OCI Image name should follow/,
        },
      ],
    },
    {
      // v1alpha1 allows at most one namespace.
      code: moscV1alpha1(GOOD, 'quay.io/a/b/os:latest'),
      errors: [{ range: [14, 27, 14, 48], message: /^The API rejects `quay\.io\/a\/b\/os:latest`: "the OCI Image name should follow/ }],
    },
  ],
});

import { ruleTest } from '../ruleTester';

const pis = (images: string[]) =>
  [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: PinnedImageSet',
    'metadata:',
    '  name: worker-pinned-images',
    'spec:',
    '  pinnedImages:',
    ...images.map((i) => `    - name: ${i}`),
  ].join('\n') + '\n';
const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

ruleTest('pis-image-digest', {
  valid: [
    pis([
      `quay.io/openshift-release-dev/ocp-release@${DIGEST}`,
      `quay.io/openshift-release-dev/ocp-v4.0-art-dev@${DIGEST.replace('0', '1')}`,
    ]),
    pis([`registry.example.com:5000/ocp4@${DIGEST}`]),
    pis([`image-registry.openshift-image-registry.svc:5000/openshift/tools@${DIGEST}`]),
  ],
  invalid: [
    {
      code: pis(['quay.io/openshift-release-dev/ocp-release:4.19.0-x86_64']),
      errors: [
        {
          range: [6, 12, 6, 67],
          message:
            /^the OCI Image reference must end with a valid '@sha256:<digest>' suffix, where '<digest>' is 64 characters long: `quay\.io\/openshift-release-dev\/ocp-release:4\.19\.0-x86_64` is a tag/,
        },
        { range: [6, 12, 6, 67], message: /^the OCI Image name should follow the host\[:port\]\[\/namespace\]\/name format.*drop the tag/ },
      ],
    },
    {
      code: pis([`quay.io/a/b@${DIGEST.toUpperCase().replace('SHA256', 'sha256')}`]),
      errors: [{ range: [6, 12, 6, 95], message: /must end with a valid '@sha256:<digest>' suffix/ }],
    },
    {
      code: pis([`localhost:5000/tools@${DIGEST}`]),
      errors: [{ range: [6, 12, 6, 104], message: /format, resembling a valid URL without the scheme: the host needs a dot/ }],
    },
    {
      code: pis([`registry.example.com/team/sub/tools@${DIGEST}`]),
      errors: [{ range: [6, 12, 6, 119], message: /at most one namespace/ }],
    },
    {
      code: pis([`quay.io/a/b@${DIGEST}`, `quay.io/a/b@${DIGEST}`]),
      errors: [{ range: [7, 12, 7, 95], message: /^Duplicate value/ }],
    },
  ],
});

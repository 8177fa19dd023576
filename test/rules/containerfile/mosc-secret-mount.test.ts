import { ruleTest, BASE } from '../ruleTester';

const ON = 'FROM configs AS final';
const END = 'dnf clean all && bootc container lint';

ruleTest('mosc-secret-mount', {
  valid: [
    // Out of cluster, `podman build --secret` fills the mount.
    `${BASE}\nRUN --mount=type=secret,id=token,required curl -H @/run/secrets/token https://example.com && ostree container commit`,
    `FROM quay.io/fedora/fedora:42 AS build\nRUN --mount=type=secret,id=token make\n${BASE}\nCOPY --from=build /x /usr/bin/x`,
    // Other mounts are fine on the cluster.
    `${ON}\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y tree && ${END}`,
    `${ON}\nRUN --mount=type=bind,from=quay.io/x/y:1,source=/,target=/mnt dnf install -y /mnt/x.rpm && ${END}`,
  ],
  invalid: [
    {
      code: `${ON}\nRUN --mount=type=secret,id=token,required curl -fsS -H @/run/secrets/token https://example.com/x.rpm -o /tmp/x.rpm && \\\n    dnf install -y /tmp/x.rpm && ${END}`,
      errors: [{ range: [1, 4, 1, 41], message: /this build fails with "secret required but no secret with id \\"token\\" found"/ }],
    },
    {
      // Not required: buildah skips the mount; the id defaults to the target's base name.
      code: `${ON}\nRUN --mount=type=secret,target=/run/secrets/creds.json,required=false tool --auth /run/secrets/creds.json && ${END}`,
      errors: [{ range: [1, 4, 1, 69], message: /the secret `creds\.json` is never mounted and this RUN runs without it/ }],
    },
    {
      // A builder stage of an on-cluster file is built by the same buildah.
      code: `FROM quay.io/fedora/fedora:42 AS build\nRUN --mount=type=secret,id=token make\n${ON}\nCOPY --from=build /x /usr/bin/x`,
      errors: [{ range: [1, 4, 1, 32] }],
    },
  ],
});

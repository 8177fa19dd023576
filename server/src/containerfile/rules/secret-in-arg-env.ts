import type { ContainerfileRule } from '../rule';

const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export const secretInArgEnv: ContainerfileRule = {
  meta: {
    id: 'secret-in-arg-env',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Secret passed through ARG or ENV',
    why: 'ARG and ENV values are kept in the image history and metadata, and the layered image is pulled by every node. The pull secret belongs in `--authfile` when building, and build secrets in `RUN --mount=type=secret`.',
    source: 'openshift-docs coreos-layering-configuring.adoc; BuildKit SecretsUsedInArgOrEnv; hadolint DL3064',
    fixable: false,
    examples: {
      bad: `ARG PULL_SECRET
FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
# podman build --authfile ~/.pull-secret.json …`,
      fix: 'Build with `--authfile`; use `RUN --mount=type=secret` for build secrets.',
    },
  },
  check(model, ctx) {
    for (const inst of model.instructions) {
      const kw = inst.keyword;
      if (kw !== 'ARG' && kw !== 'ENV') continue;
      for (const prop of inst.props()) {
        const name = prop.name;
        const value = prop.value ?? '';
        const looksSecret = (SECRET.test(name) && !ALLOW.test(name)) || (value.includes('"auths"') && /"auths"\s*:/.test(value));
        if (!looksSecret) continue;
        ctx.report({
          at: [prop.nameStart, prop.nameEnd],
          message: `${kw} ${name} looks like a secret, and ${kw} values stay in the image history: pass the pull secret with \`--authfile\` and build secrets with \`RUN --mount=type=secret\`.`,
        });
      }
    }
  },
};

import type { Rule } from '../../engine/types';
import type { ContainerfileModel } from '../model';
import type { PropertyInstruction } from 'dockerfile-ast';

const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export const secretInArgEnv: Rule<ContainerfileModel> = {
  meta: {
    id: 'secret-in-arg-env',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Secret passed through ARG or ENV',
    why: 'ARG and ENV values are kept in the image history and metadata, and the layered image is pulled by every node. The pull secret belongs in `--authfile` when building, and build secrets in `RUN --mount=type=secret`.',
    source: 'openshift-docs coreos-layering-configuring.adoc; BuildKit SecretsUsedInArgOrEnv; hadolint DL3064',
    fixable: false,
  },
  check(model, ctx) {
    for (const inst of model.instructions) {
      const kw = inst.getKeyword();
      if (kw !== 'ARG' && kw !== 'ENV') continue;
      for (const prop of (inst as PropertyInstruction).getProperties()) {
        const name = prop.getName();
        const value = prop.getValue() ?? '';
        const looksSecret = (SECRET.test(name) && !ALLOW.test(name)) || /"auths"\s*:/.test(value);
        if (!looksSecret) continue;
        ctx.report({
          range: prop.getNameRange(),
          message: `${kw} ${name} looks like a secret, and ${kw} values stay in the image history: pass the pull secret with \`--authfile\` and build secrets with \`RUN --mount=type=secret\`.`,
        });
      }
    }
  },
};

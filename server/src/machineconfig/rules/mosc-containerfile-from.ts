import type { MachineConfigRule } from '../rule';
import { rangeAt } from '../model';
import { containerFiles, owned } from '../queries';

export const moscContainerfileFrom: MachineConfigRule = {
  meta: {
    id: 'mosc-containerfile-from',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig Containerfile must start `FROM configs AS final`',
    why: 'MCO builds its own stages (`configs` holds the rendered MachineConfig) and appends your Containerfile. It must build on them with `FROM configs AS final`, and that stage must be the last.',
    source: 'MCO docs/onclusterlayering-quickstart.md; Containerfile.on-cluster-build-template',
    fixable: false,
    examples: {
      bad: `      content: |
        FROM quay.io/fedora/fedora-coreos:stable
        RUN dnf install -y tree`,
      good: `      content: |
        FROM configs AS final
        RUN dnf install -y tree && dnf clean all && ostree container commit`,
      fix: 'Start with `FROM configs AS final` and keep `final` the last stage. The Containerfile rules also lint this content, at its place in the YAML.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      for (const c of containerFiles(d)) {
        const first =
          c.content
            .split('\n')
            .map((l) => l.trim())
            .find((l) => l && !l.startsWith('#')) ?? '';
        const finals = c.content.split('\n').filter((l) => /^\s*FROM\s/i.test(l));
        const lastFrom = finals.at(-1) ?? '';
        if (/^FROM\s+configs\s+AS\s+final$/i.test(first) && /\bAS\s+final\s*$/i.test(lastFrom)) continue;
        ctx.report({
          range: rangeAt(model, d, ['spec', 'containerFile', c.index, 'content'], { key: true }),
          message: `The on-cluster Containerfile must start with \`FROM configs AS final\`${first ? ` (it starts with \`${first.slice(0, 60)}\`)` : ''}, and \`final\` must be the last stage.`,
        });
      }
    }
  },
};

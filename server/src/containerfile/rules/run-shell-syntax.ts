import type { ContainerfileRule } from '../rule';

export const runShellSyntax: ContainerfileRule = {
  meta: {
    id: 'run-shell-syntax',
    kind: 'containerfile',
    severity: 'error',
    title: 'Shell syntax error in RUN',
    why: 'RUN lines are run by /bin/sh. A syntax error fails the build at that step, after all the steps before it have run.',
    source: 'shell grammar (mvdan/sh parser)',
    fixable: false,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN echo 'unterminated`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN echo 'terminated'`,
      fix: 'Fix the quoting, the `\\` continuation or the unclosed `if`/`do`.',
    },
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        const err = run.script.error;
        if (!err) continue;
        const at = err.offset + run.base;
        const lineEnd = model.index.offsetAt({ line: model.index.positionAt(at).line, character: Number.MAX_SAFE_INTEGER });
        ctx.report({
          at: [at, Math.max(at + 1, Math.min(lineEnd, run.end))],
          message: `Shell syntax error in RUN: ${err.message}. Fix the quoting or the line continuation here.`,
        });
      }
    }
  },
};

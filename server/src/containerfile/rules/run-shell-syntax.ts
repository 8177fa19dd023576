import type { Rule } from '../../core/types';
import type { ContainerfileModel } from '../model';
import { runRange } from '../model';

export const runShellSyntax: Rule<ContainerfileModel> = {
  meta: {
    id: 'run-shell-syntax',
    kind: 'containerfile',
    severity: 'error',
    title: 'Shell syntax error in RUN',
    why: 'RUN lines are run by /bin/sh. A syntax error fails the build at that step, after all the steps before it have run.',
    source: 'shell grammar (mvdan/sh parser)',
    fixable: false,
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      for (const run of stage.runs) {
        const err = run.script.error;
        if (!err) continue;
        const at = model.index.offsetAt(runRange(model, run, err.offset, err.offset).start);
        const lineEnd = model.index.offsetAt({ line: model.index.positionAt(at).line, character: Number.MAX_SAFE_INTEGER });
        ctx.report({
          range: model.index.range(at, Math.max(at + 1, Math.min(lineEnd, run.end))),
          message: `Shell syntax error in RUN: ${err.message}. Fix the quoting or the line continuation here.`,
        });
      }
    }
  },
};

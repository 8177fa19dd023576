import type { ContainerfileRule } from '../rule';
import type { RunModel } from '../model';

export const runShellSyntax: ContainerfileRule = {
  meta: {
    id: 'run-shell-syntax',
    kind: 'containerfile',
    severity: 'error',
    title: 'Shell syntax error in RUN',
    why: 'RUN lines are run by /bin/sh. A syntax error fails the build at that step, after all the steps before it have run.',
    source:
      'shell grammar (mvdan/sh parser); here-documents as moby/buildkit frontend/dockerfile/parser/parser.go (heredocsFromLine, ' +
      'ParseHeredoc) and dockerfile2llb dispatchRun hand them to the shell',
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
          message: `Shell syntax error in RUN: ${err.message}. ${advice(err.message, run)}`,
        });
      }
    }
  },
};

/** What to do; for here-documents, what the Dockerfile parser made of the marker. */
function advice(message: string, run: RunModel): string {
  if (message.startsWith('unclosed here-document')) {
    const open = run.inst.heredocs().find((h) => h.delimStart === null);
    if (open) return `The file ends before the here-document's terminator line \`${open.name}\`: add it on a line of its own.`;
    if (run.inst.heredocs().length === 0)
      return 'The Dockerfile parser reads a here-document only where `<<` starts a word (`cat <<EOF`, not `cat<<EOF`): the lines after this one are not its body.';
  }
  return 'Fix the quoting or the line continuation here.';
}

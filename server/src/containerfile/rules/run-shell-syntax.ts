import type { ContainerfileRule } from '../rule';
import type { RunModel } from '../model';

export const runShellSyntax: ContainerfileRule = {
  meta: {
    id: 'run-shell-syntax',
    kind: 'containerfile',
    severity: 'error',
    title: 'Shell syntax error in RUN',
    why:
      'RUN lines are run by /bin/sh. A syntax error fails the build at that step, after all the steps before it have run. In a ' +
      '`RUN <<EOF` script the shell reads comment lines too: one inside a `\\` continuation ends the command, and the lines ' +
      'after it run as a command of their own.',
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
        if (run.heredoc) for (const c of commentInContinuation(run.script.src)) ctx.report({ run, at: c.at, message: c.message });
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

/**
 * In a `RUN <<EOF` script the shell reads every line: unlike the Dockerfile parser, it does not drop a
 * comment line inside a `\` continuation. The `#` comments out the rest of the line, its own `\` too, so
 * the command ends there and the lines after it run as a command of their own.
 */
function commentInContinuation(src: string): { at: [number, number]; message: string }[] {
  const out: { at: [number, number]; message: string }[] = [];
  const lines = src.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = i > 0 ? lines[i - 1]! : '';
    const next = lines[i + 1]?.trim() ?? '';
    const comment = /^[ \t]*#/.exec(line);
    if (comment && !/^[ \t]*#/.test(prev) && /(^|[^\\])(\\\\)*\\[ \t]*$/.test(prev) && /\\[ \t]*$/.test(line) && next !== '') {
      const start = offset + comment[0].length - 1;
      out.push({
        at: [start, offset + line.trimEnd().length],
        message:
          'This comment ends the command continued on the line before: in a here-document script the shell reads it (only the ' +
          'Dockerfile parser drops comment lines), so `#` comments out its own `\\` and the lines after it run as a command of ' +
          'their own. Move the comment above the command.',
      });
    }
    offset += line.length + 1;
  }
  return out;
}

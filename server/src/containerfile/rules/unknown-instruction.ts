import type { ContainerfileRule, OffsetFix } from '../rule';
import type { ContainerfileModel, Inst } from '../model';
import { nearest } from '../../core/nearest';

/** moby/buildkit frontend/dockerfile/command/command.go: the instructions the parser dispatches. */
const INSTRUCTIONS = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];
const KNOWN = new Set(INSTRUCTIONS);

export const unknownInstruction: ContainerfileRule = {
  meta: {
    id: 'unknown-instruction',
    kind: 'containerfile',
    severity: 'error',
    title: 'Line that is not a Dockerfile instruction',
    why:
      'Every line outside a continuation or here-document must start with an instruction. A `\\` followed by a comment ' +
      '(`dnf install -y a \\ # note`) does not continue the line: only blanks may follow the `\\`. The lines after it are ' +
      'read as instructions of their own, and buildah and BuildKit stop the build there with "unknown instruction".',
    source:
      'moby/buildkit frontend/dockerfile/parser/parser.go (line continuation regex `\\\\[ \\t]*$`) and instructions/parse.go ' +
      '(UnknownInstructionError "unknown instruction: %s"); containers/buildah imagebuildah/stage_executor.go ' +
      'UnrecognizedInstruction ("Unknown instruction: %q"); openshift/imagebuilder dockerfile/parser/parser.go',
    fixable: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN dnf install -y tmux \\ # a terminal multiplexer
    && dnf clean all && bootc container lint`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
# tmux: a terminal multiplexer
RUN dnf install -y tmux \\
    && dnf clean all && bootc container lint`,
      fix:
        'Quick fix: *Move the comment to its own line*, after the `\\` (a comment line inside a continuation is dropped by the ' +
        'parser); when the line before an indented line lacks its `\\`: *End the line before with `\\`*.',
    },
  },
  check(model, ctx) {
    let known: Inst | null = null;
    let first = true;
    for (const inst of model.instructions) {
      // dockerfile-ast gives keywords in upper case.
      if (KNOWN.has(inst.keyword)) {
        known = inst;
        first = true;
        continue;
      }
      // The lines a broken continuation or a missed here-document leave behind are reported against their cause.
      const word = model.text.slice(inst.start, inst.keywordEnd);
      const broken = known ? brokenContinuation(model, known) : null;
      const glued = known && !broken ? gluedHeredoc(model, known) : null;
      // An indented line right after an instruction: the line before lacks its `\`.
      const unescaped =
        first &&
        known &&
        !broken &&
        !glued &&
        known.heredocs().length === 0 &&
        /^[ \t]/.test(model.index.lineText(model.index.positionAt(inst.start).line));
      const guess = /^[A-Za-z]{4,}$/.test(word) ? nearest(word.toUpperCase(), INSTRUCTIONS, 2) : null;
      const why = broken
        ? ` The \`\\\` at the end of line ${broken.line + 1} is followed by a comment, so it does not continue that line and ` +
          `this line is read as an instruction: move the comment to its own line.`
        : glued
          ? ` The Dockerfile parser reads a here-document only where \`<<\` starts a word, so \`${glued}\` on line ` +
            `${model.index.positionAt(known!.start).line + 1} opens none and its body is read as instructions: put a blank before \`<<\`.`
          : unescaped
            ? ` The line before does not end with \`\\\`, so the ${known!.keyword} ends there and this indented line is read as ` +
              `an instruction: end the line before with \`\\\`.`
            : guess
              ? ` Did you mean \`${guess}\`?`
              : ' Every line outside a continuation or here-document must start with an instruction.';
      ctx.report({
        at: [inst.start, inst.keywordEnd],
        message: `unknown instruction: ${word} (buildah: Unknown instruction: "${word.toUpperCase()}").${why}`,
        fixes: broken && first ? [moveComment(model, broken, inst)] : unescaped ? [addBackslash(model, known!)] : undefined,
      });
      first = false;
    }
  },
};

/** `cat<<EOF` in the RUN/COPY/ADD before: a marker the parser does not see, so its body lines follow as instructions. */
function gluedHeredoc(model: ContainerfileModel, prev: Inst): string | null {
  if (prev.heredocs().length > 0 || !/^(RUN|COPY|ADD)$/.test(prev.keyword)) return null;
  const m = /(?:^|\s)([^\s<]+<<-?\s*["']?[A-Za-z_][\w.-]*["']?)/.exec(model.text.slice(prev.start, prev.end));
  return m ? m[1]! : null;
}

interface Broken {
  line: number;
  /** Offset of the `\`, and the comment after it up to the end of its line. */
  backslash: number;
  comment: string;
  commentEnd: number;
}

/** The last line of `prev` ends in `\` followed by blanks and a `# comment`. */
function brokenContinuation(model: ContainerfileModel, prev: Inst): Broken | null {
  const pos = model.index.positionAt(prev.end);
  const lineStart = model.index.offsetAt({ line: pos.line, character: 0 });
  const text = model.index.lineText(pos.line);
  const m = /\\[ \t]+(#.*?)[ \t]*$/.exec(text);
  if (!m) return null;
  return { line: pos.line, backslash: lineStart + m.index, comment: m[1]!, commentEnd: lineStart + m.index + m[0].length };
}

function moveComment(model: ContainerfileModel, b: Broken, next: Inst): OffsetFix {
  const nextLine = model.index.positionAt(next.start).line;
  const indent = /^[ \t]*/.exec(model.index.lineText(nextLine))![0];
  return {
    title: 'Move the comment to its own line',
    edits: [{ at: [b.backslash, b.commentEnd], newText: `\\\n${indent}${b.comment}` }],
  };
}

function addBackslash(model: ContainerfileModel, prev: Inst): OffsetFix {
  const line = model.index.positionAt(prev.end).line;
  const end = model.index.offsetAt({ line, character: 0 }) + model.index.lineText(line).trimEnd().length;
  return { title: 'End the line before with `\\`', edits: [{ at: [end, end], newText: ' \\' }] };
}

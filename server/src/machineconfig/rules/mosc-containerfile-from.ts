import { isScalar } from 'yaml';
import type { Range } from '../../core/types';
import type { MachineConfigRule } from '../rule';
import { nodeAt, rangeAt, YamlDoc, YamlModel } from '../model';
import { containerFiles, owned } from '../queries';

export const moscContainerfileFrom: MachineConfigRule = {
  meta: {
    id: 'mosc-containerfile-from',
    kind: 'yaml',
    severity: 'error',
    title: 'The last stage of a MachineOSConfig Containerfile must be `FROM configs AS final`',
    why:
      "MCO builds its own stages first (`configs` is the cluster's OS image with the rendered MachineConfig), appends your " +
      'Containerfile and ships the last stage. A last stage that is not `FROM configs AS final` builds an image without the ' +
      'MachineConfig, and MCO does not check it. Builder stages before it are allowed ("Multiple build stages are allowed"); ' +
      'they must not take the names `configs` or `final`.',
    source:
      'MCO docs/onclusterlayering-quickstart.md ("Multiple build stages are allowed … it must be the last image in the build"); ' +
      'MCO pkg/controller/build/buildrequest/assets/Containerfile.on-cluster-build-template; shared/domain CURRENT.md §1.2 and §7.3',
    fixable: false,
    examples: {
      bad: `      content: |
        FROM configs AS final
        RUN dnf install -y tree && dnf clean all
        FROM quay.io/fedora/fedora-coreos:stable`,
      good: `      content: |
        FROM registry.access.redhat.com/ubi9/ubi:latest AS builder
        RUN dnf install -y golang && go build -o /mytool ./cmd/mytool
        FROM configs AS final
        COPY --from=builder /mytool /usr/bin/mytool
        RUN bootc container lint`,
      fix:
        'End the Containerfile with the `FROM configs AS final` stage; put builder stages before it, ' +
        'under other names. The Containerfile rules also lint this content, at its place in the YAML.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      for (const c of containerFiles(d)) {
        const path = c.path;
        const keyRange = rangeAt(model, d, path, { key: true });
        const froms = fromLines(c.content);
        const at = (f: FromLine) => lineRange(model, d, path, f) ?? keyRange;
        const last = froms.at(-1);
        if (!last) {
          ctx.report({
            range: keyRange,
            message: 'The on-cluster Containerfile has no `FROM`: its last stage must be `FROM configs AS final`.',
          });
          continue;
        }
        for (const f of froms.slice(0, -1)) {
          const name = f.stage?.toLowerCase();
          if (isFinal(f)) continue; // reported below: it is not last
          if (name === 'configs' || name === 'final')
            ctx.report({
              range: at(f),
              message:
                `\`${name}\` is the name of MCO's ${name === 'configs' ? 'stage with the rendered MachineConfig' : 'last stage'}, ` +
                `and only the last stage may use it: rename this builder stage and keep \`FROM configs AS final\` ` +
                `last.`,
            });
        }
        if (isFinal(last)) continue;
        const earlier = froms.slice(0, -1).some(isFinal);
        ctx.report({
          range: at(last),
          message:
            `The last stage of the on-cluster Containerfile is \`${last.text.slice(0, 80)}\`, so MCO ships an image without the ` +
            `rendered MachineConfig: ${earlier ? MOVE_FINAL : END_WITH_FINAL} (builder stages may come before it).`,
        });
      }
    }
  },
};

const MOVE_FINAL = 'move the `FROM configs AS final` stage to the end';
const END_WITH_FINAL = 'end with a `FROM configs AS final` stage';

const isFinal = (f: FromLine) => f.image.toLowerCase() === 'configs' && f.stage?.toLowerCase() === 'final';

interface FromLine {
  /** 0-based line in the content, and the columns of the instruction on it. */
  line: number;
  start: number;
  end: number;
  text: string;
  image: string;
  stage: string | null;
}

/** FROM instructions of a Containerfile: continuation lines joined, comment lines and heredoc bodies skipped. */
function fromLines(content: string): FromLine[] {
  const lines = content.split('\n');
  const out: FromLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    if (/^\s*(#|$)/.test(first)) continue;
    const startLine = i;
    let joined = first.replace(/\r$/, '');
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      joined = joined.replace(/\\\s*$/, ' ');
      i++;
      if (/^\s*#/.test(lines[i]!)) continue;
      joined += lines[i]!.replace(/\r$/, '');
    }
    // A heredoc's body is not instructions: skip to its closing marker.
    for (const m of joined.matchAll(/<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) {
      const strip = m[0].startsWith('<<-');
      while (i + 1 < lines.length && (strip ? lines[i + 1]!.replace(/^\t+/, '') : lines[i + 1]!).replace(/\r$/, '') !== m[2]) i++;
      i++;
    }
    const words = joined.trim().split(/\s+/);
    if (words[0]!.toUpperCase() !== 'FROM') continue;
    const args = words.slice(1).filter((w) => !w.startsWith('--'));
    const asAt = args.findIndex((w) => w.toUpperCase() === 'AS');
    out.push({
      line: startLine,
      start: first.length - first.trimStart().length,
      end: first.trimEnd().length,
      text: joined.trim().replace(/\s+/g, ' '),
      image: args[0] ?? '',
      stage: asAt >= 0 ? (args[asAt + 1] ?? null) : null,
    });
  }
  return out;
}

/** The YAML range of a content line, when the content is a literal block (`|`) whose lines map one to one. */
function lineRange(model: YamlModel, d: YamlDoc, path: (string | number)[], f: FromLine): Range | null {
  const node = nodeAt(d.doc, path);
  if (!isScalar(node) || !node.range || node.type !== 'BLOCK_LITERAL') return null;
  const header = model.index.positionAt(node.range[0]).line;
  const line = header + 1 + f.line;
  const text = model.index.lineText(line);
  const indent = text.length - text.trimStart().length;
  return { start: { line, character: indent }, end: { line, character: text.trimEnd().length } };
}

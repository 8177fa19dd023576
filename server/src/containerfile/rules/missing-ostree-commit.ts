import type { ContainerfileRule, OffsetFix } from '../rule';
import type { ContainerfileModel, RunModel } from '../model';
import { describe, isOstreeCommit, isReadOnly, isReadOnlyRun } from '../queries';
import type { Command } from '../shell';

export const missingOstreeCommit: ContainerfileRule = {
  meta: {
    id: 'missing-ostree-commit',
    kind: 'containerfile',
    severity: 'error',
    title: 'The last RUN that changes the OS must end with `ostree container commit`',
    why: '`ostree container commit` cleans /tmp, /var/tmp and /var/cache and checks the layer is valid for an ostree-based system. The RHCOS layering docs end every filesystem-changing RUN with `&& ostree container commit`; without it the image may fail to deploy on the nodes.',
    source: 'openshift-docs coreos-layering.adoc; coreos/rpm-ostree docs/container.md; ostree-rs-ext lib/src/commit.rs',
    fixable: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install tree && rpm-ostree cleanup -m`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install tree && \\
    rpm-ostree cleanup -m && \\
    ostree container commit`,
      fix: 'Quick fix: *Append `&& ostree container commit`*. Join the commit with `&&` (not `;`), keep it last, and do not let it be swallowed as arguments by a missing `&&`.',
    },
  },
  check(model, ctx) {
    const run = [...model.osRuns].reverse().find((r) => !r.script.error && !isReadOnlyRun(r) && r.script.commands.length > 0);
    if (!run) return;
    const top = run.script.statements;
    const commits = run.script.commands.filter((c) => !c.nested && isOstreeCommit(c));
    const keyword = [run.inst.start, run.inst.keywordEnd] as const;

    if (commits.length === 0) {
      const swallowed = swallowedCommit(run.script.commands);
      if (swallowed) {
        const { cmd, at } = swallowed;
        ctx.report({
          run,
          at: [cmd.words[at]!.start, cmd.words[at + 2]!.end],
          message: `\`ostree container commit\` is read as arguments of \`${describe(cmd)}\`, so it never runs: put \`&&\` before it.`,
          fixes: [
            {
              title: 'Insert `&&` before `ostree container commit`',
              edits: [{ at: [cmd.words[at]!.start, cmd.words[at]!.start], newText: '&& ' }],
            },
          ],
        });
        return;
      }
      ctx.report({
        at: keyword,
        message: 'The last RUN that changes the OS does not end with `ostree container commit`: append `&& ostree container commit`.',
        fixes: appendFix(model, run),
      });
      return;
    }

    const last = top[top.length - 1];
    if (!last) return;
    const lastCommitIdx = findLastCommitLink(top);
    const after = lastCommitIdx ? laterCommands(top, lastCommitIdx) : [];
    const writesAfter = after.filter((c) => !isReadOnly(c));
    const commit = commits[commits.length - 1]!;
    if (writesAfter.length > 0) {
      ctx.report({
        run,
        at: [commit.start, commit.end],
        message: `\`${describe(writesAfter[0]!)}\` runs after \`ostree container commit\`, so its changes are not committed: make the commit the last command of the RUN.`,
      });
      return;
    }
    if (!lastCommitIdx) return;
    const [si, li] = lastCommitIdx;
    const stmt = top[si]!;
    const link = stmt.links[li]!;
    if (li > 0 && link.op !== '&&') {
      ctx.report({
        run,
        at: [commit.start, commit.end],
        message: `\`ostree container commit\` is joined with \`${link.op}\`, so it does not run only after the commands before it succeed: join it with \`&&\`.`,
      });
      return;
    }
    if (li === 0 && si > 0 && !run.script.errexit) {
      const prev = top[si - 1]!.links.at(-1)?.command;
      const sep = run.heredoc ? 'a new line' : '`;`';
      ctx.report({
        run,
        at: [commit.start, commit.end],
        message: `${sep} before \`ostree container commit\` ignores a failure of \`${prev ? describe(prev) : 'the command before it'}\` and commits anyway: join them with \`&&\`${run.heredoc ? ' or start the script with `set -e`' : ''}.`,
      });
    }
  },
};

/** `rpm-ostree install foo \ ostree container commit` without `&&`: the commit words are arguments. */
function swallowedCommit(commands: Command[]): { cmd: Command; at: number } | null {
  for (const cmd of commands) {
    const w = cmd.words;
    for (let i = 1; i + 2 < w.length; i++) {
      if (w[i]!.value === 'ostree' && w[i + 1]!.value === 'container' && w[i + 2]!.value === 'commit') return { cmd, at: i };
    }
  }
  return null;
}

function findLastCommitLink(top: RunModel['script']['statements']): [number, number] | null {
  for (let s = top.length - 1; s >= 0; s--) {
    const links = top[s]!.links;
    for (let l = links.length - 1; l >= 0; l--) if (links[l]!.command && isOstreeCommit(links[l]!.command!)) return [s, l];
  }
  return null;
}

function laterCommands(top: RunModel['script']['statements'], [si, li]: [number, number]): Command[] {
  const out: Command[] = [];
  for (let s = si; s < top.length; s++) {
    const links = top[s]!.links;
    for (let l = s === si ? li + 1 : 0; l < links.length; l++) {
      const c = links[l]!.command;
      if (c) out.push(c);
      else
        out.push({
          words: [{ value: '(compound command)', dynamic: true, unquotedBraces: false, start: links[l]!.start, end: links[l]!.end }],
          redirects: [],
          start: links[l]!.start,
          end: links[l]!.end,
          nested: false,
        });
    }
  }
  return out;
}

function appendFix(model: ContainerfileModel, run: RunModel): OffsetFix[] {
  if (run.exec) return [];
  if (run.heredoc) {
    if (run.delimStart === null) return [];
    const at = run.delimStart;
    return [
      { title: 'Add `ostree container commit` at the end of the script', edits: [{ at: [at, at], newText: 'ostree container commit\n' }] },
    ];
  }
  // Append after the last statement (before any trailing comment or whitespace).
  const statements = run.script.statements;
  const endInScript = statements.length ? statements[statements.length - 1]!.end : 0;
  const lastStmtText = model.text.slice(run.base, run.base + endInScript);
  const semi = /;\s*$/.exec(lastStmtText);
  const at = run.base + (semi ? semi.index : endInScript);
  return [{ title: 'Append `&& ostree container commit`', edits: [{ at: [at, at], newText: ' && ostree container commit' }] }];
}

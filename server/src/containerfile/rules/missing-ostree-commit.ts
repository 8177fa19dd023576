import type { ContainerfileRule, OffsetFix } from '../rule';
import type { ContainerfileModel, RunModel } from '../model';
import { describe, endsOsStage, isBootcLint, isReadOnly, isReadOnlyRun } from '../queries';
import type { Command } from '../shell';
import type { OcpVersion, Severity } from '../../core/types';
import { atMost, formatVersion, judgedVersion } from '../../core/version';

const COMMIT = 'ostree container commit';
const LINT = 'bootc container lint';

export const missingOstreeCommit: ContainerfileRule = {
  meta: {
    id: 'missing-ostree-commit',
    kind: 'containerfile',
    severity: 'warning',
    title: 'The last RUN that changes the OS must end with `ostree container commit` or `bootc container lint`',
    why:
      'Up to 4.15 the image only deploys when each layer is clean for ostree: `ostree container commit` removes /tmp, /var/tmp and ' +
      '/var/cache content and checks the layer, so a missing commit is an error. From 4.16 (ostree-ext 0.13) the node tolerates /var ' +
      'content and cleans up by itself, so the image deploys without it; the command is still the build-time check the docs end every ' +
      'example with (`ostree container commit` up to 4.18, `bootc container lint` from 4.19), and leaving it out is a warning. Either ' +
      'command ends the stage in every version.',
    source:
      'openshift-docs machine_configuration/mco-coreos-layering.adoc (4.19+ examples end with ' +
      '`bootc container lint`, openshift-docs#96758, ' +
      'OCPBUGS-59846); modules/coreos-layering-configuring.adoc (4.12–4.18 examples end with `ostree container commit`); ' +
      'MCO Containerfile.on-cluster-build-template (still `ostree container commit`); shared/domain ' +
      'CURRENT.md §5 and §7.2; ostree-rs-ext lib/src/commit.rs',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN dnf install -y tree && dnf clean all`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN dnf install -y tree && \\
    dnf clean all && \\
    bootc container lint`,
      fix:
        'Quick fixes: *Append `&& bootc container lint`* and *Append `&& ostree container commit`*, the one the docs of your version ' +
        'use first (commit up to 4.18, lint from 4.19; the newest reading when `rhcosLayering.ocpVersion` is unset). Error up to 4.15, ' +
        'where a layer with /var content fails to deploy; warning from 4.16, where it deploys but the build-time check is missing. ' +
        'Join the command with `&&` (not `;`), keep it last, and do not let a missing `&&` swallow it as arguments. A separate ' +
        'last `RUN bootc container lint` also counts.',
    },
  },
  check(model, ctx) {
    const run = [...model.osRuns].reverse().find((r) => !r.script.error && !isReadOnlyRun(r) && r.script.commands.length > 0);
    if (!run) return;
    const { v } = judgedVersion(
      ctx.ocp,
      model.stages.some((s) => s.isOS && s.from.onCluster),
    );
    const severity: Severity = atMost(v, 4, 15) ? 'error' : 'warning';
    const preferred = atMost(v, 4, 18) ? COMMIT : LINT;
    const top = run.script.statements;
    const ends = run.script.commands.filter((c) => !c.nested && endsOsStage(c));
    const keyword = [run.inst.start, run.inst.keywordEnd] as const;

    if (ends.length === 0) {
      // `RUN bootc container lint` on its own after the last change lints the whole image.
      const later = model.osRuns.slice(model.osRuns.indexOf(run) + 1);
      if (later.some((r) => r.script.commands.some((c) => !c.nested && isBootcLint(c)))) return;
      const swallowed = swallowedEnd(run.script.commands);
      if (swallowed) {
        const { cmd, at, name } = swallowed;
        ctx.report({
          run,
          severity,
          at: [cmd.words[at]!.start, cmd.words[at + 2]!.end],
          message: `\`${name}\` is read as arguments of \`${describe(cmd)}\`, so it never runs: put \`&&\` before it.`,
          fixes: [
            { title: `Insert \`&&\` before \`${name}\``, edits: [{ at: [cmd.words[at]!.start, cmd.words[at]!.start], newText: '&& ' }] },
          ],
        });
        return;
      }
      ctx.report({
        at: keyword,
        severity,
        message:
          `The last RUN that changes the OS does not end with \`${preferred}\`${versionNote(v, ctx.ocp)}: ` + `append \`&& ${preferred}\`.`,
        fixes: appendFixes(model, run, preferred),
      });
      return;
    }

    const last = top[top.length - 1];
    if (!last) return;
    const lastEndIdx = findLastEndLink(top);
    const after = lastEndIdx ? laterCommands(top, lastEndIdx) : [];
    const writesAfter = after.filter((c) => !isReadOnly(c));
    const end = ends[ends.length - 1]!;
    const name = isBootcLint(end) ? LINT : COMMIT;
    if (writesAfter.length > 0) {
      const consequence = name === COMMIT ? 'its changes are not committed' : 'the lint does not check its changes';
      ctx.report({
        run,
        severity,
        at: [end.start, end.end],
        message:
          `\`${describe(writesAfter[0]!)}\` runs after \`${name}\`, so ${consequence}: make \`${name}\` ` + `the last command of the RUN.`,
      });
      return;
    }
    if (!lastEndIdx) return;
    const [si, li] = lastEndIdx;
    const stmt = top[si]!;
    const link = stmt.links[li]!;
    if (li > 0 && link.op !== '&&') {
      ctx.report({
        run,
        severity,
        at: [end.start, end.end],
        message:
          `\`${name}\` is joined with \`${link.op}\`, so it does not run only after the commands before ` +
          `it succeed: join it with \`&&\`.`,
      });
      return;
    }
    if (li === 0 && si > 0 && !run.script.errexit) {
      const prev = top[si - 1]!.links.at(-1)?.command;
      const sep = run.heredoc ? 'a new line' : '`;`';
      ctx.report({
        run,
        severity,
        at: [end.start, end.end],
        message:
          `${sep} before \`${name}\` ignores a failure of \`${prev ? describe(prev) : 'the command before it'}\` and ` +
          `${name === COMMIT ? 'commits' : 'passes'} anyway: join them with \`&&\`` +
          `${run.heredoc ? ' or start the script with `set -e`' : ''}.`,
      });
    }
  },
};

/** Which version the message speaks for, when the rule's advice depends on it. */
function versionNote(v: OcpVersion, set: OcpVersion | null): string {
  return set ? ` (OpenShift ${formatVersion(v)})` : ' (no OpenShift version set: the newest is assumed)';
}

/** `rpm-ostree install foo \ ostree container commit` without `&&`: the command's words are arguments. */
function swallowedEnd(commands: Command[]): { cmd: Command; at: number; name: string } | null {
  for (const cmd of commands) {
    const w = cmd.words;
    for (let i = 1; i + 2 < w.length; i++) {
      const three = `${w[i]!.value} ${w[i + 1]!.value} ${w[i + 2]!.value}`;
      if (three === COMMIT || three === LINT) return { cmd, at: i, name: three };
    }
  }
  return null;
}

function findLastEndLink(top: RunModel['script']['statements']): [number, number] | null {
  for (let s = top.length - 1; s >= 0; s--) {
    const links = top[s]!.links;
    for (let l = links.length - 1; l >= 0; l--) if (links[l]!.command && endsOsStage(links[l]!.command!)) return [s, l];
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

/** Both endings, the version's preferred one first. */
function appendFixes(model: ContainerfileModel, run: RunModel, preferred: string): OffsetFix[] {
  const order = preferred === COMMIT ? [COMMIT, LINT] : [LINT, COMMIT];
  return order.flatMap((name) => appendFix(model, run, name));
}

function appendFix(model: ContainerfileModel, run: RunModel, name: string): OffsetFix[] {
  if (run.exec) return [];
  if (run.heredoc) {
    if (run.delimStart === null) return [];
    const at = run.delimStart;
    return [{ title: `Add \`${name}\` at the end of the script`, edits: [{ at: [at, at], newText: `${name}\n` }] }];
  }
  // Append after the last statement (before any trailing comment or whitespace).
  const statements = run.script.statements;
  const endInScript = statements.length ? statements[statements.length - 1]!.end : 0;
  const lastStmtText = model.text.slice(run.base, run.base + endInScript);
  const semi = /;\s*$/.exec(lastStmtText);
  const at = run.base + (semi ? semi.index : endInScript);
  return [{ title: `Append \`&& ${name}\``, edits: [{ at: [at, at], newText: ` && ${name}` }] }];
}

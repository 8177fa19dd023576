import type { ContainerfileRule } from '../rule';
import { isOstreeCommit, program, rpmOstree } from '../queries';
import type { Command } from '../shell';

export const rpmOstreeNoCleanup: ContainerfileRule = {
  meta: {
    id: 'rpm-ostree-no-cleanup',
    kind: 'containerfile',
    severity: 'warning',
    title: '`rpm-ostree install` without `rpm-ostree cleanup -m`',
    why:
      'rpm-ostree downloads repository metadata into /var/cache. The documented layering examples run `rpm-ostree cleanup -m` in ' +
      'the same RUN so the metadata does not end up in the layer. `ostree container commit` later in the RUN counts too: it ' +
      "empties /var/cache (ostree-ext FORCE_CLEAN_PATHS), which is why Red Hat's own examples (rhcos-image-layering-examples, " +
      "MCO's on-cluster quickstart) end with it and no cleanup.",
    source:
      'openshift-docs coreos-layering.adoc examples; coreos/rpm-ostree rpmostree-builtin-cleanup.cxx; ostree-rs-ext lib/src/commit.rs ' +
      '(FORCE_CLEAN_PATHS: run, tmp, var/tmp, var/cache)',
    fixable: true,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install tree && bootc container lint`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN rpm-ostree install tree && rpm-ostree cleanup -m && ostree container commit`,
      fix: 'Quick fix: *Add `rpm-ostree cleanup -m`*. `rm -rf /var/cache` and a later `ostree container commit` in the same RUN count too.',
    },
  },
  checkRun(script, ctx) {
    const cmds = script.commands;
    for (let i = 0; i < cmds.length; i++) {
      const ro = rpmOstree(cmds[i]!);
      const verb = ro?.verb?.value;
      if (
        !ro ||
        !(verb === 'install' || verb === 'in' || (verb === 'override' && (ro.sub?.value === 'replace' || ro.sub?.value === 'remove')))
      )
        continue;
      if (cmds.slice(i + 1).some(cleansCache)) continue;
      const cmd = cmds[i]!;
      const last = ro.sub ?? ro.verb!;
      ctx.report({
        at: [cmd.words[program(cmd)!.at]!.start, last.end],
        message: `\`rpm-ostree ${verb}${ro.sub ? ' ' + ro.sub.value : ''}\` leaves repository metadata in /var/cache: add \`&& rpm-ostree cleanup -m\` after it in the same RUN.`,
        fixes: [{ title: 'Add `rpm-ostree cleanup -m`', edits: [{ at: [cmd.end, cmd.end], newText: ' && rpm-ostree cleanup -m' }] }],
      });
      return; // once per RUN
    }
  },
};

function cleansCache(cmd: Command): boolean {
  if (isOstreeCommit(cmd)) return true;
  const ro = rpmOstree(cmd);
  if (ro) return ro.verb?.value === 'cleanup' && ro.args.some((a) => a.value === '-m' || a.value === '--repomd');
  const p = program(cmd);
  if (!p || p.name !== 'rm') return false;
  const args = cmd.words.slice(p.at + 1);
  const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a.value) || a.value === '--recursive');
  return (
    recursive &&
    args.some(
      (a) => /^\/var\/cache(\/|\/\*)?$/.test(a.value) || /^\/var\/cache\/(rpm-ostree|dnf|yum)/.test(a.value) || a.value === '/var/*',
    )
  );
}

import type { ContainerfileRule } from '../rule';
import { isOstreeCommit, program } from '../queries';
import type { Command } from '../shell';

const DNF = new Set(['dnf', 'yum', 'microdnf', 'dnf5']);
/** dnf verbs that download repository metadata and packages into /var/cache. */
const FETCHING = new Set([
  'install',
  'in',
  'reinstall',
  'localinstall',
  'update',
  'upgrade',
  'up',
  'downgrade',
  'swap',
  'distro-sync',
  'groupinstall',
  'group',
  'module',
  'makecache',
]);
const VALUE_FLAGS = new Set(['--setopt', '--enablerepo', '--disablerepo', '--repo', '--releasever', '--installroot', '-x', '--exclude']);

export const dnfNoClean: ContainerfileRule = {
  meta: {
    id: 'dnf-no-clean',
    kind: 'containerfile',
    severity: 'warning',
    title: '`dnf install` without `dnf clean all`',
    why:
      'dnf downloads repository metadata and packages into /var/cache/dnf. Left there, they ship in the layer, and /var of an ' +
      'image is only copied to a node at its first boot. Every dnf example in the RHCOS image mode docs (4.16+) runs `dnf clean all` ' +
      'in the same RUN, as the rpm-ostree examples run `rpm-ostree cleanup -m`. `ostree container commit` later in the RUN counts ' +
      'too: it empties /var/cache (ostree-ext FORCE_CLEAN_PATHS); `bootc container lint` does not.',
    source:
      'openshift-docs machine_configuration/mco-coreos-layering.adoc examples (`dnf clean all && bootc container lint`); ' +
      'modules/coreos-layering-configuring-on.adoc (`dnf clean all && ostree container commit`); ostree-rs-ext lib/src/commit.rs ' +
      'FORCE_CLEAN_PATHS; shared/domain CURRENT.md §7.13',
    fixable: true,
    examples: {
      bad: `FROM configs AS final
RUN dnf install -y tree && bootc container lint`,
      good: `FROM configs AS final
RUN dnf install -y tree && dnf clean all && bootc container lint`,
      fix: 'Quick fix: *Add `dnf clean all`* after the last dnf command of the RUN. `rm -rf /var/cache/dnf` (or /var/cache) counts too.',
    },
  },
  checkRun(script, ctx) {
    const cmds = script.commands;
    const fetching = cmds.map((c) => fetchVerb(c));
    const first = fetching.findIndex((f) => f !== null);
    if (first < 0) return;
    const lastFetch = fetching.map((f, i) => (f ? i : -1)).reduce((a, b) => Math.max(a, b));
    if (cmds.slice(lastFetch + 1).some(cleans)) return;
    const { name, at, verb } = fetching[first]!;
    const cmd = cmds[first]!;
    const last = cmds[lastFetch]!;
    const tool = fetching[lastFetch]!.name;
    ctx.report({
      at: [cmd.words[at]!.start, verb.end],
      message: `\`${name} ${verb.value}\` leaves repository metadata and packages in /var/cache: add \`&& ${tool} clean all\` after the last dnf command of the RUN.`,
      fixes: [{ title: `Add \`${tool} clean all\``, edits: [{ at: [last.end, last.end], newText: ` && ${tool} clean all` }] }],
    });
  },
};

function fetchVerb(cmd: Command): { name: string; at: number; verb: Command['words'][number] } | null {
  const p = program(cmd);
  if (!p || !DNF.has(p.name)) return null;
  const rest = cmd.words.slice(p.at + 1);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w.value.startsWith('-')) {
      if (VALUE_FLAGS.has(w.value)) i++;
      continue;
    }
    return FETCHING.has(w.value) ? { name: p.name, at: p.at, verb: w } : null;
  }
  return null;
}

function cleans(cmd: Command): boolean {
  if (isOstreeCommit(cmd)) return true;
  const p = program(cmd);
  if (!p) return false;
  const args = cmd.words.slice(p.at + 1).map((w) => w.value);
  if (DNF.has(p.name)) return args.includes('clean') && args.some((a) => a === 'all' || a === 'packages' || a === 'metadata');
  if (p.name !== 'rm') return false;
  const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive');
  return recursive && args.some((a) => /^\/var\/cache(\/(\*|dnf|yum|libdnf5)?)?\/?(\*)?$/.test(a) || a === '/var/*');
}

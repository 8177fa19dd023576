/** Questions rules ask of a RUN's commands: which program, which rpm-ostree verb, which packages. */
import type { Command, Script, Word } from './shell';
import type { ContainerfileModel, RunModel } from './model';
import { expandBraces } from './braces';
import { parsePackageSpec, PackageSpec } from './packages';
import { memoByObject } from '../core/memo';

const WRAPPERS = new Set(['sudo', 'env', 'command', 'exec', 'time', 'nice', 'nohup', 'xargs']);

/** The program a command runs (basename), skipping wrappers like `sudo` and `env X=1`. */
export const program: (cmd: Command) => { name: string; at: number } | null = memoByObject(findProgram);

function findProgram(cmd: Command): { name: string; at: number } | null {
  for (let i = 0; i < cmd.words.length; i++) {
    const v = cmd.words[i]!.value;
    const base = v.split('/').pop() ?? v;
    if (WRAPPERS.has(base)) continue;
    if (i > 0 && (v.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(v))) continue;
    return { name: base, at: i };
  }
  return null;
}

export interface RpmOstreeCall {
  verb: Word | null;
  /** For `override` and `ex`: the subcommand word. */
  sub: Word | null;
  /** Words after the verb (and sub). */
  args: Word[];
}

const GLOBAL_VALUE_FLAGS = new Set(['--sysroot', '--os', '--peer-address']);

export const rpmOstree: (cmd: Command) => RpmOstreeCall | null = memoByObject(parseRpmOstree);

function parseRpmOstree(cmd: Command): RpmOstreeCall | null {
  const p = program(cmd);
  if (!p || p.name !== 'rpm-ostree') return null;
  const rest = cmd.words.slice(p.at + 1);
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-')) {
    if (GLOBAL_VALUE_FLAGS.has(rest[i]!.value)) i++;
    i++;
  }
  const verb = rest[i] ?? null;
  let sub: Word | null = null;
  let argsFrom = i + 1;
  if (verb && (verb.value === 'override' || verb.value === 'ex' || verb.value === 'db') && rest[i + 1]) {
    sub = rest[i + 1]!;
    argsFrom = i + 2;
  }
  return { verb, sub, args: rest.slice(argsFrom) };
}

export function isOstreeCommit(cmd: Command): boolean {
  const p = program(cmd);
  if (!p || p.name !== 'ostree') return false;
  const w = cmd.words.slice(p.at + 1).map((x) => x.value);
  return w[0] === 'container' && w[1] === 'commit';
}

/** `bootc container lint`: the 4.19+ docs end an OS stage with it instead of `ostree container commit` (OCPBUGS-59846). */
export function isBootcLint(cmd: Command): boolean {
  const p = program(cmd);
  if (!p || p.name !== 'bootc') return false;
  const w = cmd.words.slice(p.at + 1).map((x) => x.value);
  return w[0] === 'container' && w[1] === 'lint';
}

/** A command that ends an OS stage: `ostree container commit` or `bootc container lint`. */
export function endsOsStage(cmd: Command): boolean {
  return isOstreeCommit(cmd) || isBootcLint(cmd);
}

export interface Install {
  run: RunModel;
  cmd: Command;
  word: Word;
  pkg: PackageSpec;
  via: 'rpm-ostree install' | 'rpm-ostree override replace' | 'rpm-ostree override remove --install' | 'dnf' | 'yum' | 'rpm';
}

const VALUE_FLAGS = new Set([
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--releasever',
  '--from',
  '--installroot',
  '--setopt',
  '--exclude',
  '-x',
  '--sysroot',
  '--os',
  '--uninstall',
  '--remove',
  '--replace',
  '-c',
  '--config',
  '--nodeps-from',
  '--root',
  '--define',
  '--forcearch',
]);

/** Package operands of a list of words, with bash brace expansion applied. */
function operands(
  words: Word[],
  extra?: (w: Word, next: Word | undefined) => 'skip' | 'skip2' | Word | null,
): { word: Word; spec: string }[] {
  const out: { word: Word; spec: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (extra) {
      const r = extra(w, words[i + 1]);
      if (r === 'skip') continue;
      if (r === 'skip2') {
        i++;
        continue;
      }
      if (r) {
        pushExpanded(out, r);
        continue;
      }
    }
    if (w.value.startsWith('-')) {
      if (VALUE_FLAGS.has(w.value)) i++;
      continue;
    }
    pushExpanded(out, w);
  }
  return out;
}

function pushExpanded(out: { word: Word; spec: string }[], w: Word): void {
  const specs = w.unquotedBraces ? expandBraces(w.value) : [w.value];
  for (const spec of specs) if (spec) out.push({ word: w, spec });
}

/** What a script installs, cached per script. */
export const scriptInstallList: (script: Script) => CmdInstall[] = memoByObject((script: Script) =>
  script.commands.flatMap((cmd) => commandInstalls(cmd)),
);

/** What a RUN's script installs, cached per script. */
export function scriptInstalls(run: RunModel): Install[] {
  const list = scriptInstallList(run.script);
  return list.length === 0 ? [] : list.map((i) => ({ ...i, run }));
}

/** Everything the OS stages install, by any of rpm-ostree, dnf, yum or rpm. */
export const osInstalls: (model: ContainerfileModel) => Install[] = memoByObject((model: ContainerfileModel) =>
  model.osRuns.flatMap(scriptInstalls),
);

export type CmdInstall = Omit<Install, 'run'>;
/** What one command installs, cached per command (commands are shared by unchanged RUNs). */
export const commandInstalls: (cmd: Command) => CmdInstall[] = memoByObject((cmd: Command) => computeInstalls(cmd));

function computeInstalls(cmd: Command): CmdInstall[] {
  const out: CmdInstall[] = [];
  const add = (list: { word: Word; spec: string }[], via: Install['via']) => {
    for (const o of list) out.push({ cmd, word: o.word, pkg: parsePackageSpec(o.spec), via });
  };
  const ro = rpmOstree(cmd);
  if (ro && ro.verb) {
    const verb = ro.verb.value;
    if (verb === 'install' || verb === 'in') {
      add(operands(ro.sub ? [ro.sub, ...ro.args] : ro.args), 'rpm-ostree install');
    } else if (verb === 'override' && ro.sub?.value === 'replace') {
      add(operands(ro.args), 'rpm-ostree override replace');
    } else if (verb === 'override' && ro.sub?.value === 'remove') {
      const installs: { word: Word; spec: string }[] = [];
      operands(ro.args, (w, next) => {
        if (w.value === '--install' && next) {
          pushExpanded(installs, next);
          return 'skip2';
        }
        if (w.value.startsWith('--install=')) {
          const v = w.value.slice('--install='.length);
          pushExpanded(installs, { ...w, value: v, start: w.start + '--install='.length });
          return 'skip';
        }
        return null;
      });
      add(installs, 'rpm-ostree override remove --install');
    }
    return out;
  }
  const p = program(cmd);
  if (!p) return out;
  const rest = cmd.words.slice(p.at + 1);
  if (p.name === 'dnf' || p.name === 'yum' || p.name === 'microdnf' || p.name === 'dnf5') {
    const vi = rest.findIndex((w) => !w.value.startsWith('-'));
    const verb = rest[vi]?.value;
    if (verb && ['install', 'in', 'reinstall', 'localinstall', 'upgrade', 'update', 'downgrade'].includes(verb)) {
      add(operands(rest.slice(vi + 1)), p.name === 'yum' ? 'yum' : 'dnf');
    }
  } else if (p.name === 'rpm') {
    const installing = rest.some(
      (w) => /^-[a-zA-Z]*[iUF][a-zA-Z]*$/.test(w.value) || ['--install', '--upgrade', '--freshen', '--reinstall'].includes(w.value),
    );
    const query = rest.some((w) => /^-[a-zA-Z]*[qVe][a-zA-Z]*$/.test(w.value));
    if (installing && !query) add(operands(rest), 'rpm');
  }
  return out;
}

const READ_ONLY = new Set([
  'echo',
  'printf',
  'cat',
  'ls',
  'true',
  'false',
  'test',
  '[',
  '[[',
  ':',
  'grep',
  'egrep',
  'fgrep',
  'uname',
  'id',
  'whoami',
  'stat',
  'head',
  'tail',
  'wc',
  'pwd',
  'which',
  'type',
  'sleep',
  'df',
  'du',
  'lsinitrd',
  'date',
  'exit',
  'set',
  'file',
  'sha256sum',
  'md5sum',
  'tree',
  'readlink',
  'realpath',
  'basename',
  'dirname',
]);
const READ_ONLY_VERBS: Record<string, Set<string>> = {
  'rpm-ostree': new Set(['status', 'db', 'search', '--version', '--help']),
  bootc: new Set(['container', 'status', '--version']),
  systemctl: new Set(['is-enabled', 'is-active', 'status', 'list-unit-files', 'list-units', 'cat', 'show']),
  ostree: new Set(['--version', 'log', 'show', 'ls', 'refs']),
};

/** A command that leaves the filesystem as it was (no writes, no output redirected to a file). */
export function isReadOnly(cmd: Command): boolean {
  for (const r of cmd.redirects) {
    if (!r.op.includes('>')) continue;
    const t = r.target?.value ?? '';
    if (t !== '/dev/null' && !/^\d$/.test(t) && t !== '/dev/stderr' && t !== '/dev/stdout') return false;
  }
  const p = program(cmd);
  if (!p) return true;
  if (READ_ONLY.has(p.name)) return true;
  if (p.name === 'rpm')
    return cmd.words.slice(p.at + 1).some((w) => /^-[a-zA-Z]*[qV]/.test(w.value) || w.value === '--query' || w.value === '--verify');
  if (p.name === 'find') return !cmd.words.some((w) => ['-delete', '-exec', '-execdir', '-fprint'].includes(w.value));
  const verbs = READ_ONLY_VERBS[p.name];
  if (verbs) {
    const verb = cmd.words.slice(p.at + 1).find((w) => !w.value.startsWith('-') || verbs.has(w.value));
    return verb !== undefined && verbs.has(verb.value);
  }
  return false;
}

export function isReadOnlyRun(run: RunModel): boolean {
  return run.script.commands.length > 0 && run.script.commands.every(isReadOnly);
}

/** Text of a command for messages: its first words. */
export function describe(cmd: Command, n = 2): string {
  const p = program(cmd);
  const from = p ? p.at : 0;
  return cmd.words
    .slice(from, from + n)
    .map((w) => w.value)
    .join(' ');
}

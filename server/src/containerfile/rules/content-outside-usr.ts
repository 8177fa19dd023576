import type { ContainerfileRule, OffsetReport } from '../rule';
import { program } from '../queries';
import type { Command, Script, Word } from '../shell';
import { append } from '../../core/arrays';

type Area = 'var' | 'opt' | 'usrlocal';

/** Paths the commit cleans, or that are symlinks into /run: leaving them is fine. */
const CLEANED = /^\/var\/(cache|tmp|run|lock)(\/|$)/;

function areaOf(path: string): Area | null {
  if (!path.startsWith('/')) return null;
  const p = path.includes('//') ? path.replace(/\/+/g, '/') : path;
  if (p.startsWith('/var/') && !CLEANED.test(p) && p !== '/var/') return 'var';
  if (p === '/opt' || p.startsWith('/opt/')) return 'opt';
  if (p === '/usr/local' || p.startsWith('/usr/local/')) return 'usrlocal';
  return null;
}

const MESSAGES: Record<Area, (p: string) => string> = {
  var: (p) =>
    `\`${p}\` is under /var, which is node state and not updated from the image: content left there is ignored (or fails the commit on older RHCOS). Put it under /usr or /etc, or create it at boot with a tmpfiles.d entry.`,
  opt: (p) =>
    `\`${p}\` is under /opt, a symlink to /var/opt on RHCOS: install to /usr/lib/<name> and link it back with a tmpfiles.d entry.`,
  usrlocal: (p) => `\`${p}\` is under /usr/local, a symlink to /var/usrlocal on RHCOS: put it under /usr (for example /usr/bin) instead.`,
};

/**
 * Directories RHCOS itself creates under /var at boot (rpm-ostree src/libpriv/rpm-ostree-0-integration.conf and
 * rpm-ostree-0-integration-opt-usrlocal.conf): a `mkdir` of one of them in the image leaves an empty directory the node
 * has anyway, which is harmless (info), unlike content put there.
 */
const RHCOS_VAR_DIRS = new Set([
  '/var/home',
  '/var/mnt',
  '/var/opt',
  '/var/roothome',
  '/var/srv',
  '/var/usrlocal',
  ...['bin', 'etc', 'games', 'include', 'lib', 'man', 'sbin', 'share', 'src'].map((d) => `/var/usrlocal/${d}`),
]);

/** Words a command writes to. */
function targets(cmd: Command): Word[] {
  const out: Word[] = [];
  for (const r of cmd.redirects) if (r.op.includes('>') && r.target) out.push(r.target);
  const p = program(cmd);
  if (!p) return out;
  const args = cmd.words.slice(p.at + 1);
  const operands = args.filter((w) => !w.value.startsWith('-'));
  const valueOf = (flags: string[]) => {
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!.value;
      if (flags.includes(v) && args[i + 1]) out.push(args[i + 1]!);
      for (const f of flags) if (f.startsWith('--') && v.startsWith(f + '=')) out.push({ ...args[i]!, value: v.slice(f.length + 1) });
    }
  };
  switch (p.name) {
    case 'mkdir':
    case 'touch':
    case 'tee':
      append(out, operands);
      break;
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln':
    case 'rsync':
      if (operands.length >= 2) out.push(operands[operands.length - 1]!);
      if (p.name === 'install' && args.some((a) => a.value === '-d')) append(out, operands);
      break;
    case 'curl':
      valueOf(['-o', '--output']);
      break;
    case 'wget':
      valueOf(['-O', '--output-document', '-P', '--directory-prefix']);
      break;
    case 'tar':
      valueOf(['-C', '--directory']);
      break;
    case 'unzip':
      valueOf(['-d']);
      break;
  }
  return out;
}

/** Later commands in the same RUN that move the path out, remove it, or add a tmpfiles.d entry. */
function relocated(path: string, later: Command[], script: Script): boolean {
  const mentionsTmpfiles = script.commands.some(
    (c) => c.words.some((w) => w.value.includes('tmpfiles.d')) || c.redirects.some((r) => r.target?.value.includes('tmpfiles.d')),
  );
  if (mentionsTmpfiles) return true;
  for (const c of later) {
    const p = program(c);
    if (!p || (p.name !== 'rm' && p.name !== 'mv')) continue;
    const ops = c.words
      .slice(p.at + 1)
      .filter((w) => !w.value.startsWith('-'))
      .map((w) => w.value.replace(/\/\*$/, '').replace(/\/$/, ''));
    const sources = p.name === 'mv' ? ops.slice(0, -1) : ops;
    if (sources.some((s) => s.length > 1 && (path === s || path.startsWith(s + '/') || s.startsWith(path + '/')))) return true;
  }
  return false;
}

export const contentOutsideUsr: ContainerfileRule = {
  meta: {
    id: 'content-outside-usr',
    kind: 'containerfile',
    severity: 'warning',
    title: 'Content written to /var, /opt or /usr/local',
    why: "On RHCOS /var is machine state: the image's /var is only copied at first install and never updated, and older `ostree container commit` fails on files there. /opt and /usr/local are symlinks into /var. OS content belongs in /usr (and configuration in /etc).",
    source:
      'ostree-rs-ext lib/src/commit.rs; coreos/rpm-ostree docs/container.md "Dealing with /opt"; ' +
      'rhcos-image-layering-examples dir-walker; ' +
      'rpm-ostree src/libpriv/rpm-ostree-0-integration.conf (directories RHCOS creates under /var)',
    fixable: false,
    examples: {
      bad: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN mkdir -p /opt/tool && cp tool /opt/tool/`,
      good: `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:<64 hex digits>
RUN mkdir -p /usr/lib/tool && cp tool /usr/lib/tool/ && \\
    echo 'L /opt/tool - - - - /usr/lib/tool' > /usr/lib/tmpfiles.d/tool.conf && \\
    ostree container commit`,
      fix:
        'Install under /usr; relocate /opt content and link it back with tmpfiles.d. A later `mv`/`rm` of the path or a tmpfiles.d ' +
        'entry in the same RUN counts as relocation. `mkdir` of a directory RHCOS already creates under /var (`/var/opt`, ' +
        '`/var/roothome`, `/var/usrlocal/bin`, …) is only info: the empty directory is harmless.',
    },
  },
  checkRun(script, ctx) {
    findings(script).forEach(ctx.report);
  },
  check(model, ctx) {
    for (const stage of model.stages) {
      if (!stage.isOS) continue;
      for (const inst of stage.instructions) {
        const kw = inst.keyword;
        if (kw !== 'COPY' && kw !== 'ADD') continue;
        const args = inst.args();
        const dest = args[args.length - 1];
        if (!dest || args.filter((a) => !a.value.startsWith('--')).length < 2) continue;
        const area = areaOf(dest.value);
        if (area) ctx.report({ at: [dest.start, dest.end], message: MESSAGES[area](dest.value) });
      }
    }
  },
};

function findings(script: Script): OffsetReport[] {
  const out: OffsetReport[] = [];
  const cmds = script.commands;
  cmds.forEach((cmd, i) => {
    for (const w of targets(cmd)) {
      if (w.dynamic) continue;
      const area = areaOf(w.value);
      if (!area || relocated(w.value, cmds.slice(i + 1), script)) continue;
      const dir = w.value.replace(/(?<!\/)\/+$/, '');
      if (program(cmd)?.name === 'mkdir' && RHCOS_VAR_DIRS.has(dir)) {
        out.push({
          at: [w.start, w.end],
          severity: 'info',
          message:
            `\`${dir}\` already exists on RHCOS nodes (rpm-ostree's tmpfiles.d creates it): an empty one ` +
            `in the image is harmless, but content left in it is not updated from the image.`,
        });
        continue;
      }
      out.push({ at: [w.start, w.end], message: MESSAGES[area](w.value) });
    }
  });
  return out;
}

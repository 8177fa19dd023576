#!/usr/bin/env node
/**
 * rhcos-lint [--format text|json|sarif] [--ocp-version X.Y] [--rule id=severity] [--stdin-filename NAME] <files, dirs or -...>
 * Exit: 1 when an error is reported, 0 otherwise, 2 on usage errors or unreadable files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectKind, lint, MAX_LINT_CHARS, ruleMetas, tooLarge } from './lint';
import type { DocumentKind, LintOptions, SeveritySetting } from './core/types';
import { VERSION } from '../../common/version';
import { FileResult, formatJson, formatSarif, formatText } from './cli/formats';
import { extractFacts, type FileFacts, indexFacts } from './lint/workspaceFacts';
import { append } from './core/arrays';

const USAGE = `Usage: rhcos-lint [--format text|json|sarif] [--ocp-version X.Y] [--rule <id>=off|info|warning|error]
                  [--stdin-filename NAME] <files, dirs or - for stdin...>

Lints RHCOS layering Containerfiles (Containerfile, Dockerfile, Containerfile.*, *.containerfile) and
the MachineConfig, MachineConfigPool, MachineOSConfig, PinnedImageSet and MachineConfiguration documents
of YAML files (*.yaml, *.yml).
Directories are searched recursively, following symbolic links; FIFOs and devices are not read.
- reads stdin as a Containerfile, or as the kind of file --stdin-filename names. Exit code: 1 if any error is reported, 0 otherwise,
2 for usage errors or files that cannot be read.
`;

interface Args {
  format: 'text' | 'json' | 'sarif';
  options: LintOptions;
  paths: string[];
  /** The name `-` (stdin) is linted as: its kind and the name in the output. */
  stdinFilename?: string;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { format: 'text', options: { rules: {} }, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--format' || flag === '-f') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return `--format takes text, json or sarif (got ${v ?? 'nothing'})`;
      args.format = v;
    } else if (flag === '--ocp-version') {
      const v = value();
      if (!v || !/^\d+\.\d+$/.test(v)) return `--ocp-version takes a version like 4.16 (got ${v ?? 'nothing'})`;
      args.options.ocpVersion = v;
    } else if (flag === '--rule') {
      const v = value() ?? '';
      const m = /^([a-z0-9-]+)=(off|info|warning|error)$/.exec(v);
      if (!m) return `--rule takes <id>=off|info|warning|error (got ${v || 'nothing'})`;
      if (!ruleMetas.some((r) => r.id === m[1])) return `--rule: unknown rule ${m[1]}; see the rule list in the README`;
      args.options.rules![m[1]!] = m[2] as SeveritySetting;
    } else if (flag === '--stdin-filename') {
      const v = value();
      if (!v) return '--stdin-filename takes a file name';
      args.stdinFilename = v;
    } else if (a === '--') {
      append(args.paths, argv.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option ${a}`;
    } else {
      args.paths.push(a);
    }
  }
  if (args.paths.length === 0) return 'no files or directories given';
  return args;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Files larger than this are not read at all (a character takes at most 4 bytes in UTF-8). */
const MAX_READ_BYTES = 4 * MAX_LINT_CHARS;

/** A file to lint: `path` as the bytes the file system knows it by (null for stdin), `name` for output. */
interface Input {
  path: Buffer | null;
  name: string;
  kind: DocumentKind;
}

const errCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'error';
const SEP = Buffer.from(path.sep);

/** Collects the files under `p`, following symbolic links; a directory or file reached twice (a loop, a second link) is walked once. */
class Collector {
  readonly inputs: Input[] = [];
  readonly problems: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly stdinName: string | undefined) {}

  add(arg: string): void {
    if (arg === '-') {
      const name = this.stdinName ?? '<stdin>';
      this.inputs.push({ path: null, name, kind: (this.stdinName && detectKind(this.stdinName)) || 'containerfile' });
      return;
    }
    this.visit(Buffer.from(arg), arg, true);
  }

  private visit(p: Buffer, name: string, explicit: boolean): void {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const broken = !explicit && errCode(e) === 'ENOENT' && isSymlink(p);
      this.problems.push(`${name}: ${broken ? 'broken symbolic link' : `cannot read (${errCode(e)})`}`);
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (st.isDirectory()) {
      if (this.seen.has(id)) return;
      this.seen.add(id);
      let entries: fs.Dirent<Buffer>[];
      try {
        entries = fs.readdirSync(p, { withFileTypes: true, encoding: 'buffer' });
      } catch (e) {
        this.problems.push(`${name}: cannot list directory (${errCode(e)})`);
        return;
      }
      const named = entries.map((e) => ({ e, text: e.name.toString() })).sort((a, b) => a.text.localeCompare(b.text));
      for (const { e, text } of named) {
        if (e.isDirectory() && SKIP_DIRS.has(text)) continue;
        const child = Buffer.concat([p, SEP, e.name]);
        const childName = path.join(name, text);
        if (e.isDirectory()) this.visit(child, childName, false);
        else if ((e.isFile() || e.isSymbolicLink()) && detectKind(text)) this.visit(child, childName, false);
        else if (e.isSymbolicLink() && !SKIP_DIRS.has(text) && isDirectory(child)) this.visit(child, childName, false);
      }
      return;
    }
    if (!explicit && !detectKind(path.basename(name))) return;
    if (!st.isFile()) {
      // FIFOs, devices and sockets are never read: they can block forever or never end.
      this.problems.push(`${name}: not a regular file`);
      return;
    }
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.inputs.push({ path: p, name, kind: detectKind(path.basename(name)) ?? 'containerfile' });
  }
}

function isSymlink(p: Buffer): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isDirectory(p: Buffer): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Reads at most `limit` bytes; null when there is more. */
function readBounded(fd: number, limit: number): Buffer | null {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if (errCode(e) === 'EAGAIN') continue;
      if (errCode(e) === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > limit) return null;
  }
  return Buffer.concat(chunks, total);
}

/** The text of an input, or a LintResult when it is too large to read. */
function read(input: Input): string | { size: number } {
  if (input.path === null) {
    const buf = readBounded(0, MAX_READ_BYTES);
    return buf ? buf.toString('utf8') : { size: MAX_READ_BYTES + 1 };
  }
  const fd = fs.openSync(input.path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    if (st.size > MAX_READ_BYTES) return { size: st.size };
    const buf = readBounded(fd, MAX_READ_BYTES);
    return buf ? buf.toString('utf8') : { size: MAX_READ_BYTES + 1 };
  } finally {
    fs.closeSync(fd);
  }
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`rhcos-lint ${VERSION}\n`);
    return 0;
  }
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    process.stderr.write(`rhcos-lint: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const collector = new Collector(parsed.stdinFilename);
  for (const p of parsed.paths) collector.add(p);
  const { inputs, problems } = collector;
  const results: FileResult[] = [];
  const texts: { input: Input; text: string | { size: number } }[] = [];
  for (const input of inputs) {
    try {
      const t = read(input);
      texts.push({ input, text: typeof t === 'string' ? t.replace(/^\ufeff/, '') : t });
    } catch (e) {
      problems.push(`${input.name}: cannot read (${errCode(e)})`);
    }
  }
  // Cross-file rules see every other file given on the command line; the facts are joined once.
  const perFile = new Map<string, FileFacts>();
  for (const { input, text } of texts) if (typeof text === 'string') perFile.set(input.name, extractFacts(input.name, text, input.kind));
  const facts = indexFacts(perFile);
  for (const { input, text } of texts) {
    if (typeof text !== 'string') {
      results.push({ file: input.name, diagnostics: tooLarge(text.size, 'bytes').diagnostics });
      continue;
    }
    const r = lint(text, input.kind, { ...parsed.options, workspace: facts.forFile(input.name) });
    for (const f of r.failures) process.stderr.write(`rhcos-lint: rule ${f.ruleId} failed on ${input.name} and was skipped: ${f.error}\n`);
    results.push({ file: input.name, diagnostics: r.diagnostics });
  }
  const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
  const docsUri = (id: string) => pathToFileURL(id ? path.join(docsDir, `${id}.md`) : docsDir).toString();
  const out =
    parsed.format === 'json'
      ? formatJson(results)
      : parsed.format === 'sarif'
        ? formatSarif(results, ruleMetas, VERSION, docsUri)
        : formatText(results);
  process.stdout.write(out);
  for (const p of problems) process.stderr.write(`rhcos-lint: ${p}\n`);
  if (problems.length) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

// A reader that stops early (`rhcos-lint … | head -1`) is not an error of ours: end quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = main(process.argv.slice(2));

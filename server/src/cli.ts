#!/usr/bin/env node
/**
 * rhcos-lint [--format text|json|sarif] [--ocp-version X.Y] [--rule id=severity] <files or dirs...>
 * Exit: 1 when an error is reported, 0 otherwise, 2 on usage errors or unreadable files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectKind, lint, ruleMetas } from './lint';
import type { LintOptions, SeveritySetting } from './core/types';
import { VERSION } from '../../common/version';
import { FileResult, formatJson, formatSarif, formatText } from './cli/formats';
import { extractFacts, joinFacts } from './lint/workspaceFacts';
import { append } from './core/arrays';

const USAGE = `Usage: rhcos-lint [--format text|json|sarif] [--ocp-version X.Y] [--rule <id>=off|info|warning|error] <files or dirs...>

Lints RHCOS layering Containerfiles (Containerfile, Dockerfile, Containerfile.*, *.containerfile) and
the MachineConfig, MachineConfigPool and MachineOSConfig documents of YAML files (*.yaml, *.yml).
Directories are searched recursively. Exit code: 1 if any error is reported, 0 otherwise,
2 for usage errors or files that cannot be read.
`;

interface Args {
  format: 'text' | 'json' | 'sarif';
  options: LintOptions;
  paths: string[];
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

function collect(p: string, explicit: boolean, out: string[], problems: string[]): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    problems.push(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return;
  }
  if (st.isDirectory()) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(p, { withFileTypes: true });
    } catch (e) {
      problems.push(`${p}: cannot list directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory() && SKIP_DIRS.has(e.name)) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory()) collect(child, false, out, problems);
      else if (e.isFile() && detectKind(e.name)) out.push(child);
    }
  } else if (explicit) {
    out.push(p);
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
  const files: string[] = [];
  const problems: string[] = [];
  for (const p of parsed.paths) collect(p, true, files, problems);
  const results: FileResult[] = [];
  const texts = new Map<string, string>();
  for (const file of files) {
    try {
      texts.set(file, fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
    } catch (e) {
      problems.push(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  // Cross-file rules see every other file given on the command line.
  const facts = new Map([...texts].map(([file, text]) => [file, extractFacts(file, text, detectKind(file) ?? 'containerfile')]));
  for (const [file, text] of texts) {
    const kind = detectKind(file) ?? 'containerfile';
    const r = lint(text, kind, { ...parsed.options, workspace: joinFacts(facts.values(), file) });
    for (const f of r.failures) process.stderr.write(`rhcos-lint: rule ${f.ruleId} failed on ${file} and was skipped: ${f.error}\n`);
    results.push({ file, diagnostics: r.diagnostics });
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

process.exitCode = main(process.argv.slice(2));

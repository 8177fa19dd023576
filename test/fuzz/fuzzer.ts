/**
 * One fuzzer for the CI fuzz test (test/fuzz/services.fuzz.test.ts) and the long bench (bench/fuzz.ts):
 * seeded mutations of real Containerfiles and MachineConfig YAML (examples/ and test/corpus/) and of
 * random text, run through the engine and the services an editor calls (hover, completion, the code
 * actions' suppression fix). Reproducible: the same seed gives the same inputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectKind, lint } from '../../server/src/lint';
import { languageService } from '../../server/src/service/languageService';
import { suppressionFix } from '../../server/src/service/suppressFix';
import type { DocumentKind, Range } from '../../server/src/core/types';

const root = path.resolve(__dirname, '..', '..');

/** A small, fast PRNG (mulberry32): the whole run follows from one 32-bit seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFiles(): { kind: DocumentKind; text: string }[] {
  const out: { kind: DocumentKind; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const kind = detectKind(e.name);
        if (kind) out.push({ kind, text: fs.readFileSync(p, 'utf8') });
      }
    }
  };
  walk(path.join(root, 'examples'));
  walk(path.join(root, 'test', 'corpus'));
  return out;
}

const PIECES = [
  '\\',
  '\n',
  '\r',
  '\r\n',
  '"',
  "'",
  '$(',
  ')',
  '{',
  '}',
  ',',
  '&&',
  ';',
  '|',
  '<<EOF',
  'EOF',
  'RUN ',
  'FROM ',
  '#',
  '\t',
  '\u0000',
  'é',
  '😀',
  '\ud800',
  '`',
  '@sha256:',
  'rpm-ostree ',
  'rpm-ostree install ',
  'ostree container commit',
  '# rhcos-lint ignore=',
  '# escape=`\n',
  '---\n',
  ': ',
  '- ',
  '  ',
  '{',
  '[',
  ']',
  '&a ',
  '*a',
  '!!binary ',
  'kind: ',
  'MachineConfig',
  'MachineOSConfig',
  'apiVersion: machineconfiguration.openshift.io/v1\n',
  'osImageURL: ',
  'kernelType: realtime',
  'extensions: [',
  'contents:\n  source: data:,',
  'mode: 0o644',
  'version: 3.4.0',
  '|\n  ',
];

export interface Input {
  kind: DocumentKind;
  text: string;
  /** A position to ask hover and completion about, on a line of the document (the server refuses others), maybe past its end. */
  at: { line: number; character: number };
}

/** An endless stream of inputs from `seed`: 5 in 6 mutate a real file, 1 in 6 is random text. */
export function inputs(seed: number): () => Input {
  const seeds = seedFiles();
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  return () => {
    let kind: DocumentKind;
    let text: string;
    if (int(6) === 0) {
      kind = int(2) ? 'containerfile' : 'yaml';
      const parts: string[] = [];
      for (let i = int(40); i > 0; i--) parts.push(int(3) ? PIECES[int(PIECES.length)]! : String.fromCharCode(int(0x3000)));
      text = parts.join('');
    } else {
      const s = seeds[int(seeds.length)]!;
      kind = s.kind;
      text = s.text;
      for (let i = 1 + int(8); i > 0; i--) {
        const at = int(text.length + 1);
        const del = int(3) === 0 ? int(40) : 0;
        const ins = int(4) === 0 ? text.slice(int(text.length), int(text.length) + int(60)) : PIECES[int(PIECES.length)]!;
        text = text.slice(0, at) + ins + text.slice(at + del);
      }
    }
    const lines = text.split(/\r\n|\r|\n/).length;
    return { kind, text, at: { line: int(lines), character: int(80) } };
  };
}

export interface Outcome {
  /** What threw: the engine's rule failures and any exception from lint or a service. */
  exceptions: string[];
  /** Ranges of diagnostics or quick-fix edits outside the document. */
  outOfRange: string[];
  /** Something threw and the file still ends with no diagnostic (it would look clean). */
  silentSkip: boolean;
  ms: number;
}

/** The document's lines as LSP counts them: `\n`, `\r\n` and `\r` end a line. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function inside(r: Range, lengths: number[]): boolean {
  const ok = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.character >= 0 &&
    p.line < lengths.length &&
    p.character <= lengths[p.line]!;
  return ok(r.start) && ok(r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
}

/** Lints one input, then asks hover, completion and the suppression fix about it as an editor would. */
export function run(input: Input): Outcome {
  const out: Outcome = { exceptions: [], outOfRange: [], silentSkip: false, ms: 0 };
  const t0 = performance.now();
  const { kind, text, at } = input;
  try {
    const result = lint(text, kind, { ocpVersion: '4.16' });
    for (const f of result.failures) out.exceptions.push(`${f.ruleId}: ${f.error}`);
    if (result.failures.length && result.diagnostics.length === 0) out.silentSkip = true;
    const lengths = lineLengths(text);
    for (const d of result.diagnostics) {
      if (!inside(d.range, lengths)) out.outOfRange.push(`${d.ruleId} ${JSON.stringify(d.range)}`);
      for (const f of d.fixes)
        for (const e of f.edits) if (!inside(e.range, lengths)) out.outOfRange.push(`${d.ruleId} fix ${JSON.stringify(e.range)}`);
    }
    const service = languageService(kind);
    service.hover(text, at, result.diagnostics, (id) => id);
    service.complete(text, at, '4.16');
    const d = result.diagnostics[0];
    if (d && d.anchorLine < lengths.length) {
      for (const e of suppressionFix(text, d.ruleId, d.anchorLine).edits)
        if (!inside(e.range, lengths)) out.outOfRange.push(`suppression fix ${JSON.stringify(e.range)}`);
    }
  } catch (e) {
    out.exceptions.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    out.silentSkip = true;
  }
  out.ms = performance.now() - t0;
  return out;
}

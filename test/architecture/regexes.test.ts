/**
 * Every regular expression literal of the product (server/src, common, client/src) runs over crafted
 * worst cases: long runs of one character or of a token taken from the regex itself, after each of its
 * words, ended by a character nothing expects. A regex that backtracks super-linearly (the suppression
 * pre-scan, the YAML document counter, the rpm-ostree hover pattern and the suppression list all did)
 * needs seconds to forever on these; a linear one needs well under a millisecond per input. Each
 * regex's whole sweep runs under a watchdog (vm timeout) far above what the linear scan costs, so the
 * test fails on a super-linear regex without measuring anything close to a timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
/** Characters of one pumped run: a quadratic regex needs ~10^9 steps on it, a linear one ~10^5. */
const RUN = 40_000;
/** Per regex, for a few hundred inputs of RUN characters; the linear scan of all of them takes ~100 ms. */
const WATCHDOG_MS = 10_000;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Found {
  where: string;
  re: RegExp;
}

/** Regex literals, found by the TypeScript parser (not by a regex over the source). */
function regexLiterals(): Found[] {
  const out: Found[] = [];
  const sources = ['server/src', 'common', 'client/src'].flatMap((d) => files(path.join(root, d)));
  for (const file of sources) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const slash = text.lastIndexOf('/');
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        out.push({ where: `${path.relative(root, file)}:${line} ${text}`, re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** Starts of the lines the product reads, so that a pumped run lands where a regex's quantifiers are. */
const DOMAIN = [
  '# rhcos-lint ignore=a',
  '# hadolint global ignore=DL3006,',
  'RUN rpm-ostree ',
  'RUN ',
  'FROM a ',
  '---',
  'kind: ',
  'https://',
];

/** What a regex can be fed: its own words and punctuation, blanks, line breaks and a few flag shapes. */
function attacks(re: RegExp): string[] {
  const src = re.source.replace(/\\[dDsSwWbBnrtfv]/g, ' ');
  const words = [...new Set(src.match(/[A-Za-z][A-Za-z0-9_-]{1,}/g) ?? [])].slice(0, 10);
  const chars = [...new Set(src.replace(/[A-Za-z0-9]/g, '').split(''))];
  const pieces = new Set<string>([' ', '\t', '\n', '\r\n', 'a', '0', '-', '--- ', '--a ', '# ', ' \n', 'a ', 'a-', 'a,', '\\\n']);
  for (const c of chars)
    pieces
      .add(c)
      .add(c + c)
      .add(c + ' ')
      .add(c + 'a');
  for (const w of words)
    pieces
      .add(w)
      .add(w + ' ')
      .add(w + '-')
      .add(w + '.');
  const out: string[] = [];
  const pump = (p: string) => p.repeat(Math.ceil(RUN / p.length));
  for (const p of pieces) for (const end of ['!', '\u2028']) out.push(pump(p) + end);
  for (const prefix of [...DOMAIN, ...words.map((w) => w + ' '), ...words.map((w) => w + '=')])
    for (const p of [' ', '\t', '\n', 'a', '-', '--a ', '--- ', 'a, ', prefix]) out.push(prefix + pump(p) + '!');
  // Short pumps that blow up exponentially long before a long run is built (nested quantifiers).
  for (const p of pieces) for (const end of ['!', 'x']) out.push(p.repeat(40) + end);
  return out;
}

test('the product has regex literals to check', () => {
  assert.ok(regexLiterals().length > 50);
});

test('no regex of the product backtracks super-linearly on crafted worst cases', () => {
  const slow: string[] = [];
  for (const { where, re } of regexLiterals()) {
    const inputs = attacks(re);
    const global = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'g');
    const single = new RegExp(re.source, re.flags.replace(/[gy]/g, ''));
    const sandbox = { inputs, global, single, at: -1 };
    try {
      vm.runInNewContext('for (at = 0; at < inputs.length; at++) { single.test(inputs[at]); inputs[at].replace(global, ""); }', sandbox, {
        timeout: WATCHDOG_MS,
      });
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
      const input = inputs[sandbox.at] ?? '';
      slow.push(`${where} on ${JSON.stringify(input.slice(0, 30))}… (${input.length} characters)`);
    }
  }
  assert.deepEqual(slow, []);
});

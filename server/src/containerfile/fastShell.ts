/**
 * A fast path for the shell scripts most RUNs hold: simple commands joined by `&&`, `||`, `|`, `;` and
 * newlines, with quoted words, `$NAME`/`${NAME…}` expansions, comments and plain redirects. It gives
 * exactly the Script that mvdan/sh gives for the same text (test/fuzz/fastShell.test.ts compares
 * both on random scripts) and returns null for anything else (compound commands, `$(…)`, here-documents,
 * assignments, declarations, syntax errors), which the caller then hands to mvdan/sh.
 *
 * Why: mvdan/sh is Go compiled to JavaScript; reading its syntax tree from JavaScript converts every
 * node it touches (`$externalize`), and that, not the parse, was 3/4 of opening a Containerfile
 * (bench/README.md). This path reads the text once.
 */
import type { ChainLink, Command, Expansion, Redirect, Script, Statement, Word } from './script';

/** First words that make something other than a simple command (mvdan: clauses, declarations, blocks). */
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'in',
  'function',
  'select',
  'time',
  'coproc',
  '[[',
  ']]',
  '!',
  '{',
  '}',
  'declare',
  'local',
  'export',
  'readonly',
  'typeset',
  'nameref',
  'let',
]);
/** Redirection operators taken here, longest first. */
const REDIRECT_OPS = ['&>>', '<<<', '>>', '>&', '<&', '&>', '>', '<'];

/** Thrown inside the scanner for anything the fast path does not take. */
const GIVE_UP = new Error('not simple');

const isBlank = (c: string) => c === ' ' || c === '\t';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9');
/** Characters that end an unquoted word. */
const isMeta = (c: string) =>
  c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';
const SPECIAL_PARAMS = '?$#@*!-';
/** Characters a word continues with, character for character: not a metacharacter, quote, `$`, `\\`, `` ` `` or `#`. */
const PLAIN = new Uint8Array(128).fill(1);
for (const c of ' \t\n;&|<>()\'"$\\`#') PLAIN[c.charCodeAt(0)] = 0;
const isPlain = (code: number) => code >= 128 || PLAIN[code] === 1;
/** Characters that end a run of literal text inside double quotes. */
const QUOTED_STOP = '"`\\$';

export function parseSimpleShell(src: string): Script | null {
  try {
    return parse(src);
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
}

function parse(src: string): Script {
  const n = src.length;
  let i = 0;
  const commands: Command[] = [];
  const statements: Statement[] = [];

  for (let k = 0; k < n; k++) {
    const c = src.charCodeAt(k);
    // Control characters other than tab and newline (a CR, a NUL): mvdan's business.
    if ((c < 32 && c !== 9 && c !== 10) || c === 127) throw GIVE_UP;
  }

  /** Skips a comment up to its line break; mvdan/sh continues a comment line that ends in `\`, so that is left to it. */
  const comment = () => {
    while (i < n && src[i] !== '\n') i++;
    if (src[i - 1] === '\\') throw GIVE_UP;
  };

  /** Skips blanks and `\`-newline continuations; with `newlines`, line breaks and comments too. */
  const skip = (newlines: boolean) => {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\t') i++;
      else if (c === '\\' && src[i + 1] === '\n') i += 2;
      else if (newlines && c === '\n') i++;
      else if (newlines && c === '#') comment();
      else return;
    }
  };

  const word = (): Word => {
    const start = i;
    let value = '';
    let dynamic = false;
    let unquotedBraces = false;
    const expansions: Expansion[] = [];
    const param = (quoted: boolean) => {
      // At `$`.
      const s = i;
      const next = src[i + 1] ?? '';
      if (next === '{') {
        let j = i + 2;
        while (j < n && src[j] !== '}') {
          const c = src[j]!;
          if (c === '$' || c === '{' || c === '\\' || c === '"' || c === "'" || c === '`' || c === '\n' || c === '(') throw GIVE_UP;
          j++;
        }
        if (j >= n || j === i + 2 || !isNameStart(src[i + 2]!)) throw GIVE_UP;
        i = j + 1;
      } else if (isNameStart(next)) {
        i += 2;
        while (i < n && isNameChar(src[i]!)) i++;
      } else if ((next >= '0' && next <= '9') || SPECIAL_PARAMS.includes(next)) {
        if (next === '') throw GIVE_UP;
        i += 2;
      } else throw GIVE_UP;
      // `$${X}`, `$1{a}`: mvdan/sh splits these its own way.
      if (src[i] === '{') throw GIVE_UP;
      dynamic = true;
      expansions.push({ at: value.length, len: i - s, quoted, param: true });
      value += src.slice(s, i);
    };
    while (i < n) {
      const c = src[i]!;
      if (isMeta(c)) break;
      if (c === "'") {
        const e = src.indexOf("'", i + 1);
        if (e < 0) throw GIVE_UP;
        value += src.slice(i + 1, e);
        i = e + 1;
      } else if (c === '"') {
        i++;
        let lit = '';
        for (;;) {
          if (i >= n) throw GIVE_UP;
          const d = src[i]!;
          if (d === '"') {
            i++;
            break;
          }
          if (d === '`') throw GIVE_UP;
          if (d === '\\') {
            if (i + 1 >= n || src[i + 1] === '\n') throw GIVE_UP;
            lit += src.slice(i, i + 2);
            i += 2;
          } else if (d === '$') {
            value += lit;
            lit = '';
            param(true);
          } else {
            const s0 = i;
            do i++;
            while (i < n && !QUOTED_STOP.includes(src[i]!));
            lit += src.slice(s0, i);
          }
        }
        value += lit;
      } else if (c === '`' || c === '#') {
        // mvdan/sh starts a comment at `#` after a closing quote; a word's inner `#` is left to it.
        throw GIVE_UP;
      } else if (c === '$') {
        param(false);
      } else if (c === '\\') {
        const d = src[i + 1];
        if (d === undefined || d === '\n') throw GIVE_UP;
        // mvdan/sh keeps the backslash in the literal it checks for braces.
        if (d === '{') unquotedBraces = true;
        value += d;
        i += 2;
      } else {
        // A run of plain characters at once (one string per run, not per character).
        const s0 = i;
        do {
          if (src.charCodeAt(i) === 123) unquotedBraces = true; // {
          i++;
        } while (i < n && isPlain(src.charCodeAt(i)));
        value += src.slice(s0, i);
      }
    }
    if (i === start) throw GIVE_UP;
    // `a2>x`: mvdan/sh takes the trailing digits as the redirect's descriptor.
    if ((src[i] === '<' || src[i] === '>') && /[0-9]/.test(src[i - 1]!)) throw GIVE_UP;
    // `{fd}>file` names a descriptor; `foo(`, `@(…)` and friends are functions and globs.
    if (src[i] === '(' || src[i] === ')') throw GIVE_UP;
    const out: Word = { value, dynamic, unquotedBraces, start, end: i };
    if (expansions.length) out.expansions = expansions;
    return out;
  };

  /** A redirection at `i` (descriptor digits, then the operator): where its operator starts, and the operator. */
  const redirectOp = (): { at: number; op: string } | null => {
    let j = i;
    while (j < n && src[j]! >= '0' && src[j]! <= '9') j++;
    const op = REDIRECT_OPS.find((o) => src.startsWith(o, j));
    if (!op) return null;
    if (j > i && op.startsWith('&')) return null;
    return { at: j, op };
  };

  /** One simple command up to an operator, newline or the end; null when there is none (an operator first). */
  const command = (): { cmd: Command; stmtEnd: number } | null => {
    const start = i;
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    let stmtEnd = i;
    let first = -1;
    for (;;) {
      skip(false);
      if (i >= n) break;
      const c = src[i]!;
      if (c === '#' && (i === start || isBlank(src[i - 1]!) || src[i - 1] === '\n')) {
        comment();
        break;
      }
      if (c === '\n' || c === ';' || c === '&' || c === '|') {
        if (c === '&' && src[i + 1] === '>') {
          // `&>file`: a redirect.
        } else break;
      }
      if (c === '(' || c === ')') throw GIVE_UP;
      if (first < 0) first = i;
      const red = redirectOp();
      if (red !== null) {
        const opStart = red.at;
        i = opStart + red.op.length;
        skip(false);
        if (i >= n || isMeta(src[i]!) || src[i] === '#') throw GIVE_UP;
        const target = word();
        // `>&1>&2`: mvdan/sh reads the target and the next operator differently; leave it to it.
        if (src[i] === '<' || src[i] === '>' || src[i] === '&') throw GIVE_UP;
        redirects.push({ op: src.slice(opStart, target.start).trim(), target });
        stmtEnd = target.end;
        continue;
      }
      // A word that starts with digits followed by `<`/`>` was taken as a redirect above.
      const w = word();
      words.push(w);
      stmtEnd = w.end;
    }
    if (words.length === 0 && redirects.length === 0) return null;
    if (words.length === 0) throw GIVE_UP;
    const head = src.slice(words[0]!.start, words[0]!.end);
    if (RESERVED.has(head) || RESERVED.has(words[0]!.value) || head.includes('=') || (head.includes('[') && head !== '[')) throw GIVE_UP;
    if (/^[{}]/.test(head)) throw GIVE_UP;
    let end = 0;
    for (const w of words) end = Math.max(end, w.end);
    for (const r of redirects) if (r.target) end = Math.max(end, r.target.end);
    const cmd: Command = { words, redirects, start: first, end, nested: false };
    return { cmd, stmtEnd };
  };

  for (;;) {
    skip(true);
    if (i >= n) break;
    const links: ChainLink[] = [];
    let op: ChainLink['op'] = null;
    let stmtStart = -1;
    let stmtEnd: number;
    for (;;) {
      skip(op !== null);
      if (op !== null && src[i] === '#') throw GIVE_UP;
      const got = command();
      if (!got) throw GIVE_UP;
      const { cmd } = got;
      if (stmtStart < 0) stmtStart = cmd.start;
      stmtEnd = got.stmtEnd;
      commands.push(cmd);
      links.push({ command: cmd, op, start: cmd.start, end: cmd.end });
      const c = src[i];
      if (c === '&' && src[i + 1] === '&') op = '&&';
      else if (c === '|' && src[i + 1] === '|') op = '||';
      else if (c === '|' && src[i + 1] !== '&') op = '|';
      else break;
      i += op.length;
    }
    const c = src[i];
    if (c === ';') {
      if (src[i + 1] === ';' || src[i + 1] === '&' || src[i + 1] === '|') throw GIVE_UP;
      i++;
      stmtEnd = i;
    } else if (c === '&' || c === '|') throw GIVE_UP;
    statements.push({ links, start: stmtStart, end: stmtEnd, background: false });
  }

  let errexit = false;
  let errexitBeforeLast = false;
  for (const s of statements) {
    errexitBeforeLast = errexit;
    for (const l of s.links) if (l.command && isSetErrexit(l.command)) errexit = true;
  }
  return { src, statements, commands, errexit: errexitBeforeLast };
}

export function isSetErrexit(c: Command): boolean {
  const w = c.words.map((x) => x.value);
  if (w[0] !== 'set') return false;
  for (let i = 1; i < w.length; i++) {
    const a = w[i]!;
    if (/^-[a-zA-Z]*e[a-zA-Z]*$/.test(a)) return true;
    if (a === '-o' && w[i + 1] === 'errexit') return true;
  }
  return false;
}

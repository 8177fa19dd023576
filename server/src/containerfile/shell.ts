/**
 * Splits shell text into commands and words, with offsets, using mvdan/sh (the parser behind shfmt)
 * compiled to JavaScript. Offsets are UTF-16 offsets into the given source.
 */
import type * as Sh from 'mvdan-sh';
import { utf8ToUtf16Mapper } from '../core/lineIndex';
import { memoByText } from '../core/memo';
import { isSetErrexit, parseSimpleShell } from './fastShell';

export type { Word, Expansion, Redirect, Command, ChainLink, Statement, Script } from './script';
import type { Word, Expansion, Redirect, Command, ChainLink, Statement, Script } from './script';

// mvdan-sh is large: load it on the first parse, not when the server starts.
let sh: typeof Sh;
let parser: Sh.Parser;
function load(): void {
  // Loading it sets Error.stackTraceLimit = Infinity (and prepareStackTrace) for the whole process: put them back.
  const limit = Error.stackTraceLimit;
  const prepare = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sh = require('mvdan-sh') as typeof Sh;
  Error.stackTraceLimit = limit;
  if (prepare) Object.defineProperty(Error, 'prepareStackTrace', prepare);
  else delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  parser = sh.syntax.NewParser(sh.syntax.Variant(sh.syntax.LangBash));
}
/** Parses shell source. Results are cached by source text: unchanged RUNs are not parsed again. */
export const parseShell: (src: string) => Script = memoByText(50_000, (src) => parseSimpleShell(src) ?? parseWithMvdan(src));

/** Parses with mvdan/sh, whatever the script holds (the fast path in fastShell.ts takes the simple ones). */
export function parseWithMvdan(src: string): Script {
  if (!parser) load();
  const toUtf16 = utf8ToUtf16Mapper(src);
  let file: Sh.File;
  try {
    file = parser.Parse(src, '');
  } catch (e) {
    const err = e as Partial<Sh.ParseError>;
    const raw = typeof err.Error === 'function' ? err.Error() : String(e);
    const offset = err.Pos && typeof err.Pos.Offset === 'function' ? toUtf16(err.Pos.Offset()) : 0;
    return { src, statements: [], commands: [], errexit: false, error: { message: raw.replace(/^\d+:\d+: /, ''), offset } };
  }
  const commands: Command[] = [];
  const off = (p: Sh.Pos) => toUtf16(p.Offset());

  const word = (w: Sh.Word): Word => {
    let value = '';
    let dynamic = false;
    let unquotedBraces = false;
    const expansions: Expansion[] = [];
    const visit = (part: Sh.Node, quoted: boolean) => {
      const t = sh.syntax.NodeType(part);
      const p = part as unknown as Record<string, unknown>;
      if (t === 'Lit') {
        const v = String(p['Value']);
        if (!quoted && v.includes('{')) unquotedBraces = true;
        value += quoted ? v : v.replace(/\\(.)/gs, '$1');
      } else if (t === 'SglQuoted') {
        value += String(p['Value']);
      } else if (t === 'DblQuoted') {
        for (const q of p['Parts'] as Sh.Node[]) visit(q, true);
      } else {
        dynamic = true;
        const raw = src.slice(off(part.Pos()), off(part.End()));
        expansions.push({ at: value.length, len: raw.length, quoted, param: t === 'ParamExp' });
        value += raw;
        if (t === 'CmdSubst' || t === 'ProcSubst') {
          for (const s of (p['Stmts'] as Sh.Stmt[]) ?? []) walkStmt(s, true);
        }
      }
    };
    for (const part of w.Parts) visit(part, false);
    const out: Word = { value, dynamic, unquotedBraces, start: off(w.Pos()), end: off(w.End()) };
    if (expansions.length) out.expansions = expansions;
    return out;
  };

  const redirects = (s: Sh.Stmt): Redirect[] =>
    (s.Redirs ?? []).map((r) => {
      const opStart = off(r.OpPos);
      const target = r.Word ? word(r.Word) : null;
      const opEnd = target ? target.start : off(r.End());
      const red: Redirect = { op: src.slice(opStart, opEnd).trim(), target };
      if (r.Hdoc) red.body = word(r.Hdoc);
      return red;
    });

  const simple = (call: Sh.Node, s: Sh.Stmt, nested: boolean): Command => {
    const args = ((call as unknown as { Args: Sh.Word[] }).Args ?? []).map(word);
    const reds = redirects(s);
    let end = 0;
    for (const w of args) end = Math.max(end, w.end);
    for (const r of reds) if (r.target) end = Math.max(end, r.target.end);
    const cmd: Command = { words: args, redirects: reds, start: off(s.Pos()), end: end || off(s.End()), nested };
    commands.push(cmd);
    return cmd;
  };

  // Walks any statement, recording its simple commands (used for nested ones).
  const walkStmt = (s: Sh.Stmt, nested: boolean) => {
    flatten(s, nested, [], null);
  };

  // Flattens `a && b || c | d` into links; compound commands become a link with command null.
  const flatten = (s: Sh.Stmt, nested: boolean, links: ChainLink[], op: ChainLink['op']) => {
    const c = s.Cmd;
    const t = c ? sh.syntax.NodeType(c) : '';
    if (t === 'BinaryCmd') {
      const b = c as unknown as { X: Sh.Stmt; Y: Sh.Stmt; OpPos: Sh.Pos };
      flatten(b.X, nested, links, op);
      const o = off(b.OpPos);
      const opText = src.slice(o, o + 2);
      const yOp: ChainLink['op'] = opText === '&&' ? '&&' : opText === '||' ? '||' : '|';
      flatten(b.Y, nested, links, yOp);
      return;
    }
    if (t === 'CallExpr') {
      const cmd = simple(c!, s, nested);
      links.push({ command: cmd, op, start: cmd.start, end: cmd.end });
      // Words with $(...) already walked their inner statements in word().
      return;
    }
    // Compound or empty (e.g. a bare redirect): walk the bodies as nested.
    links.push({ command: null, op, start: off(s.Pos()), end: off(s.End()) });
    if (c) {
      sh.syntax.Walk(c, (n) => {
        if (!n) return true;
        if (n === c) return true;
        if (sh.syntax.NodeType(n) === 'Stmt') {
          walkStmt(n as Sh.Stmt, true);
          return false;
        }
        return true;
      });
    }
  };

  const statements: Statement[] = [];
  let errexit = false;
  let errexitBeforeLast = false;
  for (const s of file.Stmts) {
    errexitBeforeLast = errexit;
    const links: ChainLink[] = [];
    flatten(s, false, links, null);
    statements.push({ links, start: off(s.Pos()), end: off(s.End()), background: s.Background });
    for (const l of links) if (l.command && isSetErrexit(l.command)) errexit = true;
  }
  return { src, statements, commands, errexit: errexitBeforeLast };
}

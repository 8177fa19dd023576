/**
 * The Containerfile model the rules read: stages, which of them make the OS image, FROM references
 * and RUN scripts split into shell commands, all with document offsets.
 *
 * Each instruction is parsed on its own (dockerfile-ast, then mvdan/sh for RUN) and the result is
 * cached by the instruction's text, so an edit re-parses only the instructions it touched.
 */
import {
  DockerfileParser,
  From as DFrom,
  Run as DRun,
  JSONInstruction,
  PropertyInstruction,
  Instruction,
  ModifiableInstruction,
} from 'dockerfile-ast';
import { LineIndex, Range } from '../core/lineIndex';
import { parseShell, Script, Word, Command } from './shell';
import { changesEscape, HeredocSpan, lineEnd, scanChunksFrom, scanInstruction } from './chunks';
import { heredocMarker, lineWords } from './heredoc';
import { cacheOwner, CacheEntry, memoByText, onReleaseCacheOwner } from '../core/memo';
import { commonEnds } from '../core/textDiff';
import { applyVariables, type Scope } from './variables';

export interface Arg {
  value: string;
  start: number;
  end: number;
}
export interface Prop {
  name: string;
  nameStart: number;
  nameEnd: number;
  value: string | null;
}
/** A flag such as `--mount=type=secret,id=x` (RUN, COPY, ADD, FROM); `value` is null for a bare `--flag`. */
export interface Flag {
  name: string;
  value: string | null;
  start: number;
  end: number;
}

/** What one instruction parses to; offsets are relative to the start of its chunk. */
interface InstInfo {
  keyword: string;
  start: number;
  end: number;
  keywordEnd: number;
  args: Arg[];
  props: Prop[];
  flags: Flag[];
  /** Here-documents of RUN, COPY and ADD (offsets relative to the chunk). */
  heredocs: HeredocSpan[];
  from?: { image: string; start: number; end: number; stage: string | null };
  run?: { script: Script; base: number; heredoc: boolean; exec: boolean; delimStart: number | null };
}

/** An instruction at its place in the document. */
export class Inst {
  /** The ARG and ENV variables it sees (variables.ts `scopeOf`). */
  scope: Scope | undefined = undefined;
  constructor(
    private readonly info: InstInfo,
    readonly base: number,
  ) {}
  get keyword(): string {
    return this.info.keyword;
  }
  get start(): number {
    return this.base + this.info.start;
  }
  get end(): number {
    return this.base + this.info.end;
  }
  get keywordEnd(): number {
    return this.base + this.info.keywordEnd;
  }
  // Each list is made once per instruction and shared by the rules that ask (they only read it).
  private argsAt?: Arg[];
  private propsAt?: Prop[];
  private flagsAt?: Flag[];
  private heredocsAt?: HeredocSpan[];
  args(): Arg[] {
    const b = this.base;
    return (this.argsAt ??= this.info.args.length
      ? this.info.args.map((a) => ({ value: a.value, start: a.start + b, end: a.end + b }))
      : []);
  }
  props(): Prop[] {
    const b = this.base;
    return (this.propsAt ??= this.info.props.length
      ? this.info.props.map((p) => ({ ...p, nameStart: p.nameStart + b, nameEnd: p.nameEnd + b }))
      : []);
  }
  flags(): Flag[] {
    const b = this.base;
    return (this.flagsAt ??= this.info.flags.length ? this.info.flags.map((f) => ({ ...f, start: f.start + b, end: f.end + b })) : []);
  }
  /** The here-documents this instruction reads, in document offsets. */
  heredocs(): HeredocSpan[] {
    const b = this.base;
    return (this.heredocsAt ??= this.info.heredocs.map((h) => ({
      ...h,
      bodyStart: h.bodyStart + b,
      bodyEnd: h.bodyEnd + b,
      delimStart: h.delimStart === null ? null : h.delimStart + b,
      delimEnd: h.delimEnd === null ? null : h.delimEnd + b,
    })));
  }
  /** @internal */ get raw(): InstInfo {
    return this.info;
  }
}

export interface FromRef {
  inst: Inst;
  /** The image as written, e.g. `quay.io/x/y@sha256:...` or `${BASE}`. */
  image: string;
  start: number;
  end: number;
  /** Index of an earlier stage this FROM names, if any. */
  stageRef?: number;
  /** `FROM configs` in on-cluster layering: the MCO-generated stage. */
  onCluster: boolean;
  /** For `FROM ${NAME}`: the ARG and its default (null = no default, undefined = no such ARG). */
  arg?: { name: string; defaultValue: string | null | undefined };
}

export interface RunModel {
  inst: Inst;
  stage: number;
  /** The script as the shell runs it: known ARG/ENV values are filled into its words (variables.ts). */
  script: Script;
  /** Document offset of script offset 0. */
  base: number;
  heredoc: boolean;
  exec: boolean;
  start: number;
  end: number;
  /** Start of the heredoc terminator line, for heredoc RUNs. */
  delimStart: number | null;
  /** The ARG and ENV variables it sees (variables.ts `scopeOf`). */
  scope?: Scope | undefined;
}

export interface Stage {
  index: number;
  name?: string;
  from: FromRef;
  instructions: Inst[];
  runs: RunModel[];
  /** Part of the OS image: the final stage and the stages it builds on through `FROM <alias>`. */
  isOS: boolean;
}

export interface ContainerfileModel {
  text: string;
  index: LineIndex;
  instructions: Inst[];
  stages: Stage[];
  /** RUNs of OS stages, in order. */
  osRuns: RunModel[];
}

/**
 * dockerfile-ast recomputes an instruction's arguments from its text on every call, and its own
 * constructors and getters call that five times per RUN (a quarter of opening a file, bench/README.md).
 * An instruction's text never changes, so the first answer is kept per instruction; callers get a copy
 * (ModifiableInstruction.getArguments shifts the flags off the array it is given).
 */
const RAW_ARGS = Symbol('rawArguments');
const proto = Instruction.prototype as unknown as { getRawArguments: () => unknown[] };
const uncachedRawArguments = proto.getRawArguments;
if (typeof uncachedRawArguments === 'function') {
  // Kept on the instruction itself: a WeakMap entry per instruction cost more than the lookup saved.
  proto.getRawArguments = function (this: { [RAW_ARGS]?: unknown[] }) {
    const a = (this[RAW_ARGS] ??= uncachedRawArguments.call(this));
    return a.slice();
  };
}

/**
 * dockerfile-ast asks whether a parse's first character is a UTF-8 byte-order mark by encoding it into a
 * Buffer, twice per parse: a tenth of opening a 10,000-line file (one parse per instruction). A string's
 * first character is the mark when it is U+FEFF, which is what the encoding tested for.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dockerUtil = (require('dockerfile-ast/lib/util') as { Util?: { isUTF8BOM?: (c: string) => boolean } }).Util;
if (dockerUtil && typeof dockerUtil.isUTF8BOM === 'function') dockerUtil.isUTF8BOM = (c: string) => c.charCodeAt(0) === 0xfeff;

/** One instruction chunk's parse, cached by its text. */
const parseChunk = memoByText(100_000, (text: string) => parseChunkText(text));

/**
 * An instruction chunk: dockerfile-ast parses its own lines (the head); the here-document bodies after
 * them come from the chunk scan, which follows BuildKit's rules for where they start and end.
 */
function parseChunkText(text: string): InstInfo[] {
  const chunk = scanInstruction(text, 0);
  // The chunk scan found no here-document: dockerfile-ast need not look for them (a tenth of opening a file).
  if (chunk.heredocs.length === 0) return parseInstructions(text, { text, headEnd: text.length, heredocs: [] });
  const infos = parseInstructions(text.slice(0, chunk.headEnd), { text, headEnd: chunk.headEnd, heredocs: chunk.heredocs });
  if (infos.length === 1) infos[0]!.end = chunk.end;
  return infos;
}

interface HeredocContext {
  /** The whole chunk (head and bodies). */
  text: string;
  headEnd: number;
  heredocs: HeredocSpan[];
}

function parseInstructions(text: string, hd?: HeredocContext): InstInfo[] {
  const index = new LineIndex(hd?.text ?? text);
  const df = DockerfileParser.parse(text);
  const escape = df.getEscapeCharacter();
  const off = (r: Range) => index.offsetAt(r.start);
  const offEnd = (r: Range) => index.offsetAt(r.end);
  return df.getInstructions().map((inst) => {
    const range = inst.getRange();
    const kw = inst.getKeyword();
    const info: InstInfo = {
      keyword: kw,
      start: off(range),
      end: offEnd(range),
      keywordEnd: offEnd(inst.getInstructionRange()),
      args: inst.getArguments().map((a) => ({ value: a.getValue(), start: off(a.getRange()), end: offEnd(a.getRange()) })),
      props: [],
      flags: flagsOf(inst, off, offEnd),
      heredocs: [],
    };
    if (kw === 'RUN' || kw === 'COPY' || kw === 'ADD') {
      info.heredocs = hd ? hd.heredocs : astHeredocs(inst, index);
    }
    if (kw === 'ARG' || kw === 'ENV') {
      info.props = (inst as PropertyInstruction)
        .getProperties()
        .map((p) => ({ name: p.getName(), nameStart: off(p.getNameRange()), nameEnd: offEnd(p.getNameRange()), value: p.getValue() }));
    } else if (kw === 'FROM') {
      const from = inst as DFrom;
      const r = from.getImageRange();
      info.from = {
        image: from.getImage() ?? '',
        start: r ? off(r) : info.start,
        end: r ? offEnd(r) : info.end,
        stage: from.getBuildStage(),
      };
    } else if (kw === 'RUN') {
      const full = hd?.text ?? text;
      info.run = buildRun(inst as DRun, full, index, escape, info.heredocs, hd ? hd.headEnd : headOf(full, info));
    }
    return info;
  });
}

function flagsOf(inst: Instruction, off: (r: Range) => number, offEnd: (r: Range) => number): Flag[] {
  if (!(inst instanceof ModifiableInstruction)) return [];
  return inst.getFlags().map((f) => ({ name: f.getName(), value: f.getValue(), start: off(f.getRange()), end: offEnd(f.getRange()) }));
}

/** Here-documents as dockerfile-ast finds them, for the whole-file parse (a file with `# escape=\``). */
function astHeredocs(inst: Instruction, index: LineIndex): HeredocSpan[] {
  return (inst as DRun).getHeredocs().map((h) => {
    const content = h.getContentRange();
    const delim = h.getDelimiterRange();
    const nameEnd = index.offsetAt(h.getNameRange().end);
    const bodyStart = content ? index.offsetAt(content.start) : index.offsetAt({ line: index.positionAt(nameEnd).line + 1, character: 0 });
    const delimStart = delim ? index.offsetAt({ line: delim.start.line, character: 0 }) : null;
    return {
      name: h.getName(),
      chomp: /^<<-/.test(index.text.slice(index.offsetAt(h.getStartRange().start), nameEnd)),
      quoted: false,
      bodyStart,
      bodyEnd: delimStart ?? index.text.length,
      delimStart,
      delimEnd: delim ? index.offsetAt(delim.end) : null,
    };
  });
}

/** For the whole-file parse: the end of the instruction's own lines (the first body's start, less its line break). */
function headOf(text: string, info: InstInfo): number {
  const first = info.heredocs[0];
  if (!first) return info.end;
  let e = first.bodyStart - 1;
  if (e > 0 && text.charCodeAt(e - 1) === 13) e--;
  return Math.max(info.start, e);
}

/**
 * Instructions parsed chunk by chunk; null when a chunk is not exactly one instruction (odd input).
 * For an open document (the cache owner) the chunks of its previous version are kept: after an edit the
 * scan starts again at the chunk before the edit and stops at the first chunk after it that starts where
 * a chunk started before, and the chunks on either side are taken over with their parses (their texts
 * are unchanged), so a keystroke costs the chunks it touched, not a scan and a cache lookup of every
 * instruction. The result is the same as a scan of the whole text (test/engine/chunkReuse.test.ts).
 */
/** Chunks scanned and chunks taken over from the document's previous version, since the process started (tests read them). */
export const chunkStats = { scanned: 0, reused: 0 };

function chunkedInstructions(text: string): Inst[] | null {
  if (changesEscape(text)) return null;
  const owner = cacheOwner();
  const prev = owner === null ? undefined : versions.get(owner);
  const out: Inst[] = [];
  const next: ChunkVersion = { text, starts: [], entries: [], insts: out };
  /** `same`: the previous version's instruction at the same place, taken over whole (with its argument lists). */
  const add = (start: number, e: CacheEntry<InstInfo[]>, same?: Inst) => {
    next.starts.push(start);
    next.entries.push(e);
    out.push(same ?? new Inst(e.value[0]!, start));
  };
  let pos = 0;
  let suffixStart = Infinity;
  let delta = 0;
  let kept = 0;
  if (prev) {
    const ends = commonEnds(prev.text, text);
    delta = text.length - prev.text.length;
    suffixStart = text.length - ends.suffix;
    // The leading chunks whose scan (up to their last line's break) lies before the first changed character.
    const scannedTo = (i: number) => lineEnd(prev.text, prev.starts[i]! + prev.entries[i]!.chars);
    let lo = 0;
    let hi = prev.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (scannedTo(mid) < ends.prefix) lo = mid + 1;
      else hi = mid;
    }
    kept = lo;
    chunkStats.reused += kept;
    for (let i = 0; i < kept; i++) {
      parseChunk.touch(prev.entries[i]!);
      add(prev.starts[i]!, prev.entries[i]!, prev.insts[i]);
    }
    if (kept > 0) pos = scannedTo(kept - 1) + 1;
  }
  let odd = false;
  scanChunksFrom(text, pos, (c) => {
    if (prev && c.start >= suffixStart) {
      // From here on the text is the old one shifted by `delta`: if a chunk started here before, the rest is as before.
      const j = indexOf(prev.starts, c.start - delta, kept);
      if (j >= 0) {
        chunkStats.reused += prev.starts.length - j;
        for (let i = j; i < prev.starts.length; i++) {
          parseChunk.touch(prev.entries[i]!);
          add(prev.starts[i]! + delta, prev.entries[i]!, delta === 0 ? prev.insts[i] : undefined);
        }
        return false;
      }
    }
    chunkStats.scanned++;
    const e = parseChunk.entry(text.slice(c.start, c.end));
    if (e.value.length !== 1) {
      odd = true;
      return false;
    }
    add(c.start, e);
    return true;
  });
  if (owner !== null) {
    if (odd) versions.delete(owner);
    else versions.set(owner, next);
  }
  return odd ? null : out;
}

/** A document's chunks: where each starts, and its parse (whose key is the chunk's text). */
interface ChunkVersion {
  text: string;
  starts: number[];
  entries: CacheEntry<InstInfo[]>[];
  insts: Inst[];
}
const versions = new Map<string, ChunkVersion>();
onReleaseCacheOwner((owner) => versions.delete(owner));

/** Index of `x` in the sorted `a` at or after `from`, or -1. */
function indexOf(a: number[], x: number, from: number): number {
  let lo = from;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid]!;
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The model built last, which the open document's workspace facts read after its lint (no second build). */
let last: ContainerfileModel | undefined;

/** The model built last, when it was built from `text`. */
export function lastModel(text: string): ContainerfileModel | undefined {
  return last !== undefined && last.text === text ? last : undefined;
}

export function buildModel(text: string): ContainerfileModel {
  last = undefined;
  const model = buildNewModel(text);
  last = model;
  return model;
}

function buildNewModel(text: string): ContainerfileModel {
  const index = new LineIndex(text);
  // The whole-file fallback is not cached: its key changes with every keystroke.
  const instructions = chunkedInstructions(text) ?? parseInstructions(text).map((info) => new Inst(info, 0));

  const stages: Stage[] = [];
  const initialArgs = new Map<string, string | null>();
  for (const inst of instructions) {
    const info = inst.raw;
    if (info.from) {
      const image = info.from.image;
      const ref: FromRef = { inst, image, start: inst.base + info.from.start, end: inst.base + info.from.end, onCluster: false };
      const lower = image.toLowerCase();
      const prior = stages.findIndex((s) => s.name !== undefined && s.name.toLowerCase() === lower);
      if (prior >= 0) ref.stageRef = prior;
      else if (/^\d+$/.test(image) && Number(image) < stages.length) ref.stageRef = Number(image);
      else if (lower === 'configs') ref.onCluster = true;
      const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(image);
      if (m) ref.arg = { name: m[1]!, defaultValue: initialArgs.has(m[1]!) ? initialArgs.get(m[1]!) : undefined };
      const stage: Stage = { index: stages.length, from: ref, instructions: [inst], runs: [], isOS: false };
      if (info.from.stage) stage.name = info.from.stage;
      stages.push(stage);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (info.keyword === 'ARG') for (const p of info.props) initialArgs.set(p.name, p.value);
      continue;
    }
    stage.instructions.push(inst);
    if (info.run) {
      const r = info.run;
      stage.runs.push({
        inst,
        stage: stage.index,
        script: r.script,
        base: inst.base + r.base,
        heredoc: r.heredoc,
        exec: r.exec,
        start: inst.start,
        end: inst.end,
        delimStart: r.delimStart === null ? null : inst.base + r.delimStart,
        scope: undefined,
      });
    }
  }

  // The final stage is the OS image; so is every stage it builds on.
  let cur: Stage | undefined = stages[stages.length - 1];
  const seen = new Set<number>();
  while (cur && !seen.has(cur.index)) {
    seen.add(cur.index);
    cur.isOS = true;
    cur = cur.from.stageRef !== undefined ? stages[cur.from.stageRef] : undefined;
  }
  // Known ARG/ENV values filled into each RUN's script (variables.ts).
  const firstFrom = instructions.findIndex((i) => i.raw.from);
  applyVariables(text, index, firstFrom < 0 ? instructions : instructions.slice(0, firstFrom), stages);
  const osRuns = stages.filter((s) => s.isOS).flatMap((s) => s.runs);
  return { text, index, instructions, stages, osRuns };
}

type RunInfo = NonNullable<InstInfo['run']>;

function buildRun(inst: DRun, text: string, index: LineIndex, escape: string, heredocs: HeredocSpan[], headEnd: number): RunInfo {
  const range = inst.getRange();
  const end = index.offsetAt(range.end);
  const args = inst.getArguments();
  const empty: RunInfo = {
    script: { src: '', statements: [], commands: [], errexit: false },
    base: 0,
    heredoc: false,
    exec: false,
    delimStart: null,
  };
  if (args.length === 0) return empty;
  const argStart = index.offsetAt(args[0]!.getRange().start);
  const first = args[0]!.getValue();

  if (first.startsWith('[')) return { ...empty, exec: true, script: execScript(inst, index, text) };
  if (heredocs.length === 0) return { ...empty, base: argStart, script: parseShell(prepareShellSource(text.slice(argStart, end), escape)) };

  const head = prepareShellSource(text.slice(argStart, headEnd), escape);
  const body = heredocs[0]!;
  const shell = scriptShell(lineWords(head.replace(/\\[ \t]*\n/g, ' ')));
  if (shell) {
    // `RUN <<EOF` (BuildKit runs the body with the shell) or `RUN bash -e <<EOF`: the body is the script.
    if (body.bodyEnd <= body.bodyStart) return { ...empty, heredoc: true, delimStart: body.delimStart };
    const src = bodySource(text.slice(body.bodyStart, body.bodyEnd));
    if (/^#!/.test(src) && !/^#!\s*\S*?(\/|\s)(ba|da)?sh\b/.test(src.split('\n', 1)[0]!)) {
      // A script with its own interpreter (`#!/usr/bin/python3`): not shell.
      return { ...empty, heredoc: true, base: body.bodyStart, delimStart: body.delimStart, script: { ...empty.script, src } };
    }
    let script = parseShell(src);
    if (shell.errexit && !script.errexit) script = { ...script, errexit: true };
    return { ...empty, heredoc: true, base: body.bodyStart, script, delimStart: body.delimStart };
  }
  // A command that reads here-documents (`cat <<EOF > /etc/x.repo`): BuildKit hands the shell the command
  // line followed by each body and its terminator, which is the instruction's text from the arguments on.
  const last = heredocs[heredocs.length - 1]!;
  let src = head + text.slice(headEnd, Math.max(end, last.delimEnd ?? last.bodyEnd));
  const chars = src.split('');
  for (const h of heredocs) {
    // A CRLF terminator line: `EOF\r` would not end the body for the shell; BuildKit trims the \r.
    const at = (h.delimEnd ?? -1) - argStart;
    if (at >= 0 && at < chars.length && chars[at] === '\r') chars[at] = '\n';
  }
  src = bodySource(chars.join(''));
  return { ...empty, base: argStart, script: parseShell(src) };
}

/** The shell that runs a here-document body as its script: `<<EOF` alone, or `sh`/`bash` with options and `<<EOF`. */
function scriptShell(words: string[]): { errexit: boolean } | null {
  const last = words[words.length - 1];
  if (!last || !heredocMarker(last)) return null;
  if (words.length === 1) return { errexit: false };
  if (!/^(?:(?:\/usr)?\/bin\/)?(?:ba)?sh$/.test(words[0]!)) return null;
  const opts = words.slice(1, -1);
  if (!opts.every((o) => /^-[a-z]+$/.test(o))) return null;
  return { errexit: opts.some((o) => /^-[a-z]*e/.test(o)) };
}

/** A here-document's text as the shell reads it, same length: CRLF line ends keep their `\` continuations. */
function bodySource(raw: string): string {
  return raw.replace(/\\\r\n/g, ' \\\n').replace(/\r/g, ' ');
}

/**
 * Turns a RUN's text into what the shell sees, keeping every offset: Docker drops comment lines
 * inside a continued instruction, so they become blanks ending in a continuation.
 */
export function prepareShellSource(src: string, escape: string): string {
  // Keep offsets: `\<CR><LF>` becomes ` \<LF>` so the shell still sees a line continuation, and so does
  // `\` followed by blanks (the Dockerfile parser's continuation is `\[ \t]*$`; the shell's is `\` alone).
  let s = src
    .replace(/([\\`])\r\n/g, ' $1\n')
    .replace(/\r/g, ' ')
    .replace(/([\\`])([ \t]+)\n/g, '$2$1\n');
  if (escape === '`') s = s.replace(/`\n/g, '\\\n');
  if (!s.includes('\n')) return s;
  const lines = s.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const line = lines[i]!;
    if (!/\\\s*$/.test(prev) && !(prev.trim() === '' || /^\s*#/.test(prev))) continue;
    if (/^\s*#/.test(line) || (line.trim() === '' && line.length > 0)) {
      lines[i] = ' '.repeat(line.length - 1) + '\\';
    }
  }
  return lines.join('\n');
}

function execScript(inst: DRun, index: LineIndex, text: string): Script {
  const strings = (inst as JSONInstruction).getJSONStrings();
  const words: Word[] = strings.map((j) => {
    const r = j.getRange();
    const start = index.offsetAt(r.start);
    const end = index.offsetAt(r.end);
    return { value: jsonString(text.slice(start, end)), dynamic: false, unquotedBraces: false, start, end };
  });
  if (words.length >= 3 && /(^|\/)(ba)?sh$/.test(words[0]!.value) && words[1]!.value === '-c') {
    // ["/bin/sh", "-c", "script"]: parse the script; offsets stay inside its JSON string.
    return { ...shiftScript(parseShell(words[2]!.value), words[2]!.start + 1), src: text };
  }
  if (words.length === 0) return { src: text, statements: [], commands: [], errexit: false };
  const cmd: Command = { words, redirects: [], start: words[0]!.start, end: words[words.length - 1]!.end, nested: false };
  return {
    src: text,
    statements: [
      { links: [{ command: cmd, op: null, start: cmd.start, end: cmd.end }], start: cmd.start, end: cmd.end, background: false },
    ],
    commands: [cmd],
    errexit: false,
  };
}

/** Document range of a script-relative span of a RUN. */
export function runRange(model: ContainerfileModel, run: RunModel, start: number, end: number): Range {
  return model.index.range(start + run.base, end + run.base);
}

function shiftScript(s: Script, by: number): Script {
  const w = (x: Word): Word => ({ ...x, start: x.start + by, end: x.end + by });
  const cmds = new Map<Command, Command>();
  const c = (x: Command): Command => {
    let y = cmds.get(x);
    if (!y) {
      y = {
        ...x,
        start: x.start + by,
        end: x.end + by,
        words: x.words.map(w),
        redirects: x.redirects.map((r) => ({ op: r.op, target: r.target ? w(r.target) : null, body: r.body ? w(r.body) : undefined })),
      };
      cmds.set(x, y);
    }
    return y;
  };
  return {
    src: s.src,
    errexit: s.errexit,
    commands: s.commands.map(c),
    statements: s.statements.map((st) => ({
      ...st,
      start: st.start + by,
      end: st.end + by,
      links: st.links.map((l) => ({ ...l, start: l.start + by, end: l.end + by, command: l.command ? c(l.command) : null })),
    })),
  };
}

function jsonString(raw: string): string {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : raw;
  } catch {
    return raw.replace(/^"|"$/g, '');
  }
}

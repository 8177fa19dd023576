/**
 * The Containerfile model the rules read: stages, which of them make the OS image, FROM references
 * and RUN scripts split into shell commands, all with document offsets.
 *
 * Each instruction is parsed on its own (dockerfile-ast, then mvdan/sh for RUN) and the result is
 * cached by the instruction's text, so an edit re-parses only the instructions it touched.
 */
import { DockerfileParser, From as DFrom, Run as DRun, JSONInstruction, PropertyInstruction } from 'dockerfile-ast';
import { LineIndex, Range } from '../core/lineIndex';
import { parseShell, Script, Word, Command } from './shell';
import { splitChunks } from './chunks';
import { memoByText } from '../core/memo';
import { applyVariables } from './variables';

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

/** What one instruction parses to; offsets are relative to the start of its chunk. */
interface InstInfo {
  keyword: string;
  start: number;
  end: number;
  keywordEnd: number;
  args: Arg[];
  props: Prop[];
  from?: { image: string; start: number; end: number; stage: string | null };
  run?: { script: Script; base: number; heredoc: boolean; exec: boolean; delimStart: number | null };
}

/** An instruction at its place in the document. */
export class Inst {
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
  args(): Arg[] {
    return this.info.args.map((a) => ({ value: a.value, start: a.start + this.base, end: a.end + this.base }));
  }
  props(): Prop[] {
    return this.info.props.map((p) => ({ ...p, nameStart: p.nameStart + this.base, nameEnd: p.nameEnd + this.base }));
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

/** One instruction chunk's parse, cached by its text. */
const parseChunk = memoByText(100_000, (text: string) => parseInstructions(text));

function parseInstructions(text: string): InstInfo[] {
  const index = new LineIndex(text);
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
    };
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
      info.run = buildRun(inst as DRun, text, index, escape);
    }
    return info;
  });
}

/** Instructions parsed chunk by chunk; null when a chunk is not exactly one instruction (odd input). */
function chunkedInstructions(text: string): Inst[] | null {
  const chunks = splitChunks(text);
  if (!chunks) return null;
  const out: Inst[] = [];
  for (const c of chunks) {
    const infos = parseChunk(text.slice(c.start, c.end));
    if (infos.length !== 1) return null;
    out.push(new Inst(infos[0]!, c.start));
  }
  return out;
}

export function buildModel(text: string): ContainerfileModel {
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

function buildRun(inst: DRun, text: string, index: LineIndex, escape: string): RunInfo {
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

  const heredocs = inst.getHeredocs();
  if (heredocs.length > 0) {
    const firstLineEnd = text.indexOf('\n', argStart);
    const head = text.slice(argStart, firstLineEnd < 0 ? end : firstLineEnd).trim();
    // `RUN <<EOF` or `RUN bash -e <<EOF`: the body is the script.
    if (/^(?:(?:\/usr)?(?:\/bin\/)?(?:ba)?sh(?:\s+-[a-z]+)*\s+)?<<-?\s*["']?\w+["']?$/.test(head)) {
      const content = heredocs[0]!.getContentRange();
      const delim = heredocs[0]!.getDelimiterRange();
      const delimStart = delim ? index.offsetAt({ line: delim.start.line, character: 0 }) : null;
      if (!content) return { ...empty, heredoc: true, delimStart };
      const cStart = index.offsetAt(content.start);
      const cEnd = index.offsetAt(content.end);
      const src = text.slice(cStart, cEnd).replace(/\r/g, ' ');
      let script = parseShell(src);
      if (/\s-[a-z]*e/.test(head) && !script.errexit) script = { ...script, errexit: true };
      return { ...empty, heredoc: true, base: cStart, script, delimStart };
    }
    // Otherwise the heredoc is data for the command; parse the command line only.
    const lineEnd = firstLineEnd < 0 ? end : firstLineEnd;
    return { ...empty, base: argStart, script: parseShell(prepareShellSource(text.slice(argStart, lineEnd), escape)) };
  }
  return { ...empty, base: argStart, script: parseShell(prepareShellSource(text.slice(argStart, end), escape)) };
}

/**
 * Turns a RUN's text into what the shell sees, keeping every offset: Docker drops comment lines
 * inside a continued instruction, so they become blanks ending in a continuation.
 */
export function prepareShellSource(src: string, escape: string): string {
  // Keep offsets: `\<CR><LF>` becomes ` \<LF>` so the shell still sees a line continuation.
  let s = src.replace(/([\\`])\r\n/g, ' $1\n').replace(/\r/g, ' ');
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
        redirects: x.redirects.map((r) => ({ op: r.op, target: r.target ? w(r.target) : null })),
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

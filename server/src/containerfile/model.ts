/**
 * The Containerfile model the rules read: stages, which of them make the OS image, FROM references
 * and RUN scripts split into shell commands, all with document offsets.
 */
import { DockerfileParser, From, Instruction, Run, Arg, JSONInstruction } from 'dockerfile-ast';
import { LineIndex, Range } from '../text/lineIndex';
import { parseShell, Script, Word, Command } from './shell';

export interface FromRef {
  inst: From;
  /** The image as written, e.g. `quay.io/x/y@sha256:...` or `${BASE}`. */
  image: string;
  start: number;
  end: number;
  /** Index of an earlier stage this FROM names, if any. */
  stageRef?: number;
  /** `FROM configs` in on-cluster layering: the MCO-generated stage. */
  onCluster: boolean;
  /** For `FROM ${NAME}`: the ARG and its default (null = no default, undefined = no such ARG). */
  arg?: { name: string; defaultValue: string | null | undefined; inst?: Arg };
}

export interface RunModel {
  inst: Run;
  stage: number;
  script: Script;
  /** Document offset of script offset 0. */
  base: number;
  heredoc: boolean;
  exec: boolean;
  start: number;
  end: number;
}

export interface Stage {
  index: number;
  name?: string;
  from: FromRef;
  instructions: Instruction[];
  runs: RunModel[];
  /** Part of the OS image: the final stage and the stages it builds on through `FROM <alias>`. */
  isOS: boolean;
}

export interface ContainerfileModel {
  text: string;
  index: LineIndex;
  instructions: Instruction[];
  stages: Stage[];
  /** RUNs of OS stages, in order. */
  osRuns: RunModel[];
}

export function buildModel(text: string): ContainerfileModel {
  const index = new LineIndex(text);
  const df = DockerfileParser.parse(text);
  const escape = df.getEscapeCharacter();
  const initialArgs = df.getInitialARGs();
  const instructions = df.getInstructions();
  const stages: Stage[] = [];
  const off = (r: Range) => index.offsetAt(r.start);
  const offEnd = (r: Range) => index.offsetAt(r.end);

  for (const inst of instructions) {
    const kw = inst.getKeyword();
    if (kw === 'FROM') {
      const from = inst as From;
      const imageRange = from.getImageRange();
      const image = from.getImage() ?? '';
      const start = imageRange ? off(imageRange) : off(inst.getRange());
      const end = imageRange ? offEnd(imageRange) : offEnd(inst.getRange());
      const name = from.getBuildStage() ?? undefined;
      const ref: FromRef = { inst: from, image, start, end, onCluster: false };
      const lower = image.toLowerCase();
      const prior = stages.findIndex((s) => s.name !== undefined && s.name.toLowerCase() === lower);
      if (prior >= 0) ref.stageRef = prior;
      else if (/^\d+$/.test(image) && Number(image) < stages.length) ref.stageRef = Number(image);
      else if (lower === 'configs') ref.onCluster = true;
      const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(image);
      if (m) {
        const argName = m[1]!;
        const argInst = [...initialArgs].reverse().find((a) => a.getProperty()?.getName() === argName);
        const prop = argInst?.getProperty();
        ref.arg = { name: argName, defaultValue: argInst ? (prop?.getValue() ?? null) : undefined };
        if (argInst) ref.arg.inst = argInst;
      }
      const stage: Stage = { index: stages.length, from: ref, instructions: [inst], runs: [], isOS: false };
      if (name) stage.name = name;
      stages.push(stage);
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) continue; // ARGs before the first FROM
    stage.instructions.push(inst);
    if (kw === 'RUN') stage.runs.push(buildRun(inst as Run, stage.index, text, index, escape));
  }

  // The final stage is the OS image; so is every stage it builds on.
  let cur: Stage | undefined = stages[stages.length - 1];
  const seen = new Set<number>();
  while (cur && !seen.has(cur.index)) {
    seen.add(cur.index);
    cur.isOS = true;
    cur = cur.from.stageRef !== undefined ? stages[cur.from.stageRef] : undefined;
  }
  const osRuns = stages.filter((s) => s.isOS).flatMap((s) => s.runs);
  return { text, index, instructions, stages, osRuns };
}

function buildRun(inst: Run, stage: number, text: string, index: LineIndex, escape: string): RunModel {
  const range = inst.getRange();
  const start = index.offsetAt(range.start);
  const end = index.offsetAt(range.end);
  const args = inst.getArguments();
  const empty: RunModel = { inst, stage, script: { statements: [], commands: [], errexit: false }, base: start, heredoc: false, exec: false, start, end };
  if (args.length === 0) return empty;
  const argStart = index.offsetAt(args[0]!.getRange().start);
  const first = args[0]!.getValue();

  if (first.startsWith('[')) {
    return { ...empty, exec: true, script: execScript(inst, index, text) };
  }

  const heredocs = inst.getHeredocs();
  if (heredocs.length > 0) {
    const firstLineEnd = text.indexOf('\n', argStart);
    const head = text.slice(argStart, firstLineEnd < 0 ? end : firstLineEnd).trim();
    // `RUN <<EOF` or `RUN bash -e <<EOF`: the body is the script.
    if (/^(?:(?:\/usr)?(?:\/bin\/)?(?:ba)?sh(?:\s+-[a-z]+)*\s+)?<<-?\s*["']?\w+["']?$/.test(head)) {
      const content = heredocs[0]!.getContentRange();
      if (!content) return { ...empty, heredoc: true };
      const cStart = index.offsetAt(content.start);
      const cEnd = index.offsetAt(content.end);
      const src = text.slice(cStart, cEnd).replace(/\r/g, ' ');
      let script = parseShell(src);
      if (/\s-[a-z]*e/.test(head) && !script.errexit) script = { ...script, errexit: true };
      return { ...empty, heredoc: true, base: cStart, script };
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

function execScript(inst: Run, index: LineIndex, text: string): Script {
  const strings = (inst as JSONInstruction).getJSONStrings();
  const words: Word[] = strings.map((j) => {
    const r = j.getRange();
    const start = index.offsetAt(r.start);
    const end = index.offsetAt(r.end);
    return { value: jsonString(text.slice(start, end)), dynamic: false, unquotedBraces: false, start, end };
  });
  if (words.length >= 3 && /(^|\/)(ba)?sh$/.test(words[0]!.value) && words[1]!.value === '-c') {
    // ["/bin/sh", "-c", "script"]: parse the script; offsets stay inside its JSON string.
    return shiftScript(parseShell(words[2]!.value), words[2]!.start + 1);
  }
  if (words.length === 0) return { statements: [], commands: [], errexit: false };
  const cmd: Command = { words, redirects: [], start: words[0]!.start, end: words[words.length - 1]!.end, nested: false };
  return { statements: [{ links: [{ command: cmd, op: null, start: cmd.start, end: cmd.end }], start: cmd.start, end: cmd.end, background: false }], commands: [cmd], errexit: false };
}

/** Document range of a script-relative span of a RUN. */
export function runRange(model: ContainerfileModel, run: RunModel, start: number, end: number): Range {
  const shift = run.exec ? 0 : run.base;
  return model.index.range(start + shift, end + shift);
}

function shiftScript(s: Script, by: number): Script {
  const w = (x: Word): Word => ({ ...x, start: x.start + by, end: x.end + by });
  const cmds = new Map<Command, Command>();
  const c = (x: Command): Command => {
    let y = cmds.get(x);
    if (!y) {
      y = { ...x, start: x.start + by, end: x.end + by, words: x.words.map(w), redirects: x.redirects.map((r) => ({ op: r.op, target: r.target ? w(r.target) : null })) };
      cmds.set(x, y);
    }
    return y;
  };
  return {
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

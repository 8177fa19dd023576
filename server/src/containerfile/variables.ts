/**
 * Build variables: what `ARG` and `ENV` give each instruction, and RUN scripts with the values that
 * are known filled in the way the shell fills them, so that the package, kernel, URL and conflict
 * rules judge what is really installed or fetched.
 *
 * Scoping follows the Dockerfile reference ("Scope", "Understand how ARG and FROM interact", "ENV") as
 * buildah (openshift/imagebuilder dispatchers.go `arg`, builder.go `builderForStage`) and BuildKit
 * (dockerfile2llb convert.go) implement it: an ARG before the first FROM is seen by FROM lines only,
 * unless a stage declares it again (`ARG X` takes the global default); ARG and ENV are seen after
 * their declaration until the end of the stage; ENV wins over an ARG of the same name; a stage built
 * `FROM <earlier stage>` inherits that stage's ENV (it is in the image config). It does not get the
 * earlier stage's ARGs in buildah (a new builder per stage) but does in BuildKit (`dispatchState.init`),
 * so they are not known here. A value that is not known (an ARG without default, anything the base
 * image or a `--build-arg` sets, a variable the script assigns itself) is left as written, so nothing is
 * judged on a guess. Defaults are judged as the build uses them without overrides.
 */
import type { LineIndex } from '../core/lineIndex';
import { memoByObject } from '../core/memo';
import type { Command, Script, Word } from './shell';

export interface VarDef {
  name: string;
  kind: 'ARG' | 'ENV';
  /** The value, with the variables it uses filled in; null when it is not known here. */
  value: string | null;
  /** 0-based line of the declaring instruction. */
  line: number;
}
/** What one instruction sees: the variable of a name, if any is declared; iterating gives them all. */
export interface Scope extends Iterable<[string, VarDef]> {
  get(name: string): VarDef | undefined;
}

/** The parts of the model this module reads (structural, so model.ts can call it without a cycle). */
interface VarInst {
  keyword: string;
  start: number;
  end: number;
  props(): { name: string; value: string | null }[];
  /** What it sees, set by `applyVariables`. */
  scope?: Scope | undefined;
}
interface VarRun {
  inst: VarInst;
  script: Script;
  scope?: Scope | undefined;
}
interface VarStage {
  from: { stageRef?: number };
  instructions: VarInst[];
  runs: VarRun[];
}

const EMPTY: Scope = new Map();

/**
 * The variables an instruction (or a RUN of the model) sees; empty before `applyVariables` ran. Kept on
 * the instruction itself: a WeakMap entry per instruction per keystroke cost more than the rest of this module.
 */
export function scopeOf(instOrRun: { scope?: Scope | undefined }): Scope {
  return instOrRun.scope ?? EMPTY;
}

/**
 * The ARG and ENV declarations of one stage, per name in the order they come. A scope is a position in
 * them, so an instruction's scope is two fields, not a copy of every variable declared so far (a copy per
 * ARG/ENV made a file with thousands of ENV lines quadratic: 50,000 lines took 20 s and gigabytes).
 */
class StageVars {
  private readonly byName = new Map<string, { at: number[]; defs: VarDef[] }>();
  /** Declarations so far. */
  count = 0;
  /** `parent`: the stage this one is built `FROM`, at its end (its ENV is in the image config). */
  constructor(private readonly parent: Scope | undefined) {}
  set(name: string, def: VarDef): void {
    this.count++;
    let h = this.byName.get(name);
    if (!h) this.byName.set(name, (h = { at: [], defs: [] }));
    h.at.push(this.count);
    h.defs.push(def);
  }
  /** The latest declaration of `name` among the first `upTo`, else the parent stage's ENV. */
  lookup(name: string, upTo: number): VarDef | undefined {
    const h = this.byName.get(name);
    if (h) {
      let lo = 0;
      let hi = h.at.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (h.at[mid]! <= upTo) lo = mid + 1;
        else hi = mid - 1;
      }
      if (hi >= 0) return h.defs[hi];
    }
    const p = this.parent?.get(name);
    return p?.kind === 'ENV' ? p : undefined;
  }
  get(name: string): VarDef | undefined {
    return this.lookup(name, this.count);
  }
  [Symbol.iterator](): Iterator<[string, VarDef]> {
    return this.entries(this.count);
  }
  /** Every variable seen among the first `upTo` declarations: the parent's ENV first, then in declaration order. */
  *entries(upTo: number): Generator<[string, VarDef]> {
    const seen = new Set<string>();
    for (const name of [...[...(this.parent ?? [])].map(([n]) => n), ...this.byName.keys()]) {
      const d = seen.has(name) ? undefined : this.lookup(name, upTo);
      seen.add(name);
      if (d) yield [name, d];
    }
  }
}

class StageScope implements Scope {
  constructor(
    private readonly vars: StageVars,
    private readonly upTo: number,
  ) {}
  get(name: string): VarDef | undefined {
    return this.vars.lookup(name, this.upTo);
  }
  [Symbol.iterator](): Iterator<[string, VarDef]> {
    return this.vars.entries(this.upTo);
  }
}

/** Where declarations go: the globals (a map) or a stage. */
interface Declarations extends Scope {
  set(name: string, def: VarDef): void;
}

/**
 * Records the scope of every instruction and replaces each RUN's script by one with the known
 * values filled in. `globals` are the instructions before the first FROM.
 */
export function applyVariables(text: string, index: LineIndex, globals: VarInst[], stages: VarStage[]): void {
  const meta = new Map<string, VarDef>();
  for (const inst of globals) if (inst.keyword === 'ARG') declare(meta, inst, 'ARG', text, index, meta);
  const envAtEnd: Scope[] = [];
  for (const stage of stages) {
    const vars = new StageVars(stage.from.stageRef !== undefined ? envAtEnd[stage.from.stageRef] : undefined);
    // Instructions share one scope until an ARG or ENV declares something.
    let scope = new StageScope(vars, 0);
    for (const inst of stage.instructions) {
      inst.scope = scope;
      if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') continue;
      declare(vars, inst, inst.keyword, text, index, meta);
      scope = new StageScope(vars, vars.count);
    }
    envAtEnd.push(vars);
    for (const run of stage.runs) {
      const s = scopeOf(run.inst);
      run.scope = s;
      run.script = expandScript(run.script, s);
    }
  }
}

function declare(scope: Declarations, inst: VarInst, kind: 'ARG' | 'ENV', text: string, index: LineIndex, meta: Scope): void {
  const line = index.positionAt(inst.start).line;
  // dockerfile-ast drops the backslash of `\$`: a value written with one is literal text we cannot tell apart.
  let escaped: boolean | undefined;
  for (const p of inst.props()) {
    if (kind === 'ARG' && scope.get(p.name)?.kind === 'ENV') continue; // ENV always wins over ARG
    let value: string | null;
    if (p.value === null) value = kind === 'ARG' && scope !== meta ? (meta.get(p.name)?.value ?? null) : null;
    else if (!p.value.includes('$')) value = p.value;
    else {
      escaped ??= text.slice(inst.start, inst.end).includes('\\$');
      value = escaped ? null : substitute(p.value, scope);
    }
    const from = p.value === null && kind === 'ARG' && scope !== meta ? meta.get(p.name) : undefined;
    scope.set(p.name, { name: p.name, kind, value, line: from && value !== null ? from.line : line });
  }
}

/** `$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}` with a literal `w`; other forms are not filled in. */
const PARAM = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^$"'`\\{}]*))?\})$/;

/** The value of one parameter expansion as written, or null when it is not known. */
function paramValue(raw: string, scope: Scope): { value: string; name: string } | null {
  const m = PARAM.exec(raw);
  if (!m) return null;
  const name = (m[1] ?? m[2])!;
  const def = scope.get(name);
  if (!def || def.value === null) return null;
  const op = m[3];
  const word = m[4] ?? '';
  const v = def.value;
  if (op === ':-') return { name, value: v === '' ? word : v };
  if (op === '-') return { name, value: v };
  if (op === ':+') return { name, value: v === '' ? '' : word };
  if (op === '+') return { name, value: word };
  return { name, value: v };
}

/** Dockerfile variable substitution in an ARG or ENV value; null when a variable in it is not known. */
function substitute(value: string, scope: Scope): string | null {
  let unknown = false;
  const out = value.replace(/\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^}]*\})/g, (raw) => {
    const r = paramValue(raw, scope);
    if (!r) unknown = true;
    return r?.value ?? raw;
  });
  return unknown ? null : out;
}

/** Variables a script reads through `$X`/`${X…}`. */
const referenced: (script: Script) => Set<string> = memoByObject((script: Script) => {
  const names = new Set<string>();
  const visit = (w: Word) => {
    for (const e of w.expansions ?? []) {
      const m = e.param ? PARAM.exec(w.value.slice(e.at, e.at + e.len)) : null;
      if (m) names.add((m[1] ?? m[2])!);
    }
  };
  for (const c of script.commands) {
    c.words.forEach(visit);
    for (const r of c.redirects) if (r.target) visit(r.target);
  }
  return names;
});

/** Variables the script sets itself (`X=…`, `export X=…`, `for X in`, `read X`, `unset X`): their ARG/ENV value may not be what it reads. */
const assigned: (script: Script) => Set<string> = memoByObject((script: Script) => {
  const names = new Set<string>();
  const src = script.src;
  for (const m of src.matchAll(/(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)\+?=/g)) names.add(m[1]!);
  for (const m of src.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  for (const m of src.matchAll(/\b(?:read|mapfile|readarray|getopts|unset)\b([^\n;&|]*)/g)) {
    for (const n of m[1]!.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(n[0]);
  }
  return names;
});

const expanded = new WeakMap<Script, Map<string, Script>>();
const KEEP_PER_SCRIPT = 8;

/**
 * The script with known variable values filled into its words, or the script itself when it reads
 * none. The result is the same object for the same script and the same values of the variables it
 * reads, so the engine's per-RUN cache (keyed by the script object) re-lints a RUN when an ARG or ENV
 * it reads changes, and only then.
 */
export function expandScript(script: Script, scope: Scope): Script {
  const names = referenced(script);
  if (names.size === 0) return script;
  const known = new Map<string, VarDef>();
  for (const n of names) {
    const d = scope.get(n);
    if (d && d.value !== null && !assigned(script).has(n)) known.set(n, d);
  }
  if (known.size === 0) return script;
  const key = [...known.values()].map((d) => `${d.name}=${d.value}`).join('\0');
  let byKey = expanded.get(script);
  if (!byKey) expanded.set(script, (byKey = new Map<string, Script>()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const out = fill(script, known);
  if (byKey.size >= KEEP_PER_SCRIPT) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, out);
  return out;
}

function fill(script: Script, known: Scope): Script {
  const cmds = new Map<Command, Command>();
  const cmd = (c: Command): Command => {
    let y = cmds.get(c);
    if (!y) {
      y = {
        ...c,
        words: c.words.flatMap((w) => fillWord(w, known)),
        redirects: c.redirects.map((r) => ({ op: r.op, target: r.target ? (fillWord(r.target, known)[0] ?? r.target) : null })),
      };
      cmds.set(c, y);
    }
    return y;
  };
  return {
    ...script,
    commands: script.commands.map(cmd),
    statements: script.statements.map((st) => ({
      ...st,
      links: st.links.map((l) => ({ ...l, command: l.command ? cmd(l.command) : null })),
    })),
  };
}

/**
 * A word with its parameter expansions filled in: one word, or several when an unquoted value holds
 * spaces (field splitting), each at the word's place. Unchanged unless every expansion in it is known.
 */
function fillWord(w: Word, known: Scope): Word[] {
  const ex = w.expansions;
  if (!ex || ex.some((e) => !e.param)) return [w];
  const fields: string[] = [];
  const vars: string[] = [];
  let cur = '';
  let pos = 0;
  let braces = false;
  for (const e of ex) {
    cur += w.value.slice(pos, e.at);
    const r = paramValue(w.value.slice(e.at, e.at + e.len), known);
    if (!r) return [w];
    if (!vars.includes(r.name)) vars.push(r.name);
    if (/[{},]/.test(r.value)) braces = true;
    if (e.quoted) cur += r.value;
    else {
      const parts = r.value.split(/[ \t\n]+/);
      cur += parts[0] ?? '';
      for (const p of parts.slice(1)) {
        fields.push(cur);
        cur = p;
      }
    }
    pos = e.at + e.len;
  }
  fields.push(cur + w.value.slice(pos));
  const base = { dynamic: false, unquotedBraces: w.unquotedBraces && !braces, start: w.start, end: w.end, vars };
  // Splitting drops empty fields at the edges; an unquoted expansion that is empty is no argument at all (`"$X"` is one).
  const kept = fields.length > 1 || ex.every((e) => !e.quoted) ? fields.filter((f) => f !== '') : fields;
  return kept.map((value) => ({ ...base, value }));
}

/** What a diagnostic says about where the filled-in values of a RUN's words in [start, end) came from; '' when none. */
export function originNote(script: Script, scope: Scope, start: number, end: number): string {
  const names: string[] = [];
  for (const c of script.commands) {
    for (const w of [...c.words, ...c.redirects.map((r) => r.target)]) {
      if (!w?.vars || w.end <= start || w.start >= end) continue;
      for (const n of w.vars) if (!names.includes(n)) names.push(n);
    }
  }
  return declarationNote(names, scope);
}

/** ` (\`$X\` is \`v\`, from \`ARG X\` at line N)` for each of `names`; '' when none is declared. */
export function declarationNote(names: string[], scope: Scope): string {
  const parts = names.flatMap((n) => {
    const d = scope.get(n);
    if (!d || d.value === null) return [];
    const v = d.value.length > 80 ? `${d.value.slice(0, 77)}…` : d.value;
    return [`\`$${n}\` is ${v === '' ? 'empty' : `\`${v}\``}, from \`${d.kind} ${n}\` at line ${d.line + 1}`];
  });
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Dockerfile substitution in an instruction argument (ADD, COPY, …): the value and the variables it used, or null when one is unknown. */
export function expandArgument(value: string, scope: Scope): { value: string; vars: string[] } | null {
  if (!value.includes('$')) return { value, vars: [] };
  const vars: string[] = [];
  let unknown = false;
  const out = value.replace(/\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[^}]*\})/g, (raw) => {
    const r = paramValue(raw, scope);
    if (!r) unknown = true;
    else if (!vars.includes(r.name)) vars.push(r.name);
    return r?.value ?? raw;
  });
  return unknown ? null : { value: out, vars };
}

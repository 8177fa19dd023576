/**
 * The plain JS values of a YAML text (what `jsyaml.loadAll` gives, read the way `oc` reads it), parsed in
 * pieces that an edit leaves alone: the file's documents (`---`), and inside a large document, runs of the
 * items of its longest block sequence (a rendered MachineConfig's `storage.files`). The pieces of an open
 * document's previous version are kept, so a keystroke parses the run of items it fell in and a small
 * skeleton, not the whole file. Values are shared between versions: nothing may change them.
 */
import * as jsyaml from 'js-yaml';
import { cacheOwner, onReleaseCacheOwner } from '../core/memo';
import { append } from '../core/arrays';

/**
 * `oc` and `kubectl` read manifests with go-yaml v2 (sigs.k8s.io/yaml), which resolves plain scalars by
 * YAML 1.1: `0644` is octal 420, `0o644`, `0x1A4` and `0b…` are integers, `1_000` is 1000, and
 * `y|yes|on|n|no|off` (in three casings) are booleans. js-yaml's default schema is YAML 1.2 core, which
 * reads `0644` as 644 and `yes` as a string, so the rules would judge a value the API server never
 * receives. These two types replace js-yaml's bool and int (for loading only: nothing here dumps YAML).
 */
const GO_TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const GO_FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const goBool = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && (GO_TRUE.includes(data) || GO_FALSE.includes(data)),
  construct: (data: string) => GO_TRUE.includes(data),
});
/** strconv.ParseInt(s, 0, 64) after removing `_`, as go-yaml v2 does (a leading 0 means octal). */
export function goParseInt(data: string | null): number | null {
  if (data === null) return null;
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(data.replace(/_/g, ''));
  if (!m) return null;
  const body = m[2]!;
  const n = /^0[0-7]+$/.test(body) ? parseInt(body.slice(1), 8) : /^0[oO]/.test(body) ? parseInt(body.slice(2), 8) : Number(body);
  return m[1] === '-' ? -n : n;
}
const goInt = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => goParseInt(data) !== null,
  construct: (data: string) => goParseInt(data)!,
});
/** js-yaml's own types; `types` is exported at runtime but missing from @types/js-yaml. */
const T = (
  jsyaml as unknown as { types: Record<'null' | 'float' | 'timestamp' | 'merge' | 'binary' | 'omap' | 'pairs' | 'set', jsyaml.Type> }
).types;
const GO_YAML_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [T.null, goBool, goInt, T.float, T.timestamp, T.merge],
  explicit: [T.binary, T.omap, T.pairs, T.set],
});

/**
 * js-yaml scans scalars character by character, so a multi-megabyte base64 file content costs
 * hundreds of milliseconds. Long runs of base64 characters are literal text in every scalar style,
 * so they are swapped for short tokens before parsing and put back into the strings afterwards.
 */
const LONG = 65536;

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/** The long base64 runs of one line, as [start, end) in the line. */
function longRunsOf(line: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < line.length;) {
    if (!isBase64Char(line.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < line.length && isBase64Char(line.charCodeAt(j))) j++;
    if (j - i >= LONG) out.push([i, j]);
    i = j;
  }
  return out;
}

function lighten(text: string): { light: string; restore: (v: unknown) => unknown } {
  const runs: string[] = [];
  const parts: string[] = [];
  let last = 0;
  if (text.length >= LONG) {
    // Only lines of 64 KiB or more can hold such a run: scan those alone.
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end - start >= LONG) {
        for (const [i, j] of longRunsOf(text.slice(start, end))) {
          parts.push(text.slice(last, start + i), `RHCOSLONGRUN${runs.push(text.slice(start + i, start + j)) - 1}X`);
          last = start + j;
        }
      }
      start = end + 1;
    }
  }
  if (runs.length === 0) return { light: text, restore: (v) => v };
  const restore = (v: unknown): unknown => {
    if (typeof v === 'string') return v.includes('RHCOSLONGRUN') ? v.replace(/RHCOSLONGRUN(\d+)X/g, (_, i: string) => runs[Number(i)]!) : v;
    if (Array.isArray(v)) return v.map(restore);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[restore(k) as string] = restore(x);
      return out;
    }
    return v;
  };
  return { light: parts.join('') + text.slice(last), restore };
}

/**
 * One piece with js-yaml, or null when the positioned parser must read it instead: a syntax error,
 * aliases (whose expansion `yaml` bounds; an alias whose anchor is in another piece is a syntax error
 * here) or tabs in indentation (which js-yaml accepts and YAML forbids).
 */
function loadPiece(text: string): unknown[] | null {
  const { light, restore } = lighten(text);
  if (/(^|[\s[{,:-])\*[^\s,\]}]+/m.test(light) && /(^|[\s[{,:-])&[^\s,\]}]+/m.test(light)) return null;
  if (/^ *\t/m.test(light)) return null;
  try {
    return jsyaml.loadAll(light, null, { schema: GO_YAML_SCHEMA }).map(restore);
  } catch {
    return null;
  }
}

/**
 * The values of each document parsed whole, as loadValues would without reusing or cutting anything (tests
 * compare the two). js-yaml would read on past a `---` line in a root block scalar; YAML and the positioned
 * parser end the document there, and so do we.
 */
export function loadWhole(text: string): unknown[] | null {
  const out: unknown[] = [];
  for (const doc of documentTexts(text)) {
    const values = loadPiece(doc);
    if (!values) return null;
    append(out, values);
  }
  return out;
}

/** What one owner's previous parse left: values by document text and by text of a run of sequence items. */
interface Pieces {
  docs: Map<string, unknown[]>;
  runs: Map<string, unknown[]>;
}
/** Open documents whose pieces are kept (by owner, most recent last); the oldest goes first past the limit. */
const MAX_OWNERS = 16;
const kept = new Map<string, Pieces>();
onReleaseCacheOwner((owner) => kept.delete(owner));

/** Drops every kept piece (tests measure a cold parse with it). */
export function forgetYamlPieces(): void {
  kept.clear();
}

/** Documents and runs reused from the previous parse, parsed anew (for tests and the bench). */
export const pieceStats = { reused: 0, parsed: 0 };

/** Below this many characters a document is parsed whole: splitting it would cost more than it saves. */
const SPLIT_MIN_CHARS = 16 * 1024;
/** A run of items ends after this many characters, or where an item's first line hashes to 0 mod RUN_SPREAD. */
const RUN_MAX_CHARS = 16 * 1024;
const RUN_SPREAD = 16;
const PLACEHOLDER = 'RHCOSITEMRUNS';

/**
 * The values of every document of `text`, or null when the positioned parser must read it (see loadPiece).
 * Pieces of the running owner's previous version (an open document) are reused when their text is unchanged.
 */
export function loadValues(text: string): unknown[] | null {
  const owner = cacheOwner() ?? '';
  const before = kept.get(owner);
  const now: Pieces = { docs: new Map(), runs: new Map() };
  kept.delete(owner);
  const out: unknown[] = [];
  for (const doc of documentTexts(text)) {
    const hit = before?.docs.get(doc) ?? now.docs.get(doc);
    if (hit) pieceStats.reused++;
    const values = hit ?? (doc.length < SPLIT_MIN_CHARS ? (pieceStats.parsed++, loadPiece(doc)) : loadSplit(doc, before, now));
    if (!values) {
      // The positioned parser reads this version; the next keystroke may mend it and reuse the pieces before.
      if (before) kept.set(owner, before);
      return null;
    }
    now.docs.set(doc, values);
    for (const v of values) out.push(v);
  }
  kept.set(owner, now);
  if (kept.size > MAX_OWNERS) kept.delete(kept.keys().next().value!);
  return out;
}

/**
 * The text cut before each `---` line after the first (a `---` at column 0 always starts a document). The
 * first piece keeps the comments before the first marker, which js-yaml would read as a document of their
 * own. Directives (`%`) apply to the documents after them and `...` ends one: such a stream stays whole.
 */
function documentTexts(text: string): string[] {
  if (lineStartsWith(text, '%') || lineStartsWith(text, '...')) return [text];
  const cuts = markerLines(text);
  const starts = [0, ...cuts.filter((c) => c > 0).slice(startsWithDocument(text, cuts[0]) ? 0 : 1)];
  return starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
}

/** Whether a line of `text` starts with `prefix` (indexOf: a multiline regex tries every offset). */
function lineStartsWith(text: string, prefix: string): boolean {
  return text.startsWith(prefix) || text.includes('\n' + prefix);
}

/** Offsets of the `---` lines (the marker and then white space or the end of the line). */
export function markerLines(text: string): number[] {
  const out: number[] = [];
  const at = (i: number) => {
    const c = text.charCodeAt(i + 3);
    if (Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13) out.push(i);
  };
  if (text.startsWith('---')) at(0);
  for (let i = text.indexOf('\n---'); i >= 0; i = text.indexOf('\n---', i + 1)) at(i + 1);
  return out;
}

/** Whether anything but blank and comment lines comes before offset `end` (a document without a marker). */
function startsWithDocument(text: string, end: number | undefined): boolean {
  if (end === undefined || end === 0) return false;
  return /^[ \t]*[^\s#]/m.test(text.slice(0, end));
}

/** A block sequence: offsets of its first item line, of the line after it ends, and of each item's first line. */
interface Sequence {
  start: number;
  end: number;
  /** Where each item's run may start: its first line, or the comment lines right above it. */
  items: number[];
  /** Each item's first line (what the cuts between runs hash). */
  heads: number[];
}

/**
 * A large document with its long block sequences cut into runs of items: the runs are parsed on their own
 * (each is a block sequence at the same indentation: an item's meaning does not depend on what is around
 * it), the rest (the skeleton) with one placeholder item per sequence, which the runs' items then replace.
 * Null when a piece needs the positioned parser; the whole document when a sequence cannot be cut safely.
 */
function loadSplit(doc: string, before: Pieces | undefined, now: Pieces): unknown[] | null {
  pieceStats.parsed++;
  const found = doc.includes(PLACEHOLDER) || doc.includes('\r') ? null : sequences(doc);
  if (!found) return loadPiece(doc);
  const { indent, seqs } = found;
  const parts: string[] = [];
  let last = 0;
  seqs.forEach((q, k) => {
    parts.push(doc.slice(last, q.start), `${' '.repeat(indent)}- ${PLACEHOLDER}${k}X\n`);
    last = q.end;
  });
  parts.push(doc.slice(last));
  const skeleton = loadPiece(parts.join(''));
  const holders = skeleton && findPlaceholders(skeleton, seqs.length);
  if (!skeleton || !holders) return loadPiece(doc);
  for (const [k, q] of seqs.entries()) {
    const all: unknown[] = [];
    for (const [s, e] of runsOf(doc, q)) {
      const runText = doc.slice(s, e);
      let values = before?.runs.get(runText) ?? now.runs.get(runText);
      if (values) pieceStats.reused++;
      else {
        pieceStats.parsed++;
        const loaded = loadPiece(runText);
        // A syntax error (the whole document has it too), or anything but one sequence (the cut was wrong, which
        // it cannot be for a block sequence): the document is read whole, and says which.
        if (!loaded || loaded.length !== 1 || !Array.isArray(loaded[0])) return loadPiece(doc);
        values = loaded[0] as unknown[];
      }
      now.runs.set(runText, values);
      for (const v of values) all.push(v);
    }
    const h = holders[k]!;
    h.parent[h.key] = all;
  }
  return skeleton;
}

/** Fewest items a sequence must have to be cut. */
const MIN_ITEMS = 2;

/**
 * The block sequences at the indentation most item lines (`<indent>- …`) have: item lines with only more
 * indented, blank or comment lines between them, right after a line ending in `key:`. Null when none has
 * MIN_ITEMS items.
 */
function sequences(doc: string): { indent: number; seqs: Sequence[] } | null {
  // One walk over the lines: where each line starts, its indentation (-1: blank or a comment), whether it is an item.
  const starts: number[] = [];
  const indents: number[] = [];
  const counts = new Map<number, number>();
  for (let s = 0; s < doc.length;) {
    let e = doc.indexOf('\n', s);
    if (e < 0) e = doc.length;
    let i = s;
    while (i < e && doc.charCodeAt(i) === 32) i++;
    const content = i < e && doc.charCodeAt(i) !== 35;
    const item = content && doc.charCodeAt(i) === 45 && (i + 1 === e || doc.charCodeAt(i + 1) === 32);
    starts.push(s);
    indents.push(content ? (item ? -2 - (i - s) : i - s) : -1);
    if (item) counts.set(i - s, (counts.get(i - s) ?? 0) + 1);
    s = e + 1;
  }
  let indent = -1;
  for (const [n, c] of counts) if (indent < 0 || c > counts.get(indent)!) indent = n;
  if (indent < 0 || counts.get(indent)! < MIN_ITEMS) return null;
  const seqs: Sequence[] = [];
  let cur: Sequence | null = null;
  let lastContent = -1; // the last line that is not blank or a comment
  let keyLine = -1; // the one before the current sequence
  const endsWithColon = (line: number) => {
    if (line < 0) return false;
    const text = doc.slice(starts[line], line + 1 < starts.length ? starts[line + 1]! - 1 : doc.length);
    return /:[ \t]*(?:[ \t]#.*)?$/.test(text);
  };
  const close = (end: number) => {
    if (cur && cur.items.length >= MIN_ITEMS && endsWithColon(keyLine)) seqs.push({ ...cur, end });
    cur = null;
  };
  const itemAt = -2 - indent;
  for (let l = 0; l < starts.length; l++) {
    const n = indents[l]!;
    if (n === -1) continue;
    if (n === itemAt) {
      if (!cur) {
        cur = { start: starts[l]!, end: doc.length, items: [], heads: [] };
        keyLine = lastContent;
      }
      cur.items.push(cur.items.length ? leadingComments(doc, starts, l, indent) : starts[l]!);
      cur.heads.push(starts[l]!);
    } else if ((n >= 0 ? n : -2 - n) <= indent) close(starts[l]!);
    lastContent = l;
  }
  close(doc.length);
  return seqs.length ? { indent, seqs } : null;
}

/**
 * Where item line `l` starts together with the comment lines right above it that are indented no more than the
 * items (`# step 3` over `- path: …`): such a line cannot be inside the item before (its block scalars are indented
 * more), so an edit in a comment about an item re-parses that item's run, not the one before with its base64.
 */
function leadingComments(doc: string, starts: number[], l: number, indent: number): number {
  let k = l;
  while (k > 0) {
    const s = starts[k - 1]!;
    let i = s;
    while (i - s <= indent && doc.charCodeAt(i) === 32) i++;
    if (i - s > indent || doc.charCodeAt(i) !== 35) break;
    k--;
  }
  return starts[k]!;
}

/** [start, end) of each run of items: cut where an item's first line hashes to 0 (stable when items come and go) or past RUN_MAX_CHARS. */
function runsOf(doc: string, q: Sequence): [number, number][] {
  const runs: [number, number][] = [];
  let start = q.items[0]!;
  for (let k = 1; k < q.items.length; k++) {
    const s = q.items[k]!;
    if (s - start >= RUN_MAX_CHARS || lineHash(doc, q.heads[k]!) % RUN_SPREAD === 0) {
      runs.push([start, s]);
      start = s;
    }
  }
  runs.push([start, q.end]);
  return runs;
}

function lineHash(doc: string, s: number): number {
  let h = 0;
  for (let i = s, n = 0; i < doc.length && n < 200; i++, n++) {
    const c = doc.charCodeAt(i);
    if (c === 10) break;
    h = (h * 31 + c) | 0;
  }
  return h >>> 0;
}

type Holder = { parent: Record<string | number, unknown>; key: string | number };

/** Where each placeholder sequence `[PLACEHOLDER<k>X]` sits in the skeleton's values; null unless each is there exactly once. */
function findPlaceholders(values: unknown[], n: number): Holder[] | null {
  const found: Holder[][] = Array.from({ length: n }, () => []);
  const token = new RegExp(`^${PLACEHOLDER}(\\d+)X$`);
  const walk = (v: unknown, parent: Record<string | number, unknown>, key: string | number): void => {
    if (Array.isArray(v)) {
      const m = v.length === 1 && typeof v[0] === 'string' ? token.exec(v[0]) : null;
      if (m && Number(m[1]) < n) found[Number(m[1])]!.push({ parent, key });
      else v.forEach((x, i) => walk(x, v as unknown as Record<number, unknown>, i));
    } else if (v && typeof v === 'object' && !(v instanceof Date)) {
      for (const [k, x] of Object.entries(v)) walk(x, v as Record<string, unknown>, k);
    }
  };
  values.forEach((v, i) => walk(v, values as unknown as Record<number, unknown>, i));
  return found.every((f) => f.length === 1) ? found.map((f) => f[0]!) : null;
}

/**
 * The YAML model: every document of a file, with ranges over the whole file, and which of them are
 * ours (machineconfiguration.openshift.io MachineConfig, MachineConfigPool, MachineOSConfig, PinnedImageSet,
 * and operator.openshift.io MachineConfiguration).
 */
import { parseAllDocuments, Document, isMap, isScalar, isPair, Node, Pair, ScalarTag } from 'yaml';
import * as jsyaml from 'js-yaml';
import { LineIndex, Range } from '../core/lineIndex';
import { nearest } from '../core/nearest';

export { MCO_GROUP as GROUP } from '../../../common/mco';
/** API group of MachineConfiguration (the MCO operator's configuration, named `cluster`). */
export const OPERATOR_GROUP = 'operator.openshift.io';
export const KINDS = [
  'MachineConfig',
  'MachineConfigPool',
  'MachineOSConfig',
  'MachineOSBuild',
  'PinnedImageSet',
  'MachineConfiguration',
] as const;
export type Kind = (typeof KINDS)[number];

export interface YamlDoc {
  /** The YAML tree with positions. Parsed on first use: most lints never need it. */
  readonly doc: Document.Parsed;
  /** Plain JS value of the document (null when it could not be converted, e.g. alias bombs). */
  value: unknown;
  apiVersion: string | null;
  kind: string | null;
  /** Ours: the group is machineconfiguration.openshift.io (or close to it) and the kind is one we own. */
  owned: Kind | null;
  readonly start: number;
  readonly end: number;
  conversionError?: string;
  /** The document has YAML syntax errors (then `doc.errors` has them). */
  hasErrors: boolean;
}

export interface YamlModel {
  text: string;
  index: LineIndex;
  docs: YamlDoc[];
}

export type Path = (string | number)[];

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
function goParseInt(data: string | null): number | null {
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
 * Values come from js-yaml, which is several times faster than building the positioned tree; the
 * tree (from the `yaml` package) is built only when a rule needs a position, or when the text has
 * aliases (whose expansion `yaml` bounds) or syntax errors (which `yaml` reports precisely).
 */
export function buildYamlModel(text: string): YamlModel {
  const index = new LineIndex(text);
  // Checks run on the text with long base64 runs swapped out: they cannot contain what is looked for.
  const { light, restore } = lighten(text);
  const hasAliases = /(^|[\s[{,:-])\*[^\s,\]}]+/m.test(light) && /(^|[\s[{,:-])&[^\s,\]}]+/m.test(light);
  // js-yaml accepts tabs in indentation, which YAML forbids; let `yaml` report them.
  const tabIndent = /^ *\t/m.test(light);
  if (!hasAliases && !tabIndent) {
    let values: unknown[] | null;
    try {
      values = jsyaml.loadAll(light, null, { schema: GO_YAML_SCHEMA }).map(restore);
    } catch {
      values = null; // a syntax error: the positioned parse reports it
    }
    if (values) {
      let tree: Document.Parsed[] | null = null;
      const trees = () => (tree ??= parsedDocuments(text));
      const docs = values.map((value, i) => fastDoc(value, () => trees()[i] ?? trees()[trees().length - 1]!));
      // A count mismatch means the two parsers disagree about document boundaries: trust `yaml`.
      if (!docs.some((d) => d.owned) || docs.length === countDocuments(light)) return { text, index, docs };
    }
  }
  return { text, index, docs: parsedDocuments(text).map(treeDoc) };
}

/**
 * js-yaml scans scalars character by character, so a multi-megabyte base64 file content costs
 * hundreds of milliseconds. Long runs of base64 characters are literal text in every scalar style,
 * so they are swapped for short tokens before parsing and put back into the strings afterwards.
 */
const LONG = 65536;

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/**
 * The long base64 runs of one line, as [start, end) in the line. An edit elsewhere in the file leaves a
 * multi-megabyte line as it was: the last two such lines are kept (each holds its text alive), and comparing a line with a kept one
 * costs a memory compare instead of a character-by-character scan (a fifth of an edit in a 5 MB file).
 */
const longRunCache = new Map<string, [number, number][]>();
function longRunsOf(line: string): [number, number][] {
  const hit = longRunCache.get(line);
  if (hit) return hit;
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
  if (longRunCache.size >= 2) longRunCache.delete(longRunCache.keys().next().value!);
  longRunCache.set(line, out);
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

/** `0o644`: an integer for go-yaml (strconv.ParseInt base 0), unknown to the `yaml` package's YAML 1.1 schema. */
const GO_OCTAL: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  test: /^[-+]?0[oO][0-7_]+$/,
  resolve: (s: string) => goParseInt(s) ?? s,
};

function parsedDocuments(text: string): Document.Parsed[] {
  // YAML 1.1 scalars, as `oc` reads them (see GO_YAML_SCHEMA), plus go's `0o644`.
  return parseAllDocuments(text, {
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'yaml-1.1',
    customTags: (tags) => [GO_OCTAL, ...tags],
  }).filter((d): d is Document.Parsed => d instanceof Document);
}

/** Documents in the stream as `yaml` sees them, cheaply: `---` lines (a stream without one is one document). */
function countDocuments(text: string): number {
  const markers = text.match(/^---(\s|$)/gm)?.length ?? 0;
  return Math.max(1, markers + (startsWithMarker(text) ? 0 : 1));
}

/**
 * Whether the first line that is neither blank nor a comment is a `---` marker. A line walk: the regex
 * `^(\s*(#.*)?\n)*---` tries every split of a run of blank lines between `\s*` and `\n` (exponential).
 */
function startsWithMarker(text: string): boolean {
  for (let start = 0; ;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.startsWith('---') && (line.length === 3 || /\s/.test(line[3]!))) return true;
    const rest = line.trimStart();
    if ((rest !== '' && !rest.startsWith('#')) || end === text.length) return false;
    start = end + 1;
  }
}

function fastDoc(value: unknown, tree: () => Document.Parsed): YamlDoc {
  const obj = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const apiVersion = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : null;
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : null;
  return {
    get doc() {
      return tree();
    },
    value: value ?? null,
    apiVersion,
    kind,
    owned: ownedKind(apiVersion, kind),
    get start() {
      return tree().range[0];
    },
    get end() {
      return tree().range[2];
    },
    hasErrors: false,
  };
}

function treeDoc(doc: Document.Parsed): YamlDoc {
  let value: unknown = null;
  let conversionError: string | undefined;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    conversionError = e instanceof Error ? e.message : String(e);
  }
  // Read apiVersion and kind from the tree: they are known even when the whole value is not.
  const top = (key: string) => {
    const v = isMap(doc.contents) ? doc.get(key) : undefined;
    return typeof v === 'string' ? v : null;
  };
  const apiVersion = top('apiVersion');
  const kind = top('kind');
  const y: YamlDoc = {
    doc,
    value,
    apiVersion,
    kind,
    owned: ownedKind(apiVersion, kind),
    start: doc.range[0],
    end: doc.range[2],
    hasErrors: doc.errors.length > 0,
  };
  if (conversionError) y.conversionError = conversionError;
  return y;
}

/** Our kind for an apiVersion/kind, tolerating misspellings that the spelling rule reports. */
export function ownedKind(apiVersion: string | null, kind: string | null): Kind | null {
  if (!apiVersion || !kind) return null;
  const group = apiVersion.split('/')[0]!.toLowerCase();
  // operator.openshift.io holds many operators' kinds: only MachineConfiguration (and its plural) is ours.
  if (group === OPERATOR_GROUP) return /^machineconfigurations?$/i.test(kind) ? 'MachineConfiguration' : null;
  if (!group.startsWith('machineconfiguration') && !group.startsWith('machineconfig')) return null;
  const k = KINDS.find((x) => x.toLowerCase() === kind.toLowerCase() || x.toLowerCase() + 's' === kind.toLowerCase());
  return k ?? (nearest(kind, [...KINDS], 3) as Kind | null);
}

/** The YAML node at a path, if any. */
export function nodeAt(doc: Document.Parsed, path: Path): Node | null {
  const n = doc.getIn(path, true);
  return n && typeof n === 'object' && 'range' in n ? (n as Node) : null;
}

/** The key/value pair for the last path element of a map, if any. */
export function pairAt(doc: Document.Parsed, path: Path): Pair | null {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return null;
  const key = path[path.length - 1];
  return parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) ?? null;
}

/**
 * Range of the value at `path`, or of its key (`key: true`), falling back to the nearest existing
 * parent. A range that spans lines (a whole mapping) is cut at the end of its first line.
 */
export function rangeAt(model: YamlModel, d: YamlDoc, path: Path, opts: { key?: boolean } = {}): Range {
  const firstLine = (s: number, e: number): Range => {
    const r = model.index.range(s, e);
    if (r.end.line === r.start.line) return r;
    const text = model.index.lineText(r.start.line);
    return { start: r.start, end: { line: r.start.line, character: Math.max(r.start.character + 1, text.trimEnd().length) } };
  };
  for (let p = path; ; p = p.slice(0, -1)) {
    if (opts.key || p.length < path.length) {
      const pair = p.length ? pairAt(d.doc, p) : null;
      const k = pair?.key as Node | undefined;
      if (k?.range) return model.index.range(k.range[0], k.range[1]);
    }
    const n = p.length ? nodeAt(d.doc, p) : null;
    if (n?.range) return firstLine(n.range[0], n.range[1]);
    if (p.length === 0) return model.index.range(d.start, Math.min(d.end, d.start + 1));
  }
}

/** Helper: value at a path of a plain JS value. */
export function get(value: unknown, path: Path): unknown {
  let v: unknown = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/**
 * The YAML model: every document of a file, with ranges over the whole file, and which of them are
 * ours (machineconfiguration.openshift.io MachineConfig, MachineConfigPool, MachineOSConfig, PinnedImageSet,
 * and operator.openshift.io MachineConfiguration).
 */
import { parseAllDocuments, Document, isMap, isScalar, isPair, Node, Pair, ScalarTag } from 'yaml';
import { LineIndex, lineIndexOf, Range } from '../core/lineIndex';
import { nearest } from '../core/nearest';
import { onReleaseCacheOwner } from '../core/memo';
import { goParseInt, loadValues, markerLines } from './yamlValues';

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

/** The last model built, for the next call with the same text (the open document's facts read what its lint parsed). */
let last: YamlModel | null = null;
onReleaseCacheOwner(() => (last = null));

/**
 * Values come from js-yaml (./yamlValues, piece by piece, reusing the pieces an edit left alone), which is
 * several times faster than building the positioned tree; the tree (from the `yaml` package) is built only
 * when a rule needs a position, or when the text has aliases (whose expansion `yaml` bounds) or syntax
 * errors (which `yaml` reports precisely).
 */
export function buildYamlModel(text: string): YamlModel {
  if (last?.text === text) return last;
  const index = lineIndexOf(text);
  const values = loadValues(text);
  if (values) {
    let tree: Document.Parsed[] | null = null;
    const trees = () => (tree ??= parsedDocuments(text));
    const docs = values.map((value, i) => fastDoc(value, () => trees()[i] ?? trees()[trees().length - 1]!));
    // A count mismatch means the two parsers disagree about document boundaries: trust `yaml`.
    if (!docs.some((d) => d.owned) || docs.length === countDocuments(text)) return (last = { text, index, docs });
  }
  return (last = { text, index, docs: parsedDocuments(text).map(treeDoc) });
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
  const markers = markerLines(text).length;
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

/**
 * Which of the bundled JSON schemas (schemas/*.schema.json) a YAML file gets by its content, for
 * vscode-yaml's contributor API: each document's top-level `apiVersion` and `kind` against the
 * `apiVersion`/`kind` enums the schema itself declares, so `99-worker-ssh.yaml` gets the
 * MachineConfig schema as `*.mc.yaml` does by name. A file of several documents gets a
 * `schemaSequence` (yaml-language-server picks entry i for document i; `{}` accepts anything).
 */

/** The contributor's name, also the scheme of the schema URIs (vscode-yaml routes content requests by scheme). */
export const SCHEMA_SCHEME = 'rhcoslayering';

export interface SchemaEntry {
  /** The file name without `.schema.json`, e.g. `machineconfig`. */
  id: string;
  apiVersions: string[];
  kinds: string[];
}

/** The apiVersion and kind enums a schema file declares; null when it declares no kind. */
export function schemaEntry(id: string, schema: unknown): SchemaEntry | null {
  const props = (schema as { properties?: Record<string, { enum?: unknown }> } | null)?.properties;
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);
  const kinds = strings(props?.['kind']?.enum);
  const apiVersions = strings(props?.['apiVersion']?.enum);
  return kinds.length && apiVersions.length ? { id, apiVersions, kinds } : null;
}

/** A scalar value at column 0 (`key: value`, quoted or not, with an optional comment). */
function topLevel(doc: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*(?:"([^"\\n]*)"|'([^'\\n]*)'|([^\\s#'"][^\\s#]*))[ \\t]*(?:#.*)?$`, 'm').exec(doc);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/**
 * The top-level apiVersion and kind of each YAML document, in order. A block scalar's lines are
 * indented, so a line at column 0 is always a top-level key; a prefix before the first `---` that
 * holds only comments is no document of its own.
 */
export function documentHeads(text: string): { apiVersion?: string; kind?: string }[] {
  const docs = text.split(/^---(?:[ \t].*)?$/m);
  const blank = (l: string) => /^[ \t\r]*(?:#.*)?$/.test(l) || l.startsWith('%');
  if (docs.length > 1 && docs[0]!.split('\n').every(blank)) docs.shift();
  return docs.map((d) => {
    const body = d.split(/^\.\.\.[ \t]*$/m)[0]!;
    const apiVersion = topLevel(body, 'apiVersion');
    const kind = topLevel(body, 'kind');
    return { ...(apiVersion ? { apiVersion } : {}), ...(kind ? { kind } : {}) };
  });
}

/** The schema id per document (null: none of ours), or null when no document is ours. */
export function chooseSchemas(text: string, entries: readonly SchemaEntry[]): (string | null)[] | null {
  const ids = documentHeads(text).map(
    (h) => entries.find((e) => h.kind && h.apiVersion && e.kinds.includes(h.kind) && e.apiVersions.includes(h.apiVersion))?.id ?? null,
  );
  return ids.some((x) => x !== null) ? ids : null;
}

/** `rhcoslayering://schema/machineconfig`, or `…/machineconfig+-+machineconfigpool` for several documents. */
export function schemaUri(ids: readonly (string | null)[]): string {
  return `${SCHEMA_SCHEME}://schema/${ids.map((i) => i ?? '-').join('+')}`;
}

/** The ids a schemaUri names; null when it is not one of ours. */
export function parseSchemaUri(uri: string): (string | null)[] | null {
  const m = new RegExp(`^${SCHEMA_SCHEME}://schema/([a-z0-9+-]+)$`).exec(uri);
  if (!m) return null;
  return m[1]!.split('+').map((i) => (i === '-' ? null : i));
}

/** The schema text for a URI from schemaUri; `read(id)` gives a bundled schema. */
export function schemaContent(uri: string, read: (id: string) => unknown): string | undefined {
  const ids = parseSchemaUri(uri);
  if (!ids) return undefined;
  if (ids.length === 1 && ids[0]) return JSON.stringify(read(ids[0]));
  return JSON.stringify({ schemaSequence: ids.map((i) => (i ? read(i) : {})) });
}

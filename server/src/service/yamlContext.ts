/** Where the cursor is in a MachineConfig / MachineConfigPool / MachineOSConfig document, and our schema for that place. */
import mcSchema from '../../../schemas/machineconfig.schema.json';
import mcpSchema from '../../../schemas/machineconfigpool.schema.json';
import moscSchema from '../../../schemas/machineosconfig.schema.json';
import pisSchema from '../../../schemas/pinnedimageset.schema.json';
import mcfgSchema from '../../../schemas/machineconfiguration.schema.json';
import { LineIndex, Position } from '../core/lineIndex';

/** Keys from the document root; `'items'` stands for "an item of this array". */
export type SchemaPath = string[];

export type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  description?: string;
  type?: string | string[];
  then?: Schema;
  else?: Schema;
};
export const SCHEMAS: Record<string, Schema> = {
  MachineConfig: mcSchema,
  MachineConfigPool: mcpSchema,
  MachineOSConfig: moscSchema,
  PinnedImageSet: pisSchema,
  MachineConfiguration: mcfgSchema,
};

/** The schema for a path, looking into `then`/`else` branches as well. */
export function schemaAt(root: Schema, path: SchemaPath): Schema | null {
  let cur: Schema | null = root;
  for (const key of path) {
    if (!cur) return null;
    // Conditional branches are more specific than the base schema: look there first.
    const branches: Schema[] = [...(cur.then ? [cur.then] : []), ...(cur.else ? [cur.else] : []), cur];
    let next: Schema | null = null;
    for (const b of branches) {
      const n: Schema | undefined = key === 'items' ? b.items : b.properties?.[key];
      if (n) {
        next = n;
        break;
      }
    }
    cur = next;
  }
  return cur;
}

export function propertiesOf(s: Schema): Record<string, Schema> {
  return { ...(s.properties ?? {}), ...(s.then?.properties ?? {}), ...(s.else?.properties ?? {}) };
}

export interface Context {
  kind: string | null;
  path: SchemaPath;
  mode: 'key' | 'value';
  present: Set<string>;
}

/** Where the cursor is: the key path above it (by indentation), and whether a key or a value is typed. */
export function context(index: LineIndex, pos: Position): Context {
  const line = index.lineText(pos.line).slice(0, pos.character);
  // Find this document's kind: scan up to `---` and down to the next one.
  let kind: string | null = null;
  for (let l = pos.line; l >= 0; l--) {
    const t = index.lineText(l);
    if (l !== pos.line && /^---/.test(t)) break;
    const m = /^kind:\s*(\S+)/.exec(t);
    if (m) {
      kind = m[1]!;
      break;
    }
  }
  if (!kind) {
    for (let l = pos.line + 1; l < index.lineCount && !/^---/.test(index.lineText(l)); l++) {
      const m = /^kind:\s*(\S+)/.exec(index.lineText(l));
      if (m) {
        kind = m[1]!;
        break;
      }
    }
  }
  const valueMatch = /^(\s*)(?:-\s+)?([A-Za-z0-9_./-]+):\s+\S*$/.exec(line);
  const itemMatch = /^(\s*)-\s+\S*$/.exec(line);
  const keyMatch = /^(\s*)(?:-\s+)?[A-Za-z0-9_]*$/.exec(line);
  let indent: number;
  let mode: Context['mode'] = 'key';
  const path: SchemaPath = [];
  const onItem = /^\s*-\s/.test(line);
  if (valueMatch) {
    indent = valueMatch[1]!.length;
    mode = 'value';
    if (onItem) path.push('items');
    path.push(valueMatch[2]!);
  } else if (itemMatch) {
    indent = itemMatch[1]!.length;
    mode = 'value';
    path.push('items');
  } else if (keyMatch) {
    indent = keyMatch[1]!.length;
    if (onItem) path.push('items');
  } else return { kind, path: [], mode: 'key', present: new Set() };
  // Walk up for parents with smaller indentation.
  let limit = indent;
  const present = new Set<string>();
  for (let l = pos.line - 1; l >= 0 && limit > 0; l--) {
    const t = index.lineText(l);
    if (/^---/.test(t)) break;
    const m = /^(\s*)(-\s+)?([A-Za-z0-9_./-]+):/.exec(t);
    if (!m) continue;
    const ind = m[1]!.length + (m[2] ? m[2].length : 0);
    if (ind === indent && mode === 'key' && path.length === 0) present.add(m[3]!);
    if (ind < limit) {
      if (m[2] && m[1]!.length < limit) path.unshift('items');
      path.unshift(m[3]!);
      limit = m[1]!.length;
    } else if (m[2] && m[1]!.length < limit) {
      // `- path: x` above `actions:`: a sibling key on the line that starts the item holding ours.
      path.unshift('items');
      limit = m[1]!.length;
    }
  }
  return { kind, path: normalize(path), mode, present };
}

/** `containerFile: [ - content ]` gives [containerFile, items, content]; collapse doubled markers. */
function normalize(p: SchemaPath): SchemaPath {
  return p.filter((x, i) => !(x === 'items' && p[i - 1] === 'items'));
}

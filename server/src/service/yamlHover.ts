/** Hover for the keys of MachineConfig / MachineConfigPool / MachineOSConfig YAML: our schemas' descriptions. */
import { LineIndex, Position } from '../core/lineIndex';
import { context, schemaAt, SCHEMAS } from './yamlContext';

export function hoverYaml(text: string, pos: Position): string | null {
  const index = new LineIndex(text);
  const line = index.lineText(pos.line);
  const m = /^(\s*)(-\s+)?([A-Za-z0-9_./-]+):/.exec(line);
  if (!m) return null;
  const keyStart = m[1]!.length + (m[2]?.length ?? 0);
  if (pos.character < keyStart || pos.character > keyStart + m[3]!.length) return null;
  const c = context(index, { line: pos.line, character: keyStart });
  if (!c.kind || !SCHEMAS[c.kind]) return null;
  const s = schemaAt(SCHEMAS[c.kind]!, [...c.path, m[3]!]);
  if (!s) return null;
  const type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  const values = s.enum ? `\n\nValues: ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}` : '';
  return `**${[...c.path, m[3]!].filter((x) => x !== 'items').join('.')}**${type ? ` (${type})` : ''}${s.description ? `\n\n${s.description}` : ''}${values}`;
}

/** Completion for MachineConfig / MachineConfigPool / MachineOSConfig YAML, from our schemas and the extension list. */
import { LineIndex, Position } from '../core/lineIndex';
import { parseOcpVersion } from '../core/version';
import { extensionsFor } from '../data/extensions';
import type { CompletionItem } from './completion';
import { context, propertiesOf, schemaAt, SCHEMAS } from './yamlContext';

export function completeYaml(text: string, pos: Position, ocpVersion?: string): CompletionItem[] {
  const index = new LineIndex(text);
  const c = context(index, pos);
  if (!c.kind || !SCHEMAS[c.kind]) return [];
  const target = schemaAt(SCHEMAS[c.kind]!, c.path);
  if (!target) return [];
  if (c.mode === 'value') {
    if (c.path.join('.') === 'spec.extensions.items' || c.path.join('.') === 'spec.extensions') {
      const exts = extensionsFor(parseOcpVersion(ocpVersion));
      return Object.entries(exts).map(([name, rpms]) => ({ label: name, kind: 'command', detail: `extension: ${rpms.join(', ')}` }));
    }
    const values = target.enum ?? (target.type === 'boolean' ? [true, false] : []);
    return values.map((v) => ({ label: String(v === '' ? '""' : v), kind: 'command', detail: c.path.join('.') }));
  }
  return Object.entries(propertiesOf(target))
    .filter(([k]) => !c.present.has(k))
    .map(([k, s]) => ({
      label: k,
      kind: 'flag',
      detail: Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'object'),
      ...(s.description ? { documentation: s.description } : {}),
    }));
}

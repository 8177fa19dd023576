/**
 * Which files our schemas are contributed for through `yamlValidation` (package.json must list the
 * same globs; a test checks it). redhat.vscode-yaml validates exactly these files against them.
 */
import mcSchema from '../../../schemas/machineconfig.schema.json';
import mcpSchema from '../../../schemas/machineconfigpool.schema.json';
import moscSchema from '../../../schemas/machineosconfig.schema.json';
import pisSchema from '../../../schemas/pinnedimageset.schema.json';
import mcfgSchema from '../../../schemas/machineconfiguration.schema.json';
import { chooseSchemas, schemaEntry } from '../../../common/schemaChoice';
import type { SchemaEntry } from '../../../common/schemaChoice';

export const SCHEMA_FILE_GLOBS: Record<string, string[]> = {
  './schemas/machineconfig.schema.json': [
    '**/machineconfigs/*.yaml',
    '**/machineconfigs/*.yml',
    '*.machineconfig.yaml',
    '*.machineconfig.yml',
    '*.mc.yaml',
    '*.mc.yml',
  ],
  './schemas/machineconfigpool.schema.json': ['*.machineconfigpool.yaml', '*.machineconfigpool.yml', '*.mcp.yaml', '*.mcp.yml'],
  './schemas/machineosconfig.schema.json': ['*.machineosconfig.yaml', '*.machineosconfig.yml', '*.mosc.yaml', '*.mosc.yml'],
};

const regexes = Object.values(SCHEMA_FILE_GLOBS)
  .flat()
  .map(
    (g) =>
      new RegExp(
        '(^|/)' +
          g
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*\*\//g, '(?:.*/)?')
            .replace(/\*/g, '[^/]*') +
          '$',
        'i',
      ),
  );

export function matchesSchemaGlob(path: string): boolean {
  return regexes.some((r) => r.test(path));
}

/**
 * The client gives vscode-yaml these schemas by content too (common/schemaChoice.ts, the contributor
 * API), so with that extension active it reports their schema and syntax errors for such files.
 */
const entries = (
  [
    ['machineconfig', mcSchema],
    ['machineconfigpool', mcpSchema],
    ['machineosconfig', moscSchema],
    ['pinnedimageset', pisSchema],
    ['machineconfiguration', mcfgSchema],
  ] as const
)
  .map(([id, s]) => schemaEntry(id, s))
  .filter((e): e is SchemaEntry => e !== null);

/** True when vscode-yaml is given one of our schemas for this file, by its name or by its content. */
export function schemaGivenToYamlExtension(path: string, text: string): boolean {
  return matchesSchemaGlob(path) || chooseSchemas(text, entries) !== null;
}

/**
 * Which files our schemas are contributed for through `yamlValidation` (package.json must list the
 * same globs; a test checks it). redhat.vscode-yaml validates exactly these files against them.
 */
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

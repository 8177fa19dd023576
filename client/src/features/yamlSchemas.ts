/**
 * The MachineConfig, MachineConfigPool, MachineOSConfig (and MachineConfiguration, PinnedImageSet)
 * schemas for vscode-yaml by content, through its contributor API (redhat-developer/vscode-yaml
 * src/schema-extension-api.ts: `registerContributor(schema, requestSchema, requestSchemaContent, label?)`,
 * the way vscode-kubernetes-tools registers its schemas). By file name they already come from
 * `yamlValidation` in package.json. Nothing happens without vscode-yaml: no dependency, no prompt.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensions, Uri, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import { chooseSchemas, schemaContent, schemaEntry, schemaUri, SCHEMA_SCHEME } from '../../../common/schemaChoice';
import type { SchemaEntry } from '../../../common/schemaChoice';

export const VSCODE_YAML = 'redhat.vscode-yaml';

interface YamlApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
    label?: string,
  ): boolean;
}

/** Files larger than this are not read from disk to choose a schema (open documents always are). */
const MAX_BYTES = 1 << 20;

/**
 * Registers the contributor once vscode-yaml is installed and a YAML document is open (a Containerfile
 * alone never starts vscode-yaml). The returned disposable stops waiting.
 */
export function registerYamlSchemasWhenYamlOpens(extensionPath: string): Disposable {
  if (!extensions.getExtension(VSCODE_YAML)) return { dispose: () => undefined };
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    wait.dispose();
    void registerYamlSchemas(extensionPath).catch(() => false);
  };
  const wait = workspace.onDidOpenTextDocument((d) => d.languageId === 'yaml' && go());
  if (workspace.textDocuments.some((d) => d.languageId === 'yaml')) go();
  return wait;
}

/** Registers the contributor when vscode-yaml is installed; true when it was registered. */
export async function registerYamlSchemas(extensionPath: string): Promise<boolean> {
  const ext = extensions.getExtension<Partial<YamlApi>>(VSCODE_YAML);
  if (!ext) return false;
  let api: Partial<YamlApi> | undefined;
  try {
    api = ext.isActive ? ext.exports : await ext.activate();
  } catch {
    return false; // vscode-yaml failed to start: it says so itself
  }
  if (typeof api?.registerContributor !== 'function') return false;
  const dir = path.join(extensionPath, 'schemas');
  const cache = new Map<string, unknown>();
  const read = (id: string): unknown => {
    if (!cache.has(id)) cache.set(id, JSON.parse(fs.readFileSync(path.join(dir, `${id}.schema.json`), 'utf8')));
    return cache.get(id);
  };
  const entries: SchemaEntry[] = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => schemaEntry(f.slice(0, -'.schema.json'.length), read(f.slice(0, -'.schema.json'.length))))
    .filter((e): e is SchemaEntry => e !== null);
  return api.registerContributor(
    SCHEMA_SCHEME,
    (resource) => {
      const ids = chooseSchemas(textOf(resource) ?? '', entries);
      return ids ? schemaUri(ids) : undefined;
    },
    (uri) => schemaContent(uri, read),
    'RHCOS Layering',
  );
}

/** The open document's text, else the file's when it is small; undefined otherwise. */
function textOf(resource: string): string | undefined {
  const open = workspace.textDocuments.find((d) => d.uri.toString() === resource);
  if (open) return open.getText();
  try {
    const uri = Uri.parse(resource);
    if (uri.scheme !== 'file' || fs.statSync(uri.fsPath).size > MAX_BYTES) return undefined;
    return fs.readFileSync(uri.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}

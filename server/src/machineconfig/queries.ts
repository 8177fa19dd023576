import type { MachineConfigContext } from './rule';
import type { Kind, Path, YamlDoc, YamlModel } from './model';
import { get, rangeAt } from './model';
import { ROLE_LABEL } from '../../../common/mco';

/** Our documents of one kind (or all of ours) that parsed cleanly: one with syntax errors only gets those. */
export function owned(model: YamlModel, kind?: Kind): YamlDoc[] {
  return model.docs.filter((d) => d.owned && (!kind || d.owned === kind) && !d.hasErrors && d.value && typeof d.value === 'object');
}

export function roleOf(d: YamlDoc): string | undefined {
  const r = get(d.value, ['metadata', 'labels', ROLE_LABEL]);
  return typeof r === 'string' ? r : undefined;
}

export function nameOf(d: YamlDoc): string {
  const n = get(d.value, ['metadata', 'name']);
  return typeof n === 'string' ? n : '';
}

/** The Ignition config of a MachineConfig, when it is 3.x. */
export function ign3(d: YamlDoc): Record<string, unknown> | null {
  const c = get(d.value, ['spec', 'config']);
  if (!c || typeof c !== 'object') return null;
  const v = get(c, ['ignition', 'version']);
  return typeof v === 'string' && v.startsWith('3.') ? (c as Record<string, unknown>) : null;
}

/** `storage.files` of a MachineConfig's Ignition 3.x config. */
export function ignitionFiles(d: YamlDoc): Record<string, unknown>[] {
  const files = ((ign3(d)?.['storage'] ?? {}) as Record<string, unknown>)['files'];
  return Array.isArray(files) ? files.filter((f): f is Record<string, unknown> => !!f && typeof f === 'object') : [];
}

/** Reports at a path inside `spec.config` (at the key by default, where the offending section starts). */
export function configReporter(
  model: YamlModel,
  d: YamlDoc,
  ctx: MachineConfigContext,
): (path: Path, message: string, key?: boolean) => void {
  return (path, message, key = true) => ctx.report({ range: rangeAt(model, d, ['spec', 'config', ...path], { key }), message });
}

/** The API limit of one `spec.containerFile[].content` of a MachineOSConfig. */
export const MAX_CONTAINERFILE = 4096;

/** Where a MachineOSConfig keeps its Containerfiles: `spec.containerFile` in v1, `spec.buildInputs.containerFile` in v1alpha1. */
export function containerFileListPath(d: { apiVersion: string | null }): Path {
  return d.apiVersion?.endsWith('/v1alpha1') ? ['spec', 'buildInputs', 'containerFile'] : ['spec', 'containerFile'];
}

/**
 * The Containerfiles of a MachineOSConfig (v1 or v1alpha1), with their index in the list, the path of
 * `content`, and `containerfileArch` as written (undefined when left to the API's default).
 */
export function containerFiles(d: { value: unknown; apiVersion: string | null }): {
  content: string;
  index: number;
  path: Path;
  arch: unknown;
}[] {
  const listPath = containerFileListPath(d);
  const list = get(d.value, listPath);
  if (!Array.isArray(list)) return [];
  return (list as unknown[]).flatMap((c, index) => {
    const content = (c as { content?: unknown } | null)?.content;
    const arch = (c as { containerfileArch?: unknown } | null)?.containerfileArch;
    return typeof content === 'string' ? [{ content, index, path: [...listPath, index, 'content'], arch }] : [];
  });
}

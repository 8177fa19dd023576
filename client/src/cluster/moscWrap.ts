/**
 * The MachineOSConfig that Apply Containerfile to Pool sends: the Containerfile in the editor wrapped as
 * MCO's v1 API wants it (API:machineconfiguration/v1/types_machineosconfig.go, shared/domain/CURRENT.md §1.1),
 * or the MachineOSConfig of a YAML file taken as it is.
 */
import { parseAllDocuments } from 'yaml';
import { MCO_GROUP } from '../../../common/mco';
import type { Obj } from './cluster';

/** `containerFile[].content` holds at most this many characters (the API's maxLength counts characters, not bytes). */
export const CONTENT_MAX = 4096;

export interface MoscInputs {
  pool: string;
  containerfile: string;
  pushSpec: string;
  pushSecret: string;
  /** baseImagePullSecret; unset means MCO's `global-pull-secret-copy`. */
  pullSecret?: string | undefined;
}

/** A v1 MachineOSConfig: name = pool (the API's CEL rule), a Job builder, the content as the NoArch entry (the only one MCO reads). */
export function wrapContainerfile(i: MoscInputs): Obj {
  return {
    apiVersion: `${MCO_GROUP}/v1`,
    kind: 'MachineOSConfig',
    metadata: { name: i.pool },
    spec: {
      machineConfigPool: { name: i.pool },
      imageBuilder: { imageBuilderType: 'Job' },
      ...(i.pullSecret ? { baseImagePullSecret: { name: i.pullSecret } } : {}),
      renderedImagePushSecret: { name: i.pushSecret },
      renderedImagePushSpec: i.pushSpec,
      containerFile: [{ containerfileArch: 'NoArch', content: i.containerfile }],
    },
  };
}

/** What stops a Containerfile from being sent in a MachineOSConfig, or null. */
export function contentProblem(content: string): string | null {
  const n = Array.from(content).length;
  if (n > CONTENT_MAX)
    return (
      `The Containerfile has ${n} characters; a MachineOSConfig holds at most ${CONTENT_MAX} (containerFile[].content). ` +
      'Move long scripts into a package or an image the Containerfile copies from.'
    );
  if (!/\S/.test(content)) return 'The Containerfile is empty.';
  return null;
}

const FROM = /^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*(\S+)(?:[ \t]+AS[ \t]+(\S+))?[ \t]*$/gim;

/**
 * The last stage's FROM line when it is not `FROM configs AS final`: MCO appends the content after its
 * `configs` stage and the last stage must build on it, or the image lacks the MachineConfigs
 * (MCO:docs/onclusterlayering-quickstart.md; CURRENT.md §1.2). null when it already does or there is no FROM.
 */
export function finalStageNotConfigs(content: string): { line: number; text: string } | null {
  let last: RegExpExecArray | null = null;
  for (const m of content.matchAll(FROM)) last = m;
  if (!last) return null;
  if (last[1] === 'configs' && last[2]?.toLowerCase() === 'final') return null;
  return { line: content.slice(0, last.index).split('\n').length - 1, text: last[0].trim() };
}

/** The content with its last FROM line replaced by `FROM configs AS final`. */
export function withConfigsFinal(content: string): string {
  const bad = finalStageNotConfigs(content);
  if (!bad) return content;
  const lines = content.split('\n');
  lines[bad.line] = 'FROM configs AS final';
  return lines.join('\n');
}

/** The MachineOSConfigs of a YAML file, one per document of that kind. */
export function machineOSConfigsIn(yamlText: string): Obj[] {
  return parseAllDocuments(yamlText)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => !!o && o.kind === 'MachineOSConfig');
}

/** The pool a MachineOSConfig names, or ''. */
export function poolOf(mosc: Obj): string {
  const p = (mosc.spec?.['machineConfigPool'] as { name?: unknown } | undefined)?.name;
  return typeof p === 'string' ? p : '';
}

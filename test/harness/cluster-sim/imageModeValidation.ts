/**
 * What the API server rejects for MachineOSConfig and MachineOSBuild v1: the CRD's schema and CEL rules
 * (API:machineconfiguration/v1/types_machineosconfig.go and types_machineosbuild.go, release-4.18 … 4.22),
 * with the API server's 422 messages. v1alpha1 objects are only checked for a spec.
 */
import { apiVersionOf, ResourceDef } from './resources';
import { ApiError, Obj } from './store';

const PUSH_SPEC = [
  /^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?(\/[a-zA-Z0-9-_]{1,61})*\/[a-zA-Z0-9-_.]+:[a-zA-Z0-9._-]+$/,
  /^[^.]+\.[^.]+\.svc:\d+\/[^/]+\/[^/]+:[^/]+$/,
];
export const PUSH_SPEC_MESSAGE =
  'the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the scheme. Or it must be a valid .svc followed by a port, repository, image name, and tag.';
export const NAME_MESSAGE =
  'MachineOSConfig name must match the referenced MachineConfigPool name; can only have one MachineOSConfig per MachineConfigPool';
const ARCHES = ['ARM64', 'AMD64', 'PPC64LE', 'S390X', 'NoArch'];
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type Causes = string[];
const rec = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function requiredString(causes: Causes, obj: Record<string, unknown> | undefined, path: string, key: string): string | undefined {
  const v = obj?.[key];
  if (v === undefined || v === null || v === '') {
    causes.push(`${path}.${key}: Required value`);
    return undefined;
  }
  if (typeof v !== 'string') {
    causes.push(`${path}.${key}: Invalid value: "${typeof v}": ${path}.${key} in body must be of type string: "${typeof v}"`);
    return undefined;
  }
  return v;
}

function secretRef(causes: Causes, spec: Record<string, unknown>, key: string, required: boolean): void {
  const ref = spec[key];
  if (ref === undefined) {
    if (required) causes.push(`spec.${key}: Required value`);
    return;
  }
  const name = requiredString(causes, rec(ref), `spec.${key}`, 'name');
  if (name !== undefined && (name.length > 253 || !SECRET_NAME.test(name)))
    causes.push(
      `spec.${key}.name: Invalid value: "string": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character.`,
    );
}

function mosc(o: Obj, old: Obj | undefined, causes: Causes): void {
  const spec = rec(o['spec']);
  if (!spec) return void causes.push('spec: Required value');
  const pool =
    spec['machineConfigPool'] === undefined
      ? void causes.push('spec.machineConfigPool: Required value')
      : requiredString(causes, rec(spec['machineConfigPool']), 'spec.machineConfigPool', 'name');
  const builder = rec(spec['imageBuilder']);
  if (!builder) causes.push('spec.imageBuilder: Required value');
  else {
    const t = requiredString(causes, builder, 'spec.imageBuilder', 'imageBuilderType');
    if (t !== undefined && t !== 'Job')
      causes.push(`spec.imageBuilder.imageBuilderType: Unsupported value: ${JSON.stringify(t)}: supported values: "Job"`);
  }
  secretRef(causes, spec, 'baseImagePullSecret', false);
  secretRef(causes, spec, 'renderedImagePushSecret', true);
  const push = requiredString(causes, spec, 'spec', 'renderedImagePushSpec');
  if (push !== undefined) {
    if (push.length > 447) causes.push(`spec.renderedImagePushSpec: Too long: may not be more than 447 bytes`);
    else if (!PUSH_SPEC.some((re) => re.test(push)))
      causes.push(`spec.renderedImagePushSpec: Invalid value: "string": ${PUSH_SPEC_MESSAGE}`);
  }
  const files = spec['containerFile'];
  if (files !== undefined && files !== null) {
    if (!Array.isArray(files))
      causes.push(
        `spec.containerFile: Invalid value: "${typeof files}": spec.containerFile in body must be of type array: "${typeof files}"`,
      );
    else {
      if (files.length > 4) causes.push(`spec.containerFile: Too many: ${files.length}: must have at most 4 items`);
      const seen = new Set<string>();
      files.forEach((f, i) => {
        const e = rec(f);
        const path = `spec.containerFile[${i}]`;
        const arch = e?.['containerfileArch'] ?? 'NoArch';
        if (typeof arch !== 'string' || !ARCHES.includes(arch))
          causes.push(
            `${path}.containerfileArch: Unsupported value: ${JSON.stringify(arch)}: supported values: ${ARCHES.map((a) => `"${a}"`).join(', ')}`,
          );
        else if (seen.has(arch)) causes.push(`${path}: Duplicate value: map[string]interface {}{"containerfileArch":"${arch}"}`);
        else seen.add(arch);
        const content = requiredString(causes, e, path, 'content');
        if (content !== undefined && content.length > 4096) causes.push(`${path}.content: Too long: may not be more than 4096 bytes`);
      });
    }
  }
  // The name rule uses optionalOldSelf: an object that already broke it can still be updated.
  const oldSpec = rec(old?.['spec']);
  const oldBroke = old !== undefined && old.metadata.name !== rec(oldSpec?.['machineConfigPool'])?.['name'];
  if (pool !== undefined && pool !== o.metadata.name && !oldBroke) causes.push(`<nil>: Invalid value: "object": ${NAME_MESSAGE}`);
}

function mosb(o: Obj, old: Obj | undefined, causes: Causes): void {
  if (!rec(o['spec'])) return void causes.push('spec: Required value');
  if (old && JSON.stringify(o['spec']) !== JSON.stringify(old['spec']))
    causes.push('spec: Invalid value: "object": machineOSBuildSpec is immutable once set');
  const oldConds = (rec(old?.['status'])?.['conditions'] as { type: string; status: string }[] | undefined) ?? [];
  const conds = rec(o['status'])?.['conditions'];
  for (const t of ['Failed', 'Interrupted'])
    if (oldConds.some((c) => c.type === t && c.status === 'True') && JSON.stringify(conds) !== JSON.stringify(oldConds))
      causes.push(
        `status.conditions: Invalid value: "array": once a${t === 'Interrupted' ? 'n' : ''} ${t} condition is set, conditions are immutable`,
      );
}

export function validateImageMode(r: ResourceDef, o: Obj, old: Obj | undefined): void {
  const causes: Causes = [];
  if (r.version === 'v1') {
    if (r.kind === 'MachineOSConfig') mosc(o, old, causes);
    else mosb(o, old, causes);
  } else if (!rec(o['spec'])) causes.push('spec: Required value');
  if (causes.length === 0) return;
  const what = `${r.kind}.${apiVersionOf(r).split('/')[0]} ${JSON.stringify(o.metadata.name)}`;
  throw new ApiError(422, 'Invalid', `${what} is invalid: ${causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`}`);
}

/** What the API server's schema validation rejects with 422 Invalid. */
import type { ResourceDef } from './resources';
import { ApiError, Obj } from './store';
import { validateImageMode } from './imageModeValidation';
import { NAME_GUARD, nodeDisruptionPolicyCauses } from './machineConfiguration';
import { validatePinned } from './pinnedImages';

const DNS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function validate(r: ResourceDef, o: Obj, old?: Obj): void {
  const causes: { field: string; message: string }[] = [];
  const name = o.metadata.name;
  if (typeof name !== 'string' || !DNS.test(name) || name.length > 253)
    causes.push({
      field: 'metadata.name',
      message: `Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`,
    });
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v))
      causes.push({
        field: `metadata.labels.${k}`,
        message: `Invalid value: ${JSON.stringify(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`,
      });
  }
  if (r.kind === 'MachineConfig') {
    const spec = (o['spec'] ?? {}) as Record<string, unknown>;
    for (const f of ['osImageURL', 'kernelType', 'baseOSExtensionsContainerImage']) {
      if (spec[f] !== undefined && typeof spec[f] !== 'string')
        causes.push({ field: `spec.${f}`, message: `Invalid value: "${typeof spec[f]}": spec.${f} in body must be of type string` });
    }
    for (const f of ['extensions', 'kernelArguments']) {
      if (
        spec[f] !== undefined &&
        spec[f] !== null &&
        !(Array.isArray(spec[f]) && (spec[f] as unknown[]).every((x) => typeof x === 'string'))
      )
        causes.push({ field: `spec.${f}`, message: `Invalid value: spec.${f} in body must be an array of strings` });
    }
    if (spec['fips'] !== undefined && typeof spec['fips'] !== 'boolean')
      causes.push({ field: 'spec.fips', message: 'Invalid value: spec.fips in body must be of type boolean' });
  }
  if (r.kind === 'MachineConfiguration') {
    // The ValidatingAdmissionPolicy runs after the schema: a CEL error is reported first.
    causes.push(...nodeDisruptionPolicyCauses(o['spec']).map((c) => ({ field: '', message: c })));
    if (!causes.length && name !== 'cluster')
      throw new ApiError(
        403,
        'Forbidden',
        `machineconfigurations.operator.openshift.io ${JSON.stringify(name)} is forbidden: ValidatingAdmissionPolicy 'machine-configuration-guards' with binding 'machine-configuration-guards-binding' denied request: ${NAME_GUARD}`,
      );
    if (causes.length)
      throw new ApiError(
        422,
        'Invalid',
        `MachineConfiguration.operator.openshift.io ${JSON.stringify(name)} is invalid: ${causes.length === 1 ? causes[0]!.message : `[${causes.map((c) => c.message).join(', ')}]`}`,
      );
  }
  if (causes.length === 0 && (r.kind === 'PinnedImageSet' || r.kind === 'MachineConfigPool')) validatePinned(r, o);
  if (causes.length === 0 && (r.kind === 'MachineOSConfig' || r.kind === 'MachineOSBuild')) return validateImageMode(r, o, old);
  if (causes.length) {
    const e = new ApiError(
      422,
      'Invalid',
      `${r.kind} "${String(name)}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`,
    );
    throw e;
  }
}

import type { Rule } from '../../core/types';
import { rangeAt, YamlModel } from '../model';
import { owned } from '../queries';
import { validateSchema } from '../schema';

export const mcSchema: Rule<YamlModel> = {
  meta: {
    id: 'mc-schema',
    kind: 'yaml',
    severity: 'error',
    title: 'Field or type the API does not accept',
    why: 'Each kind has a schema (the CRD plus the Ignition spec inside `spec.config`). Unknown fields are dropped silently by the API server and wrong types are rejected; either way the pool does not get what the file says.',
    source: 'openshift/api machineconfiguration/v1 CRDs; coreos/ignition config spec 3.x',
    fixable: false,
  },
  check(model, ctx) {
    for (const d of owned(model)) {
      if (d.hasErrors || d.conversionError) continue;
      for (const p of validateSchema(d.owned!, d.value)) ctx.report({ range: rangeAt(model, d, p.path, { key: p.key }), message: p.message });
    }
  },
};

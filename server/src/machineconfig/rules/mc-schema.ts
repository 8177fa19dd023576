import type { MachineConfigRule } from '../rule';
import { rangeAt } from '../model';
import { owned } from '../queries';
import { validateSchema } from '../schema';
import { machineConfigExample } from '../examples';

export const mcSchema: MachineConfigRule = {
  meta: {
    id: 'mc-schema',
    kind: 'yaml',
    severity: 'error',
    title: 'Field or type the API does not accept',
    why: 'Each kind has a schema (the CRD plus the Ignition spec inside `spec.config`). Unknown fields are dropped silently by the API server and wrong types are rejected; either way the pool does not get what the file says.',
    source: 'openshift/api machineconfiguration/v1 CRDs; coreos/ignition config spec 3.x',
    fixable: false,
    examples: {
      bad: machineConfigExample(`  kernelArgs:
    - nosmt`),
      good: machineConfigExample(`  kernelArguments:
    - nosmt`),
      fix: 'Use the field names and types of the schema; the message suggests the nearest field. The same schemas are contributed to redhat.vscode-yaml (`yamlValidation`) for completion; when that extension validates a file, these errors are left to it.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model)) {
      if (d.hasErrors || d.conversionError) continue;
      for (const p of validateSchema(d.owned!, d.value))
        ctx.report({ range: rangeAt(model, d, p.path, { key: p.key }), message: p.message });
    }
  },
};

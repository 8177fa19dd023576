import type { MachineConfigRule } from '../rule';
import { machineConfigExample } from '../examples';

export const yamlSyntax: MachineConfigRule = {
  meta: {
    id: 'yaml-syntax',
    kind: 'yaml',
    severity: 'error',
    title: 'YAML syntax error',
    why: 'A MachineConfig that does not parse is rejected by `oc apply` before MCO sees it.',
    source: 'YAML 1.2',
    fixable: false,
    examples: {
      bad: machineConfigExample(`  kernelType: realtime
  kernelType: default`),
      good: machineConfigExample('  kernelType: realtime'),
      fix: 'Fix the YAML at the position shown (duplicate keys, indentation, unclosed brackets).',
    },
  },
  check(model, ctx) {
    for (const d of model.docs) {
      if (!d.owned) continue;
      for (const e of d.hasErrors ? d.doc.errors : []) {
        const [s, t0] = e.pos;
        // Widen a one-character position to the token it points at.
        let t = t0;
        if (t - s <= 1) while (t < model.text.length && !/[\s:,[\]{}]/.test(model.text[t]!)) t++;
        const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        ctx.report({
          range: model.index.range(s, Math.max(t, s + 1)),
          message: `YAML: ${first}. Other checks of this document wait until it parses.`,
        });
      }
      if (d.conversionError) {
        ctx.report({
          range: model.index.range(d.start, d.start + 1),
          message: `YAML: ${d.conversionError}; the document is not checked further.`,
        });
      }
    }
  },
};

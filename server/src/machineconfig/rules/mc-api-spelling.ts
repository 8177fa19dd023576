import type { MachineConfigRule } from '../rule';
import { nearest } from '../../core/nearest';
import { GROUP, OPERATOR_GROUP, rangeAt } from '../model';

const VERSIONS: Record<string, string[]> = {
  MachineConfig: [`${GROUP}/v1`],
  MachineConfigPool: [`${GROUP}/v1`],
  MachineOSConfig: [`${GROUP}/v1`, `${GROUP}/v1alpha1`],
  // v1alpha1 in 4.16-4.18 (TechPreview), v1 from 4.19 (openshift/api machineconfiguration/v1*/types_pinnedimageset.go per release)
  PinnedImageSet: [`${GROUP}/v1`, `${GROUP}/v1alpha1`],
  MachineConfiguration: [`${OPERATOR_GROUP}/v1`],
};

export const mcApiSpelling: MachineConfigRule = {
  meta: {
    id: 'mc-api-spelling',
    kind: 'yaml',
    severity: 'error',
    title: 'Misspelt apiVersion or kind',
    why: 'The API server looks the resource up by apiVersion and kind; a misspelling fails with "no matches for kind" and nothing is applied.',
    source: 'openshift/api machineconfiguration/v1',
    fixable: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfigs`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig`,
      fix: 'Quick fix: *Change to …*.',
    },
  },
  check(model, ctx) {
    for (const d of model.docs) {
      if (!d.owned || !d.kind || !d.apiVersion) continue;
      if (d.kind !== d.owned) {
        const range = rangeAt(model, d, ['kind']);
        ctx.report({
          range,
          message: `kind \`${d.kind}\` is not a ${GROUP} kind: did you mean \`${d.owned}\`?`,
          fixes: [{ title: `Change to ${d.owned}`, edits: [{ range, newText: d.owned }] }],
        });
      }
      const ok = VERSIONS[d.owned]!;
      if (!ok.includes(d.apiVersion)) {
        const range = rangeAt(model, d, ['apiVersion']);
        const best = nearest(d.apiVersion, ok, 10) ?? ok[0]!;
        ctx.report({
          range,
          message: `apiVersion \`${d.apiVersion}\` is not served for ${d.owned}: use \`${best}\`.`,
          fixes: [{ title: `Change to ${best}`, edits: [{ range, newText: best }] }],
        });
      }
    }
  },
};

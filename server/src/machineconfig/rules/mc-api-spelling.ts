import type { MachineConfigRule } from '../rule';
import { nearest } from '../../core/nearest';
import { GROUP, OPERATOR_GROUP, rangeAt } from '../model';
import type { OcpVersion } from '../../core/types';
import { atMost, formatVersion } from '../../core/version';

const VERSIONS: Record<string, string[]> = {
  MachineConfig: [`${GROUP}/v1`],
  MachineConfigPool: [`${GROUP}/v1`],
  MachineOSConfig: [`${GROUP}/v1`, `${GROUP}/v1alpha1`],
  MachineOSBuild: [`${GROUP}/v1`, `${GROUP}/v1alpha1`],
  // every version any release serves; pinnedImageSetVersions says which, by release
  PinnedImageSet: [`${GROUP}/v1`, `${GROUP}/v1alpha1`],
  MachineConfiguration: [`${OPERATOR_GROUP}/v1`],
};

/**
 * PinnedImageSet versions a release serves: v1alpha1 only up to 4.18, v1 from 4.19, and v1alpha1 is gone
 * from 4.22 (openshift/api machineconfiguration/v1 and v1alpha1 types_pinnedimageset.go, release-4.16 to 5.0).
 */
function pinnedImageSetVersions(v: OcpVersion): string[] {
  if (atMost(v, 4, 18)) return [`${GROUP}/v1alpha1`];
  if (atMost(v, 4, 21)) return [`${GROUP}/v1`, `${GROUP}/v1alpha1`];
  return [`${GROUP}/v1`];
}

export const mcApiSpelling: MachineConfigRule = {
  meta: {
    id: 'mc-api-spelling',
    kind: 'yaml',
    severity: 'error',
    title: 'Misspelt apiVersion or kind',
    why: 'The API server looks the resource up by apiVersion and kind; a misspelling fails with "no matches for kind" and nothing is applied.',
    source:
      'openshift/api machineconfiguration/v1; PinnedImageSet: openshift/api machineconfiguration/v1alpha1 (4.16-4.21) and v1 (4.19+) types_pinnedimageset.go',
    fixable: true,
    versionDependent: true,
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
      const byVersion = d.owned === 'PinnedImageSet' && ctx.ocp ? pinnedImageSetVersions(ctx.ocp) : null;
      const ok = byVersion ?? VERSIONS[d.owned]!;
      if (!ok.includes(d.apiVersion)) {
        const range = rangeAt(model, d, ['apiVersion']);
        const best = nearest(d.apiVersion, ok, 10) ?? ok[0]!;
        const known = VERSIONS[d.owned]!.includes(d.apiVersion);
        ctx.report({
          range,
          message: `apiVersion \`${d.apiVersion}\` is not served for ${d.owned}${known && ctx.ocp ? ` on OpenShift ${formatVersion(ctx.ocp)}` : ''}: use \`${best}\`.`,
          fixes: [{ title: `Change to ${best}`, edits: [{ range, newText: best }] }],
        });
      }
    }
  },
};

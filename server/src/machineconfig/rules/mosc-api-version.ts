import type { MachineConfigRule } from '../rule';
import { rangeAt } from '../model';
import { owned } from '../queries';
import { atMost, formatVersion, judgedVersion } from '../../core/version';
import { isV1, isV1alpha1, V1 } from '../mosc';

const MAPPING =
  'v1 moves the fields of `spec.buildInputs` up to `spec`, spells `renderedImagePushspec` as `renderedImagePushSpec`, `PodImageBuilder` ' +
  'as `Job` and `noarch` as `NoArch`, and drops `buildOutputs`, `baseOSImagePullspec`, `baseOSExtensionsImagePullspec` and `releaseVersion`';
const MAPPING_BUILD =
  'v1 renames `spec.desiredConfig` to `spec.machineConfig` and `renderedImagePushspec` to `renderedImagePushSpec`, and drops ' +
  '`configGeneration` and `version`';

export const moscApiVersion: MachineConfigRule = {
  meta: {
    id: 'mosc-api-version',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineOSConfig or MachineOSBuild apiVersion the OpenShift version does not serve',
    why:
      'On-cluster layering came as `machineconfiguration.openshift.io/v1alpha1` in 4.16 and 4.17 (Tech Preview, behind the ' +
      '`TechPreviewNoUpgrade` feature set). From 4.18 the CRDs in the release payload serve only `v1`, which is shaped differently, and ' +
      'in 4.20 the v1alpha1 types were removed from the API altogether. A v1alpha1 object on 4.18 or later fails with "no matches for ' +
      'kind", and a v1 object on 4.16–4.17 does too.',
    source:
      'openshift/api payload-manifests/crds/0000_80_machine-config_01_machineosconfigs.crd.yaml@release-4.18 and 4.19 (versions: v1 only; ' +
      'commit 23cea4440 "change OCL CRD deployment to v1"); machineconfiguration/v1alpha1/types_machineos*.go present in release-4.16 to ' +
      '4.19, absent from release-4.20; MCO install/0000_80_machine-config_01_machineosconfigs-TechPreviewNoUpgrade.crd.yaml@release-4.16, ' +
      '4.17 (v1alpha1 only); shared/domain CURRENT.md §0',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1alpha1   # with rhcosLayering.ocpVersion = 4.20
kind: MachineOSConfig
spec:
  buildInputs:
    renderedImagePushspec: quay.io/example/os:latest`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineOSConfig
spec:
  renderedImagePushSpec: quay.io/example/os:latest`,
      fix:
        'Write v1 for 4.18 and later, v1alpha1 for 4.16–4.17. Quick fix: *Change to machineconfiguration.openshift.io/v1*, then the ' +
        'quick fixes of mosc-v1alpha1-fields move the fields. Without `rhcosLayering.ocpVersion` the newest version is assumed.',
    },
  },
  check(model, ctx) {
    const { v, assumed } = judgedVersion(ctx.ocp, true);
    for (const d of [...owned(model, 'MachineOSConfig'), ...owned(model, 'MachineOSBuild')]) {
      const kind = d.owned!;
      const range = rangeAt(model, d, ['apiVersion']);
      if (isV1alpha1(d) && !atMost(v, 4, 17)) {
        const why = !atMost(v, 4, 19)
          ? `${kind} \`v1alpha1\` was removed in OpenShift 4.20${assumed ? ' (no OpenShift version is set: the newest is assumed)' : ''}`
          : `OpenShift ${formatVersion(v)} serves ${kind} only as \`v1\` (from 4.18 the CRD in the release payload has no v1alpha1)`;
        ctx.report({
          range,
          message: `${why}, so the API server answers "no matches for kind". Use \`${V1}\`: ${kind === 'MachineOSConfig' ? MAPPING : MAPPING_BUILD}.`,
          fixes: [{ title: `Change to ${V1}`, edits: [{ range, newText: V1 }] }],
        });
      } else if (isV1(d) && atMost(v, 4, 17)) {
        ctx.report({
          range,
          message:
            `OpenShift ${formatVersion(v)} serves ${kind} only as \`v1alpha1\` (Tech Preview, with the TechPreviewNoUpgrade feature set); ` +
            '`v1` arrives in 4.18. Write the v1alpha1 shape (`spec.buildInputs`, `renderedImagePushspec`, `PodImageBuilder`, `noarch`) or ' +
            'set the OpenShift version of your cluster.',
        });
      }
    }
  },
};

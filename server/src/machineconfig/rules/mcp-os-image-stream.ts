import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { nameOf, owned } from '../queries';
import { asSelector, selects } from '../selector';
import { atMost, formatVersion, osStreams } from '../../core/version';
import { ROLE_LABEL } from '../../../../common/mco';

/** The message of MCO's ValidatingAdmissionPolicy `machineconfigpool-osimagestream-reference-validation`. */
const POLICY_MESSAGE = 'The specified osImageStream name must reference a valid stream from the cluster OSImageStream resource';
/** MCO pkg/controller/render/render_controller.go (release-4.22+), shown as the pool's RenderDegraded message. */
const RENDER_MESSAGE = 'cannot override MachineConfig osImageURL and set MachineConfigPool spec.osImageStream.name simultaneously';

export const mcpOsImageStream: MachineConfigRule = {
  meta: {
    id: 'mcp-os-image-stream',
    kind: 'yaml',
    severity: 'error',
    title: "Pool's OS image stream the cluster cannot use",
    why:
      'A MachineConfigPool picks its OS with `spec.osImageStream.name` (feature OSStreams: TechPreview in 4.21-4.22, default from 5.0). ' +
      "Before 4.21 the field does not exist and the API server drops it. The admission policy refuses a name that is not one of the cluster's streams (rhel-9, rhel-10). " +
      'From 4.22 a pool that sets a stream and also gets a MachineConfig with `osImageURL` fails to render, so none of its changes roll out.',
    source:
      'openshift/api machineconfiguration/v1/types.go MachineConfigPoolSpec.OSImageStream (release-4.21+); MCO manifests/machineconfigcontroller/machineconfigpool-osimagestream-reference-validatingadmissionpolicy.yaml; ' +
      'MCO pkg/controller/render/render_controller.go generateRenderedMachineConfig (release-4.22+); MCO pkg/osimagestream (stream names rhel-9, rhel-10)',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfigPool
metadata:
  name: worker
spec:
  osImageStream:
    name: rhel10`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfigPool
metadata:
  name: worker
spec:
  osImageStream:
    name: rhel-10`,
      fix: "Name one of the cluster's streams (`oc get osimagestream cluster -o jsonpath='{.status.availableStreams[*].name}'`), and do not combine a stream with a MachineConfig that sets `osImageURL` on the same pool. Without `rhcosLayering.ocpVersion` only the stream name is checked.",
    },
  },
  check(model, ctx) {
    const v = ctx.ocp;
    for (const d of owned(model, 'MachineConfigPool')) {
      const stream = get(d.value, ['spec', 'osImageStream', 'name']);
      if (typeof stream !== 'string') continue;
      const key = rangeAt(model, d, ['spec', 'osImageStream'], { key: true });
      if (v && atMost(v, 4, 20)) {
        ctx.report({
          range: key,
          severity: 'warning',
          message: `\`spec.osImageStream\` does not exist on OpenShift ${formatVersion(v)} (OS image streams come with 4.21): the API server drops it and the pool keeps the cluster's OS.`,
        });
        continue;
      }
      const names = Object.keys(osStreams(v ?? { major: 5, minor: 0 }).streams);
      const valueRange = rangeAt(model, d, ['spec', 'osImageStream', 'name']);
      if (!names.includes(stream))
        ctx.report({
          range: valueRange,
          severity: 'warning',
          message: `${POLICY_MESSAGE}: the release's streams are ${names.join(' and ')}, not \`${stream}\` (check \`oc get osimagestream cluster\` for a cluster's own).`,
        });
      if (v && atMost(v, 4, 21)) continue;
      const selector = asSelector(get(d.value, ['spec', 'machineConfigSelector']));
      const here = owned(model, 'MachineConfig')
        .filter((mc) => typeof get(mc.value, ['spec', 'osImageURL']) === 'string' && get(mc.value, ['spec', 'osImageURL']) !== '')
        .map((mc) => ({ name: nameOf(mc), labels: (get(mc.value, ['metadata', 'labels']) ?? {}) as Record<string, string> }));
      const elsewhere = (ctx.options.workspace?.machineConfigs ?? [])
        .filter((m) => m.osImageURL && m.pool)
        .map((m) => ({ name: m.name, labels: { [ROLE_LABEL]: m.pool! } }));
      const clash = [...here, ...elsewhere].filter((mc) => selects(selector, mc.labels));
      if (clash.length)
        ctx.report({
          range: valueRange,
          message: `Pool \`${nameOf(d)}\` will not render: "${RENDER_MESSAGE}". MachineConfig ${clash.map((c) => `\`${c.name}\``).join(', ')} sets osImageURL for it: use either the stream or the image.`,
        });
    }
  },
};

import type { Fix } from '../../core/types';
import type { MachineConfigRule } from '../rule';
import { nodeAt, pairAt, rangeAt, YamlModel, YamlDoc } from '../model';
import { nameOf, owned, roleOf } from '../queries';
import type { Node } from 'yaml';
import { GENERATED_BY_ANNOTATION, ROLE_LABEL as LABEL } from '../../../../common/mco';
import { machineConfigExample } from '../examples';

export const mcRoleLabel: MachineConfigRule = {
  meta: {
    id: 'mc-role-label',
    kind: 'yaml',
    severity: 'error',
    title: 'MachineConfig without the role label',
    why: 'Pools select MachineConfigs by the `machineconfiguration.openshift.io/role` label. Without it the MachineConfig applies to no pool (and MCO fails to merge one with no labels at all: "cannot find label in MachineConfig").',
    source: 'MCO pkg/controller/common/helpers.go MergeMachineConfigs; openshift/api MachineConfigRoleLabelKey',
    fixable: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: os-layer-custom
spec:
  osImageURL: quay.io/my/image@sha256:<digest>`,
      good: machineConfigExample('  osImageURL: quay.io/my/image@sha256:<digest>', 'os-layer-custom'),
      fix: 'Quick fix: *Add label machineconfiguration.openshift.io/role: <pool>*, one per known pool (worker, master and pools in the same file).',
    },
  },
  check(model, ctx) {
    const pools = new Set(['worker', 'master', ...owned(model, 'MachineConfigPool').map(nameOf).filter(Boolean)]);
    for (const d of owned(model, 'MachineConfig')) {
      if (roleOf(d) !== undefined || isRendered(d)) continue;
      ctx.report({
        range: rangeAt(model, d, ['metadata', 'name']),
        message: `MachineConfig \`${nameOf(d) || '(no name)'}\` has no \`${LABEL}\` label, so no pool picks it up: add the label with the pool's name (worker, master or a custom pool).`,
        fixes: [...pools].map((p) => addLabel(model, d, p)).filter((f): f is Fix => f !== null),
      });
    }
  },
};

function addLabel(model: YamlModel, d: YamlDoc, pool: string): Fix | null {
  const meta = pairAt(d.doc, ['metadata']);
  if (!meta) return null;
  const metaKey = meta.key as Node;
  const metaCol = model.index.positionAt(metaKey.range![0]).character;
  const labels = nodeAt(d.doc, ['metadata', 'labels']);
  const title = `Add label ${LABEL}: ${pool}`;
  if (
    labels &&
    labels.range &&
    model.index.positionAt(labels.range[0]).line >
      model.index.positionAt((pairAt(d.doc, ['metadata', 'labels'])!.key as Node).range![0]).line
  ) {
    const at = model.index.positionAt(labels.range[0]);
    return { title, edits: [{ range: { start: at, end: at }, newText: `${LABEL}: ${pool}\n${' '.repeat(at.character)}` }] };
  }
  if (labels) return null; // flow-style or empty labels: not certain where to write
  const line = model.index.positionAt(metaKey.range![0]).line + 1;
  const at = { line, character: 0 };
  const ind = ' '.repeat(metaCol + 2);
  return { title, edits: [{ range: { start: at, end: at }, newText: `${ind}labels:\n${ind}  ${LABEL}: ${pool}\n` }] };
}

/** MCO's own rendered-<pool>-<hash> configs carry no role label, by design. */
function isRendered(d: YamlDoc): boolean {
  const meta = (d.value as { metadata?: { name?: unknown; annotations?: Record<string, unknown> } } | null)?.metadata;
  return typeof meta?.name === 'string' && meta.name.startsWith('rendered-') && meta.annotations?.[GENERATED_BY_ANNOTATION] !== undefined;
}

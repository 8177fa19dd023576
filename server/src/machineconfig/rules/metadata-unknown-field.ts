import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { nearest } from '../../core/nearest';

/** The JSON names of metav1.ObjectMeta (k8s.io/apimachinery pkg/apis/meta/v1/types.go; `clusterName` is a tombstone since 1.25). */
export const OBJECT_META_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** A near name: the same word in another case or number (`annotation`, `Labels`), else the nearest by spelling. */
function guess(key: string): string | null {
  const k = key.toLowerCase();
  const same = OBJECT_META_FIELDS.find((f) => f.toLowerCase() === k || f.toLowerCase() === `${k}s` || `${f.toLowerCase()}s` === k);
  return same ?? nearest(key, OBJECT_META_FIELDS, 3);
}

export const metadataUnknownField: MachineConfigRule = {
  meta: {
    id: 'metadata-unknown-field',
    kind: 'yaml',
    severity: 'warning',
    title: 'Unknown field under metadata',
    why:
      '`metadata` is Kubernetes ObjectMeta: only its own fields (name, labels, annotations, …) exist. A misspelt one such as `metadata.label` or `metadata.annotation` never reaches the object: ' +
      'the API server drops it (or, with strict field validation, refuses the request), so the role label that puts a MachineConfig in a pool, or an annotation MCO reads, is simply missing.',
    source:
      'k8s.io/apimachinery pkg/apis/meta/v1/types.go ObjectMeta (as vendored by MCO main); CRD structural pruning (apiextensions-apiserver)',
    fixable: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-custom
  label:
    machineconfiguration.openshift.io/role: worker`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-custom
  labels:
    machineconfiguration.openshift.io/role: worker`,
      fix: 'Quick fix: *Change to <near name>* (`label` → `labels`, `annotation` → `annotations`).',
    },
  },
  check(model, ctx) {
    for (const d of owned(model)) {
      const meta = get(d.value, ['metadata']);
      if (!meta || typeof meta !== 'object' || Array.isArray(meta)) continue;
      for (const key of Object.keys(meta)) {
        if (OBJECT_META_FIELDS.includes(key)) continue;
        const range = rangeAt(model, d, ['metadata', key], { key: true });
        const near = guess(key);
        ctx.report({
          range,
          message:
            `\`metadata.${key}\` is not a metadata field: the API server drops it (or refuses it under strict field validation), so it never reaches the ${d.owned}` +
            (near ? `. Did you mean \`${near}\`?` : `; the fields are ${OBJECT_META_FIELDS.join(', ')}.`),
          fixes: near ? [{ title: `Change to ${near}`, edits: [{ range, newText: near }] }] : [],
        });
      }
    }
  },
};

import { isMap, isPair, isScalar, type Node } from 'yaml';
import type { TextEdit } from '../../core/types';
import type { MachineConfigRule } from '../rule';
import { get, pairAt, rangeAt, type Path, type YamlDoc, type YamlModel } from '../model';
import { owned } from '../queries';
import { isV1, V1_ARCHES, V1ALPHA1_ARCH_TO_V1, V1ALPHA1_BUILDER, V1ALPHA1_SPEC_FIELDS } from '../mosc';

export const moscV1alpha1Fields: MachineConfigRule = {
  meta: {
    id: 'mosc-v1alpha1-fields',
    kind: 'yaml',
    severity: 'error',
    title: 'v1alpha1 field or value in a v1 MachineOSConfig',
    why:
      'MachineOSConfig v1 (4.18 and later) is not shaped like v1alpha1 (4.16–4.17): the fields of `buildInputs` moved up to `spec`, ' +
      '`renderedImagePushspec` became `renderedImagePushSpec`, `buildOutputs.currentImagePullSecret` is gone, `PodImageBuilder` became ' +
      '`Job` and the architectures are spelt `NoArch`, `AMD64`, …. The API server drops unknown fields silently and rejects the old ' +
      "values, and Red Hat's own examples mix the two (`apiVersion: …/v1` with `renderedImagePushspec`, `noarch` and `PodImageBuilder`).",
    source:
      'openshift/api machineconfiguration/v1/types_machineosconfig.go and v1alpha1/types_machineosconfig.go (release-4.17, 4.18); ' +
      'openshift/api commit 23cea4440 ("Update from PodImageBuilder to JobImageBuilder", "Updated Arch enum to be PascalCase"); ' +
      'openshift-docs modules/coreos-layering-configuring-on-modifying.adoc',
    fixable: true,
    examples: {
      bad: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineOSConfig
spec:
  containerFile:
  - containerfileArch: noarch
  imageBuilder:
    imageBuilderType: PodImageBuilder
  renderedImagePushspec: quay.io/example/os:latest`,
      good: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineOSConfig
spec:
  containerFile:
  - containerfileArch: NoArch
  imageBuilder:
    imageBuilderType: Job
  renderedImagePushSpec: quay.io/example/os:latest`,
      fix: 'Use the v1 names and values. Quick fixes: *Change to …* for names and values, *Move the fields of buildInputs into spec*, *Remove …* for fields v1 no longer has.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineOSConfig')) {
      if (!isV1(d)) continue;
      const spec = get(d.value, ['spec']);
      if (!spec || typeof spec !== 'object') continue;
      for (const [field, v1] of Object.entries(V1ALPHA1_SPEC_FIELDS)) {
        if (!(field in spec)) continue;
        const path = ['spec', field];
        const range = rangeAt(model, d, path, { key: true });
        if (v1.v1) {
          const taken = v1.v1 in spec;
          ctx.report({
            range,
            message: `\`${field}\` is the v1alpha1 name: ${v1.why} (\`${v1.v1}\`). The API server drops \`${field}\` silently${taken ? '' : ` and rejects the object without \`${v1.v1}\``}.`,
            fixes: taken ? undefined : [{ title: `Change to ${v1.v1}`, edits: [{ range, newText: v1.v1 }] }],
          });
          continue;
        }
        const move = field === 'buildInputs' ? moveUp(model, d, path, spec) : null;
        const remove = field === 'buildInputs' ? null : removeLines(model, d, path);
        ctx.report({
          range,
          message: `\`${field}\` is a v1alpha1 field that v1 does not have: ${v1.why}. The API server drops it silently.`,
          fixes: move
            ? [{ title: 'Move the fields of buildInputs into spec', edits: [move] }]
            : remove
              ? [{ title: `Remove ${field}`, edits: [remove] }]
              : undefined,
        });
      }
      const builder = get(d.value, ['spec', 'imageBuilder', 'imageBuilderType']);
      if (builder === V1ALPHA1_BUILDER.from) {
        const range = rangeAt(model, d, ['spec', 'imageBuilder', 'imageBuilderType']);
        ctx.report({
          range,
          message: `\`${V1ALPHA1_BUILDER.from}\` is the v1alpha1 builder; v1 has only \`${V1ALPHA1_BUILDER.to}\`. The API rejects it: Unsupported value: "${V1ALPHA1_BUILDER.from}": supported values: "${V1ALPHA1_BUILDER.to}".`,
          fixes: [{ title: `Change to ${V1ALPHA1_BUILDER.to}`, edits: [{ range, newText: V1ALPHA1_BUILDER.to }] }],
        });
      }
      const files = get(d.value, ['spec', 'containerFile']);
      if (!Array.isArray(files)) continue;
      files.forEach((f: unknown, i) => {
        const arch = get(f, ['containerfileArch']);
        if (typeof arch !== 'string' || !(arch in V1ALPHA1_ARCH_TO_V1)) return;
        const to = V1ALPHA1_ARCH_TO_V1[arch]!;
        const range = rangeAt(model, d, ['spec', 'containerFile', i, 'containerfileArch']);
        ctx.report({
          range,
          message:
            `\`${arch}\` is the v1alpha1 spelling; v1 wants \`${to}\`. The API rejects it: Unsupported value: "${arch}": supported values: ` +
            `${V1_ARCHES.map((a) => `"${a}"`).join(', ')}.`,
          fixes: [{ title: `Change to ${to}`, edits: [{ range, newText: to }] }],
        });
      });
    }
  },
};

/** The lines a block-style `key: value` pair spans, when the key starts its line; null for flow style. */
function pairLines(model: YamlModel, d: YamlDoc, path: Path): { first: number; last: number } | null {
  const pair = pairAt(d.doc, path);
  const key = pair?.key as Node | undefined;
  if (!pair || !key?.range || !isScalar(key)) return null;
  const start = model.index.positionAt(key.range[0]);
  if (model.index.lineText(start.line).slice(0, start.character).trim() !== '') return null;
  const value = isPair(pair) ? (pair.value as Node | null) : null;
  if (value && 'flow' in value && (value as { flow?: boolean }).flow) return null;
  let last = value?.range ? model.index.positionAt(Math.max(key.range[1], value.range[1] - 1)).line : start.line;
  while (last > start.line && model.index.lineText(last).trim() === '') last--;
  return { first: start.line, last };
}

/** Deletes the lines of a pair (with its line break). */
function removeLines(model: YamlModel, d: YamlDoc, path: Path): TextEdit | null {
  const lines = pairLines(model, d, path);
  if (!lines) return null;
  const end =
    lines.last + 1 < model.index.lineCount
      ? { line: lines.last + 1, character: 0 }
      : { line: lines.last, character: model.index.lineText(lines.last).length };
  return { range: { start: { line: lines.first, character: 0 }, end }, newText: '' };
}

/** Replaces `buildInputs:` and its block with the block's lines, one level less indented; null when a field would clash. */
function moveUp(model: YamlModel, d: YamlDoc, path: Path, spec: object): TextEdit | null {
  const inputs = get(d.value, path);
  const node = pairAt(d.doc, path)?.value;
  if (!inputs || typeof inputs !== 'object' || !isMap(node) || node.flow) return null;
  if (Object.keys(inputs).some((k) => k in spec)) return null;
  const lines = pairLines(model, d, path);
  if (!lines || lines.last === lines.first) return null;
  const indent = (s: string) => s.length - s.trimStart().length;
  const body: string[] = [];
  for (let l = lines.first + 1; l <= lines.last; l++) body.push(model.index.lineText(l));
  const firstChild = body.find((s) => s.trim() !== '');
  if (firstChild === undefined) return null;
  const delta = indent(firstChild) - indent(model.index.lineText(lines.first));
  if (delta <= 0 || body.some((s) => s.trim() !== '' && indent(s) < delta)) return null;
  return {
    range: { start: { line: lines.first, character: 0 }, end: { line: lines.last, character: model.index.lineText(lines.last).length } },
    newText: body.map((s) => (s.trim() === '' ? '' : s.slice(delta))).join('\n'),
  };
}

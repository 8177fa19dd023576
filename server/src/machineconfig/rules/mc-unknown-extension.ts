import type { Fix } from '../../core/types';
import type { MachineConfigRule } from '../rule';
import { nearest } from '../../core/nearest';
import { get, nodeAt, rangeAt, YamlModel, YamlDoc } from '../model';
import { owned } from '../queries';
import { extensionsFor } from '../../data/extensions';
import { formatVersion } from '../../core/version';
import { machineConfigExample } from '../examples';

export const mcUnknownExtension: MachineConfigRule = {
  meta: {
    id: 'mc-unknown-extension',
    kind: 'yaml',
    severity: 'error',
    title: 'Extension unknown for the OpenShift version',
    why: 'MCO installs only the extensions it knows for its version (usbguard, kerberos, kernel-devel, sandboxed-containers, ipsec, wasm until 4.21, sysstat from 4.18, two-node-ha from 4.19). An unknown name fails at render ("invalid extensions found") or, when the MachineConfig has no `spec.config`, later on every node, which degrades.',
    source: 'MCO SupportedExtensions / getSupportedExtensions per release branch; ValidateMachineConfig',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: machineConfigExample(`  extensions:
    - kerberos5`),
      good: machineConfigExample(`  extensions:
    - kerberos`),
      fix: 'Quick fixes: *Change to <nearest name>* and *Remove this extension*. The list follows `rhcosLayering.ocpVersion`; while it is unknown, names of any version are accepted.',
    },
  },
  check(model, ctx) {
    const known = Object.keys(extensionsFor(ctx.ocp));
    const forVersion = ctx.ocp ? `OpenShift ${formatVersion(ctx.ocp)}` : 'any OpenShift version';
    for (const d of owned(model, 'MachineConfig')) {
      const list = get(d.value, ['spec', 'extensions']);
      if (!Array.isArray(list)) continue;
      list.forEach((name, i) => {
        if (typeof name !== 'string' || known.includes(name)) return;
        const guess = nearest(name, known, 3);
        const range = rangeAt(model, d, ['spec', 'extensions', i]);
        const fixes: Fix[] = [];
        if (guess) fixes.push({ title: `Change to ${guess}`, edits: [{ range, newText: guess }] });
        const removal = removeItem(model, d, i);
        if (removal) fixes.push(removal);
        ctx.report({
          range,
          message: `\`${name}\` is not an extension in ${forVersion}${guess ? `: did you mean \`${guess}\`?` : `; the extensions are ${known.join(', ')}.`}`,
          fixes,
        });
      });
    }
  },
};

/** Deletes a block-sequence item's whole line. */
function removeItem(model: YamlModel, d: YamlDoc, i: number): Fix | null {
  const item = nodeAt(d.doc, ['spec', 'extensions', i]);
  if (!item?.range) return null;
  const start = model.index.positionAt(item.range[0]);
  const lineText = model.index.lineText(start.line);
  if (!/^\s*-\s/.test(lineText)) return null; // flow sequence: not certain
  return {
    title: 'Remove this extension',
    edits: [{ range: { start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } }, newText: '' }],
  };
}

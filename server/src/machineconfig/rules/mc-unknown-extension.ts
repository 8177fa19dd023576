import type { Fix } from '../../core/types';
import type { MachineConfigRule } from '../rule';
import { nearest } from '../../core/nearest';
import { get, nodeAt, rangeAt, YamlModel, YamlDoc } from '../model';
import { owned } from '../queries';
import { extensionsFor, extensionsForStream } from '../../data/extensions';
import { knownPools, streamPoolsSelecting } from '../streams';
import { formatVersion } from '../../core/version';
import { machineConfigExample } from '../examples';

export const mcUnknownExtension: MachineConfigRule = {
  meta: {
    id: 'mc-unknown-extension',
    kind: 'yaml',
    severity: 'error',
    title: 'Extension unknown for the OpenShift version',
    why:
      'MCO installs only the extensions it knows for its version (usbguard, kerberos, kernel-devel, sandboxed-containers, ipsec, wasm until 4.21, sysstat from 4.18, two-node-ha from 4.19). An unknown name fails at render ("invalid extensions found") or, when the MachineConfig has no `spec.config`, later on every node, which degrades. ' +
      "A pool on another OS image stream (`spec.osImageStream`, 4.21+) installs from that stream's extensions image: the RHEL 10 stream of 4.21 has no ipsec and no wasm, so a MachineConfig asking for them degrades that pool's nodes.",
    source:
      'MCO SupportedExtensions / getSupportedExtensions per release branch; ValidateMachineConfig; openshift/os extensions/rhel-9.6.yaml, rhel-10.2.yaml @ release-4.21 (no ipsec, no wasm on RHEL 10), rhel-9.8.yaml, rhel-10.2.yaml @ release-4.22 and release-5.0',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: machineConfigExample(`  extensions:
    - kerberos5`),
      good: machineConfigExample(`  extensions:
    - kerberos`),
      fix: "Quick fixes: *Change to <nearest name>* and *Remove this extension*. The list follows `rhcosLayering.ocpVersion`; while it is unknown, names of any version are accepted. When a MachineConfigPool of the file or the workspace that selects the MachineConfig names an `osImageStream`, that stream's extensions count.",
    },
  },
  check(model, ctx) {
    const known = Object.keys(extensionsFor(ctx.ocp));
    const forVersion = ctx.ocp ? `OpenShift ${formatVersion(ctx.ocp)}` : 'any OpenShift version';
    const pools = ctx.ocp ? knownPools(model, ctx.options) : [];
    for (const d of owned(model, 'MachineConfig')) {
      const list = get(d.value, ['spec', 'extensions']);
      if (!Array.isArray(list)) continue;
      const labels = get(d.value, ['metadata', 'labels']);
      const streamPools =
        pools.length && labels && typeof labels === 'object' ? streamPoolsSelecting(pools, labels as Record<string, string>) : [];
      list.forEach((name, i) => {
        if (typeof name !== 'string') return;
        if (known.includes(name)) {
          const without = streamPools.filter((p) => !(name in extensionsForStream(ctx.ocp, p.stream)));
          if (without.length)
            ctx.report({
              range: rangeAt(model, d, ['spec', 'extensions', i]),
              message:
                `\`${name}\` is not in the ${without[0]!.stream} stream's extensions on ${forVersion}: ` +
                `${without.map((p) => `pool \`${p.name}\` (osImageStream ${p.stream})`).join(', ')} cannot install it, and its nodes degrade. ` +
                `Drop it from this MachineConfig or keep the pool on a stream that has it.`,
              fixes: [removeItem(model, d, i)].filter((f): f is Fix => f !== null),
            });
          return;
        }
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

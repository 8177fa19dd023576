import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { extensionsFor } from '../../data/extensions';
import { machineConfigExample } from '../examples';

export const mcExtensionInImage: MachineConfigRule = {
  meta: {
    id: 'mc-extension-in-image',
    kind: 'yaml',
    severity: 'warning',
    title: 'Extension whose RPMs a Containerfile in the workspace also installs',
    why: "When the layered image already contains an extension's RPMs and a MachineConfig enables the extension too, rpm-ostree conflicts on the node and the pool degrades. Install it one way only; the MachineConfig extension is the supported one.",
    source: 'openshift-docs coreos-layering.adoc (IMPORTANT note); MCO SupportedExtensions',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: machineConfigExample(`  extensions: [usbguard]
# and Containerfile: RUN rpm-ostree install usbguard`),
      good: machineConfigExample(`  extensions: [usbguard]
# and no usbguard in the Containerfile`),
      fix: 'Install the extension one way: the MachineConfig extension (supported) or the image, not both. Needs the Containerfile in the same workspace (or on the same rhcos-lint command line).',
    },
  },
  check(model, ctx) {
    const rpms = ctx.options.workspace?.containerfileRpms ?? [];
    if (rpms.length === 0) return;
    const table = extensionsFor(ctx.ocp);
    for (const d of owned(model, 'MachineConfig')) {
      const list = get(d.value, ['spec', 'extensions']);
      if (!Array.isArray(list)) continue;
      list.forEach((name, i) => {
        const pkgs = typeof name === 'string' ? (table[name] ?? []) : [];
        const hit = rpms.find((r) => pkgs.includes(r.rpm));
        if (!hit) return;
        ctx.report({
          range: rangeAt(model, d, ['spec', 'extensions', i]),
          message: `Extension \`${name}\` installs \`${hit.rpm}\`, which ${hit.file}:${hit.line + 1} also layers into the image: keep one of them, or the pool degrades on the conflict.`,
        });
      });
    }
  },
};

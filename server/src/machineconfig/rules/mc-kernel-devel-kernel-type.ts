import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned, roleOf } from '../queries';
import { machineConfigExample } from '../examples';

export const mcKernelDevelKernelType: MachineConfigRule = {
  meta: {
    id: 'mc-kernel-devel-kernel-type',
    kind: 'yaml',
    severity: 'error',
    title: 'kernel-devel extension with a non-default kernelType',
    why: 'The kernel-devel extension matches the default kernel only. MCO refuses to render the pool: "installing kernel-devel extension is not supported with kernelType: realtime".',
    source: 'MCO MergeMachineConfigs',
    fixable: false,
    examples: {
      bad: machineConfigExample(`  kernelType: realtime
  extensions: [kernel-devel]`),
      good: machineConfigExample('  kernelType: realtime'),
      fix: 'Drop the kernel-devel extension from realtime or 64k-pages pools.',
    },
  },
  check(model, ctx) {
    const mcs = owned(model, 'MachineConfig');
    // kernelType set anywhere for a pool counts for every MachineConfig of that pool in this file.
    const typeByPool = new Map<string, string>();
    for (const d of mcs) {
      const t = get(d.value, ['spec', 'kernelType']);
      if (typeof t === 'string' && t !== '' && t !== 'default') typeByPool.set(roleOf(d) ?? '', t);
    }
    for (const d of mcs) {
      const list = get(d.value, ['spec', 'extensions']);
      if (!Array.isArray(list)) continue;
      const i = list.indexOf('kernel-devel');
      const t = typeByPool.get(roleOf(d) ?? '');
      if (i < 0 || !t) continue;
      ctx.report({
        range: rangeAt(model, d, ['spec', 'extensions', i]),
        message: `The kernel-devel extension does not work with kernelType \`${t}\` in the same pool: MCO fails to render it. Remove one of them.`,
      });
    }
  },
};

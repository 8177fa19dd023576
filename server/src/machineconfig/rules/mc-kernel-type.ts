import type { MachineConfigRule } from '../rule';
import { nearest } from '../../core/nearest';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { atMost, formatVersion } from '../../core/version';
import { machineConfigExample } from '../examples';

export const mcKernelType: MachineConfigRule = {
  meta: {
    id: 'mc-kernel-type',
    kind: 'yaml',
    severity: 'error',
    title: 'kernelType MCO does not accept',
    why: 'MCO accepts kernelType `default` (or empty), `realtime`, and from 4.15 `64k-pages` (aarch64 only). Anything else fails validation with "kernelType=<x> is invalid" and the pool stops updating.',
    source: 'MCO ValidateMachineConfig; openshift/api MachineConfigSpec.KernelType',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: machineConfigExample('  kernelType: realtme'),
      good: machineConfigExample('  kernelType: realtime'),
      fix: 'Quick fix: *Change to <nearest valid>*.',
    },
  },
  check(model, ctx) {
    const valid = ctx.ocp && atMost(ctx.ocp, 4, 14) ? ['default', 'realtime'] : ['default', 'realtime', '64k-pages'];
    for (const d of owned(model, 'MachineConfig')) {
      const t = get(d.value, ['spec', 'kernelType']);
      if (typeof t !== 'string' || t === '' || valid.includes(t)) continue;
      const range = rangeAt(model, d, ['spec', 'kernelType']);
      const guess = nearest(t, valid, 4);
      const version = ctx.ocp ? ` in OpenShift ${formatVersion(ctx.ocp)}` : '';
      ctx.report({
        range,
        message: `kernelType \`${t}\` is not valid${version}: use ${valid.map((v) => `\`${v}\``).join(', ')}${t === '64k-pages' ? ' (64k-pages needs 4.15 or later)' : ''}.`,
        fixes: guess ? [{ title: `Change to ${guess}`, edits: [{ range, newText: guess }] }] : [],
      });
    }
  },
};

import type { MachineConfigRule } from '../rule';
import { get, rangeAt } from '../model';
import { owned } from '../queries';
import { atMost, formatVersion } from '../../core/version';
import type { OcpVersion } from '../../core/types';
import { machineConfigExample } from '../examples';

export function acceptedIgnition(v: OcpVersion | null): string[] {
  if (v && atMost(v, 4, 12)) return ['2.2', '3.0', '3.1', '3.2'];
  if (v && atMost(v, 4, 18)) return ['2.2', '3.0', '3.1', '3.2', '3.3', '3.4'];
  return ['2.2', '3.0', '3.1', '3.2', '3.3', '3.4', '3.5'];
}

export const mcIgnitionVersion: MachineConfigRule = {
  meta: {
    id: 'mc-ignition-version',
    kind: 'yaml',
    severity: 'error',
    title: 'Ignition version the OpenShift version does not accept',
    why:
      'MCO parses `spec.config` by its `ignition.version`: 4.12 accepts 2.2 and 3.0-3.2, 4.13-4.18 ' +
      'up to 3.4, 4.19 and later up to 3.5. Any other version fails with "parsing Ignition config ' +
      'failed: unknown version". Spec 2.2 is still accepted and converted to 3.x, so it is only info ' +
      '(deprecated).',
    source: 'MCO IgnParseWrapper per release; pkg/controller/common/helpers.go ParseAndConvertConfig (2.2 converted to 3.x)',
    fixable: false,
    versionDependent: true,
    examples: {
      bad: machineConfigExample(`  config:
    ignition:
      version: 3.5.0   # on 4.16`),
      good: machineConfigExample(`  config:
    ignition:
      version: 3.4.0`),
      fix: 'Use a spec version the cluster accepts (see the table in the message).',
    },
  },
  check(model, ctx) {
    const ok = acceptedIgnition(ctx.ocp);
    for (const d of owned(model, 'MachineConfig')) {
      const config = get(d.value, ['spec', 'config']);
      if (!config || typeof config !== 'object') continue;
      const v = get(config, ['ignition', 'version']);
      const mm = typeof v === 'string' ? /^(\d+\.\d+)\.\d+$/.exec(v)?.[1] : undefined;
      if (mm === '2.2') {
        ctx.report({
          range: rangeAt(model, d, ['spec', 'config', 'ignition', 'version']),
          severity: 'info',
          message:
            `Ignition ${String(v)} is deprecated: MCO still accepts it and converts it to 3.x (ParseAndConvertConfig); ` +
            `write new configs in 3.x (${ok.at(-1)}.0 here).`,
        });
        continue;
      }
      if (mm && ok.includes(mm)) continue;
      const where = ctx.ocp ? `OpenShift ${formatVersion(ctx.ocp)}` : 'OpenShift';
      const range = rangeAt(model, d, typeof v === 'string' ? ['spec', 'config', 'ignition', 'version'] : ['spec', 'config']);
      ctx.report({
        range,
        message: `${typeof v === 'string' ? `Ignition version \`${v}\`` : '`spec.config` has no `ignition.version`, which'} is not accepted by ${where}: use one of ${ok.map((x) => `${x}.0`).join(', ')}.`,
      });
    }
  },
};

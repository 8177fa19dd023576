import type { MachineConfigContext, MachineConfigRule } from '../rule';
import { get, nodeAt, rangeAt, YamlDoc, YamlModel } from '../model';
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
    source:
      'MCO IgnParseWrapper per release; pkg/controller/common/helpers.go ParseAndConvertConfig (2.2 converted to 3.x); ' +
      'coreos/ignition config/util/config.go GetConfigVersion (a number in `ignition.version` is a JSON type error: "config is not valid")',
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
      if (typeof v === 'number') {
        reportNumber(model, d, ctx);
        continue;
      }
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

/**
 * `version: 3.2` unquoted is a YAML number. The API server stores it as one (spec.config keeps unknown
 * content), and Ignition's GetConfigVersion unmarshals `ignition.version` into a string: a number is a
 * JSON type error, so MCO fails with "parsing Ignition config spec v3 failed with error: config is not valid".
 */
function reportNumber(model: YamlModel, d: YamlDoc, ctx: MachineConfigContext): void {
  const path = ['spec', 'config', 'ignition', 'version'];
  const node = nodeAt(d.doc, path);
  const range = rangeAt(model, d, path);
  const literal = node?.range ? model.text.slice(node.range[0], node.range[1]).trim() : '';
  const m = /^(\d+)(?:\.(\d+))?$/.exec(literal);
  const want = m ? `${m[1]}.${m[2] ?? '0'}.0` : null;
  const ok = acceptedIgnition(ctx.ocp);
  const accepted = want && ok.includes(want.replace(/\.0$/, ''));
  ctx.report({
    range,
    message:
      `\`version: ${literal}\` is a number in YAML, and MCO's Ignition parser takes only a string there (it fails with "config is not valid": cannot unmarshal number into .Ignition.Version of type string): ` +
      (want ? `write it quoted, as a string: "${want}"` : 'write the version quoted, as a string such as "3.4.0"') +
      (want && !accepted
        ? ` (and note that ${ctx.ocp ? `OpenShift ${formatVersion(ctx.ocp)}` : 'OpenShift'} accepts ${ok.map((x) => `${x}.0`).join(', ')}).`
        : '.'),
    fixes: want ? [{ title: `Change to "${want}"`, edits: [{ range, newText: `"${want}"` }] }] : [],
  });
}

import type { MachineConfigRule } from '../rule';
import { configReporter, ign3, owned } from '../queries';
import { rangeAt } from '../model';
import { ignitionExample } from '../examples';

export const mcIgnitionV2Keys: MachineConfigRule = {
  meta: {
    id: 'mc-ignition-v2-keys',
    kind: 'yaml',
    severity: 'warning',
    title: 'Ignition 2.x keys in a 3.x config',
    why:
      'Ignition 3 dropped `networkd`, `files[].filesystem` and `units[].enable` (now `enabled`), ' +
      'and `append` became a list. Copied from a 2.x example into a 3.x config, they are ignored ' +
      'or fail validation. An empty `networkd: {}`, which older `oc get -o yaml` printed, is harmless ' +
      '(info).',
    source: 'coreos/ignition docs/migrating-configs.md',
    fixable: false,
    examples: {
      bad: ignitionExample(`    storage:
      files:
        - filesystem: root
          path: /etc/x`),
      good: ignitionExample(`    storage:
      files:
        - path: /etc/x`),
      fix: 'Follow the Ignition 2 to 3 migration: drop `filesystem`, `enable` becomes `enabled`, `append` becomes a list.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      const c = ign3(d);
      if (!c) continue;
      const at = configReporter(model, d, ctx);
      const networkd = c['networkd'];
      if (isEmptySection(networkd))
        // Older `oc get -o yaml` printed empty 2.x sections; Ignition 3 ignores an unknown key (a parse warning, not an error).
        ctx.report({
          range: rangeAt(model, d, ['spec', 'config', 'networkd'], { key: true }),
          severity: 'info',
          message:
            '`networkd: {}` is an empty Ignition 2.x section, as older `oc get -o yaml` printed it: harmless, and it can be removed.',
        });
      else if (networkd)
        at(['networkd'], '`networkd` is an Ignition 2.x section; 3.x has none: write the network files with `storage.files`.');
      const files = ((c['storage'] ?? {}) as Record<string, unknown>)['files'];
      if (Array.isArray(files))
        files.forEach((f: Record<string, unknown>, i: number) => {
          // An item can be any YAML value (a string when the `- ` was typed before the key).
          if (!f || typeof f !== 'object') return;
          if ('filesystem' in f)
            at(
              ['storage', 'files', i, 'filesystem'],
              '`filesystem` is an Ignition 2.x key; in 3.x the path alone says where the file goes: remove it.',
            );
          if (typeof f['append'] === 'boolean')
            at(['storage', 'files', i, 'append'], '`append: true` is Ignition 2.x; in 3.x `append` is a list of contents to add.');
        });
      const units = ((c['systemd'] ?? {}) as Record<string, unknown>)['units'];
      if (Array.isArray(units))
        units.forEach((u: Record<string, unknown>, i: number) => {
          if (u && typeof u === 'object' && 'enable' in u)
            at(['systemd', 'units', i, 'enable'], '`enable` is Ignition 2.x; in 3.x it is `enabled`.');
        });
    }
  },
};

function isEmptySection(v: unknown): boolean {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => x === undefined || (Array.isArray(x) && x.length === 0))
  );
}

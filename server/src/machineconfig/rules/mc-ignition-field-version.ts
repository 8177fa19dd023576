import type { MachineConfigRule } from '../rule';
import { get, rangeAt, Path } from '../model';
import { owned } from '../queries';
import { ignitionExample, machineConfigExample } from '../examples';

/** Ignition 3.x fields and the spec version that introduced them (coreos/ignition docs/migrating-configs.md). */
const INTRODUCED: { path: string[]; since: string; what: string; value?: (v: unknown) => boolean }[] = [
  { path: ['ignition', 'proxy'], since: '3.1', what: 'HTTP proxies (`ignition.proxy`)' },
  { path: ['storage', 'files', '*', 'contents', 'httpHeaders'], since: '3.1', what: 'custom HTTP headers' },
  { path: ['storage', 'files', '*', 'append', '*', 'httpHeaders'], since: '3.1', what: 'custom HTTP headers' },
  { path: ['storage', 'filesystems', '*', 'mountOptions'], since: '3.1', what: 'filesystem mount options' },
  { path: ['storage', 'luks'], since: '3.2', what: 'LUKS encrypted storage (`storage.luks`)' },
  { path: ['passwd', 'users', '*', 'shouldExist'], since: '3.2', what: 'user deletion (`shouldExist`)' },
  { path: ['passwd', 'groups', '*', 'shouldExist'], since: '3.2', what: 'group deletion (`shouldExist`)' },
  { path: ['storage', 'disks', '*', 'partitions', '*', 'resize'], since: '3.2', what: 'partition resizing' },
  { path: ['kernelArguments'], since: '3.3', what: 'kernel arguments (`kernelArguments`)' },
  { path: ['storage', 'filesystems', '*', 'format'], since: '3.3', what: 'filesystem format `none`', value: (v) => v === 'none' },
  { path: ['storage', 'luks', '*', 'discard'], since: '3.4', what: 'LUKS discard' },
  { path: ['storage', 'luks', '*', 'openOptions'], since: '3.4', what: 'LUKS open options' },
  { path: ['storage', 'luks', '*', 'clevis', 'tang', '*', 'advertisement'], since: '3.4', what: 'offline Tang provisioning' },
  { path: ['storage', 'luks', '*', 'cex'], since: '3.5', what: 'LUKS CEX (IBM Z secure keys)' },
];

/** Every concrete path matching a pattern with `*` for array items. */
function expand(value: unknown, pattern: string[], prefix: Path = []): Path[] {
  if (pattern.length === 0) return [prefix];
  const [head, ...rest] = pattern;
  if (head === '*') {
    return Array.isArray(value) ? value.flatMap((v, i) => expand(v, rest, [...prefix, i])) : [];
  }
  const next = value && typeof value === 'object' ? (value as Record<string, unknown>)[head!] : undefined;
  return next === undefined ? [] : expand(next, rest, [...prefix, head!]);
}

const minor = (v: string) => Number(v.split('.')[1]);

export const mcIgnitionFieldVersion: MachineConfigRule = {
  meta: {
    id: 'mc-ignition-field-version',
    kind: 'yaml',
    severity: 'error',
    title: "Ignition field newer than the config's spec version",
    why: 'Ignition validates a config against the spec version it declares. A field introduced in a later spec (for example `kernelArguments` in 3.3.0, `storage.luks` in 3.2.0) makes the config invalid, and MCO rejects the MachineConfig.',
    source: 'coreos/ignition docs/migrating-configs.md',
    fixable: false,
    examples: {
      bad: ignitionExample(`    kernelArguments:
      shouldExist: [nosmt]`),
      good: machineConfigExample(`  kernelArguments:
    - nosmt`),
      fix: 'Raise `ignition.version` to one the cluster accepts that has the field, or drop it. For kernel arguments use `spec.kernelArguments` anyway: Ignition kernelArguments are refused on day 2.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      const config = get(d.value, ['spec', 'config']);
      const version = get(config, ['ignition', 'version']);
      if (typeof version !== 'string' || !/^3\.\d+\.\d+$/.test(version)) continue;
      for (const f of INTRODUCED) {
        if (minor(version) >= minor(f.since)) continue;
        for (const path of expand(config, f.path)) {
          if (f.value && !f.value(get(config, path))) continue;
          ctx.report({
            range: rangeAt(model, d, ['spec', 'config', ...path], { key: !f.value }),
            message: `${f.what} needs Ignition ${f.since}.0 or later, but this config declares ${version}: raise \`ignition.version\` (OpenShift 4.13-4.18 accept up to 3.4.0, 4.19+ 3.5.0) or drop the field.`,
          });
        }
      }
    }
  },
};

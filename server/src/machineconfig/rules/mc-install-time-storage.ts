import type { MachineConfigRule } from '../rule';
import { configReporter, ign3, owned } from '../queries';
import { ignitionExample } from '../examples';

export const mcInstallTimeStorage: MachineConfigRule = {
  meta: {
    id: 'mc-install-time-storage',
    kind: 'yaml',
    severity: 'warning',
    title: 'Disks, filesystems, RAID or LUKS in a day-2 MachineConfig',
    why: 'Ignition partitions disks and creates filesystems, RAID and LUKS devices only when a node is first installed. On a running cluster MCO refuses disks, filesystems and raid changes, and ignores luks.',
    source: 'MCO reconcile.go; openshift-docs installation (day-1 only)',
    fixable: false,
    examples: {
      bad: ignitionExample(`    storage:
      disks:
        - device: /dev/sdb`),
      good: '# put disks, filesystems, raid and luks in the install-time Ignition (butane) config',
      fix: 'Partition and format at install time.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      const storage = (ign3(d)?.['storage'] ?? {}) as Record<string, unknown>;
      for (const k of ['disks', 'filesystems', 'raid', 'luks']) {
        const v = storage[k];
        if (!Array.isArray(v) || v.length === 0) continue;
        configReporter(
          model,
          d,
          ctx,
        )(
          ['storage', k],
          `\`storage.${k}\` only takes effect when a node is installed; on a running cluster MCO ${k === 'luks' ? 'ignores it' : 'refuses the change'}. Put it in the install-time Ignition (butane) instead.`,
        );
      }
    }
  },
};

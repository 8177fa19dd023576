import type { MachineConfigRule } from '../rule';
import { configReporter, ign3, owned } from '../queries';
import { ignitionExample } from '../examples';

const CORE_FIELDS = new Set(['name', 'sshAuthorizedKeys', 'passwordHash']);

export const mcIrreconcilable: MachineConfigRule = {
  meta: {
    id: 'mc-irreconcilable',
    kind: 'yaml',
    severity: 'error',
    title: 'Ignition change MCO cannot apply on a running cluster',
    why: "On day 2 MCO only reconciles files, systemd units, the core user's SSH keys and password hash, and a few spec fields. Users other than core, groups, directories, links, file `append` and Ignition `kernelArguments` are refused: the pool goes RenderDegraded (or the node Unreconcilable).",
    source: 'MCO pkg/controller/common/reconcile.go IsRenderedConfigReconcilable',
    fixable: false,
    examples: {
      bad: ignitionExample(`    passwd:
      users:
        - name: admin`),
      good: ignitionExample(`    passwd:
      users:
        - name: core
          sshAuthorizedKeys: [ssh-ed25519 AAAA...]`),
      fix: "Only the core user's SSH keys and password hash, files (without `append`) and systemd units can change on day 2; directories and links come from files or tmpfiles.d, kernel arguments from `spec.kernelArguments`.",
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfig')) {
      const c = ign3(d);
      if (!c) continue;
      const at = configReporter(model, d, ctx);
      const passwd = (c['passwd'] ?? {}) as Record<string, unknown>;
      const users = Array.isArray(passwd['users']) ? passwd['users'] : [];
      users.forEach((u: Record<string, unknown>, i: number) => {
        if (u?.['name'] !== 'core') {
          at(
            ['passwd', 'users', i, 'name'],
            `User \`${String(u?.['name'])}\` cannot be added on a running cluster: MCO only manages the \`core\` user ("non-core user"). Create other users at install time.`,
            false,
          );
          return;
        }
        for (const k of Object.keys(u)) {
          if (!CORE_FIELDS.has(k))
            at(
              ['passwd', 'users', i, k],
              `\`${k}\` of the core user cannot be changed on a running cluster: only sshAuthorizedKeys and passwordHash can.`,
            );
        }
      });
      if (Array.isArray(passwd['groups']) && passwd['groups'].length)
        at(['passwd', 'groups'], 'Groups cannot be changed on a running cluster ("ignition Passwd Groups section contains changes").');
      const storage = (c['storage'] ?? {}) as Record<string, unknown>;
      if (Array.isArray(storage['directories']) && storage['directories'].length)
        at(
          ['storage', 'directories'],
          '`storage.directories` cannot be changed on a running cluster: create directories with a file in them, or with a systemd-tmpfiles entry.',
        );
      if (Array.isArray(storage['links']) && storage['links'].length)
        at(
          ['storage', 'links'],
          '`storage.links` cannot be added on a running cluster: create the link with a systemd-tmpfiles entry (`L /path - - - - target`).',
        );
      const files = Array.isArray(storage['files']) ? storage['files'] : [];
      files.forEach((f: Record<string, unknown>, i: number) => {
        if (Array.isArray(f?.['append']) && f['append'].length)
          at(
            ['storage', 'files', i, 'append'],
            `File \`${String(f['path'])}\` uses \`append\`, which MCO refuses on a running cluster: write the whole file with \`contents\`.`,
          );
        if (f?.['path'] === '/run/machine-config-daemon-force')
          at(['storage', 'files', i, 'path'], '`/run/machine-config-daemon-force` cannot be created via Ignition.');
      });
      if (c['kernelArguments'])
        at(
          ['kernelArguments'],
          'Ignition `kernelArguments` cannot be applied on a running cluster: use `spec.kernelArguments` of the MachineConfig.',
        );
    }
  },
};

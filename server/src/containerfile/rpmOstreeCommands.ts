/** rpm-ostree and ostree commands, for completion and hover inside RUN. */
export interface CommandDoc {
  name: string;
  summary: string;
  /** Works in a container build. */
  container: boolean;
  flags?: string[];
}

export const RPM_OSTREE_COMMANDS: CommandDoc[] = [
  {
    name: 'install',
    summary: 'Layer additional RPM packages into the image.',
    container: true,
    flags: [
      '--idempotent',
      '-y',
      '--assumeyes',
      '--allow-inactive',
      '--enablerepo',
      '--disablerepo',
      '--releasever',
      '--cache-only',
      '--download-only',
      '--uninstall',
    ],
  },
  {
    name: 'uninstall',
    summary: 'Remove packages that were layered with install.',
    container: true,
    flags: ['--all', '--install', '--idempotent'],
  },
  {
    name: 'override',
    summary: 'Replace or remove packages of the base image: `override replace`, `override remove`.',
    container: true,
    flags: ['replace', 'remove', '--install', '--experimental', '--freeze', '--from'],
  },
  {
    name: 'cleanup',
    summary: 'In a container build only `cleanup -m` works: delete cached repository metadata.',
    container: true,
    flags: ['-m', '--repomd'],
  },
  {
    name: 'cliwrap',
    summary: '`cliwrap install-to-root /` wraps kernel-install, dracut and rpm so kernel replacement works in a container build.',
    container: true,
    flags: ['install-to-root'],
  },
  { name: 'search', summary: 'Search the enabled repositories for packages.', container: true },
  { name: 'ex', summary: 'Experimental commands such as `ex rebuild`.', container: true, flags: ['rebuild'] },
  { name: 'compose', summary: 'Compose a new OS tree or image from a treefile.', container: true },
  {
    name: 'db',
    summary: 'Query the RPM database of deployments: `db list`, `db diff`.',
    container: true,
    flags: ['list', 'diff', 'version'],
  },
  { name: 'status', summary: 'Show the booted deployments (a booted host only).', container: false },
  {
    name: 'kargs',
    summary: 'Edit kernel arguments of a booted host. Fails in a build: use MachineConfig `kernelArguments`.',
    container: false,
  },
  {
    name: 'rebase',
    summary: 'Switch a booted host to another image. Fails in a build: point MachineConfig `osImageURL` at the image.',
    container: false,
  },
  { name: 'upgrade', summary: 'Upgrade a booted host. Fails in a build: rebuild FROM the newer base image.', container: false },
  { name: 'deploy', summary: 'Deploy a version on a booted host. Fails in a build.', container: false },
  { name: 'rollback', summary: 'Roll a booted host back. Fails in a build: delete the MachineConfig instead.', container: false },
  {
    name: 'initramfs',
    summary: 'Enable client-side initramfs regeneration on a booted host. Fails in a build: run dracut under cliwrap.',
    container: false,
  },
  { name: 'apply-live', summary: 'Apply changes to the running host. Fails in a build.', container: false },
  { name: 'usroverlay', summary: 'Make /usr writable on a booted host. Fails in a build.', container: false },
  { name: 'reset', summary: 'Remove all layering from a booted host. Fails in a build.', container: false },
];

export const OSTREE_CONTAINER_COMMIT =
  '`ostree container commit` finishes a layer for an ostree-based OS: it removes /tmp, /var/tmp ' +
  'and /var/cache content and checks the result. ' +
  'The RHCOS docs end the last RUN that changes the OS with it up to 4.18; from 4.19 they use ' +
  '`bootc container lint` instead. Either is accepted.';

export const BOOTC_CONTAINER_LINT =
  '`bootc container lint` checks the image as a bootable container (one kernel and initramfs in ' +
  '/usr/lib/modules, no content left in /var, ' +
  'valid /etc and /usr) and fails the build on an error. The RHCOS docs end the last RUN that changes the OS with it from 4.19 ' +
  '(OCPBUGS-59846); `bootc` ships in RHCOS from 4.16. `ostree container commit` is accepted as well.';

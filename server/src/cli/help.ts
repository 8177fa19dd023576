/** `rhcos-lint --help`: the usage, then every rule with its default severity, version-dependent ones marked. */
import type { RuleMeta } from '../core/types';
import { ASSUMED_OCP, formatVersion } from '../core/version';

const USAGE = `Usage: rhcos-lint [--format text|json|sarif] [--ocp-version X.Y] [--rule <id>=off|info|warning|error]
                  [--stdin-filename NAME] <files, dirs or - for stdin...>

Lints RHCOS layering Containerfiles (Containerfile, Dockerfile, Containerfile.*, *.containerfile) and
the MachineConfig, MachineConfigPool, MachineOSConfig, PinnedImageSet and MachineConfiguration documents
of YAML files (*.yaml, *.yml).
Directories are searched recursively, following symbolic links; FIFOs and devices are not read.
- reads stdin as a Containerfile, or as the kind of file --stdin-filename names. Exit code: 1 if any error is reported, 0 otherwise,
2 for usage errors or files that cannot be read.
`;

export function usage(): string {
  return USAGE;
}

export function helpText(rules: readonly RuleMeta[]): string {
  const width = rules.reduce((w, r) => Math.max(w, r.id.length), 0) + 2;
  const section = (title: string, kind: RuleMeta['kind']) =>
    [
      `${title}:`,
      ...rules
        .filter((r) => r.kind === kind)
        .map((r) => `  ${r.id.padEnd(width)}${r.severity.padEnd(8)}${r.versionDependent ? '* ' : '  '}${r.title}`),
    ].join('\n');
  return [
    USAGE,
    `Rules marked * depend on the OpenShift version. Pass --ocp-version X.Y (your cluster's version,`,
    `\`oc get clusterversion\`): without it they judge for the newest version (${formatVersion(ASSUMED_OCP)}), and a file that`,
    'builds FROM configs (on-cluster) for 4.16 or newer.',
    '',
    section('Containerfile rules', 'containerfile'),
    '',
    section('YAML rules', 'yaml'),
    '',
    'Each rule has a page under docs/rules/<id>.md. --rule <id>=off turns a rule off; a comment `# rhcos-lint ignore=<id>`',
    'on the line before an instruction (YAML: before the line) silences one finding, `# rhcos-lint global ignore=<id>` a file.',
    '',
  ].join('\n');
}

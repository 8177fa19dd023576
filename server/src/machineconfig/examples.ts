/** Builds the MachineConfig documents the rules' `meta.examples` show on their pages. */

/** A worker MachineConfig named `name` whose `spec:` is followed by `spec` (lines indented two spaces). */
export function machineConfigExample(spec: string, name = '99-worker-custom'): string {
  return [
    'apiVersion: machineconfiguration.openshift.io/v1',
    'kind: MachineConfig',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    '    machineconfiguration.openshift.io/role: worker',
    'spec:',
    spec,
  ].join('\n');
}

/** A worker MachineConfig with an Ignition 3.2.0 `spec.config`; `config` holds the lines after `ignition.version`. */
export function ignitionExample(config: string, name?: string): string {
  return machineConfigExample(`  config:\n    ignition:\n      version: 3.2.0\n${config}`, name);
}

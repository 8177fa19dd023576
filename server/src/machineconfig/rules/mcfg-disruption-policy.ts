import type { MachineConfigRule, MachineConfigContext } from '../rule';
import { get, Path, rangeAt, YamlDoc, YamlModel } from '../model';
import { nameOf, owned } from '../queries';
import { nearest } from '../../core/nearest';
import { atMost, formatVersion } from '../../core/version';

/** NodeDisruptionPolicySpecActionType (openshift/api operator/v1/types_machineconfiguration.go). */
const ACTION_TYPES = ['Reboot', 'Drain', 'Reload', 'Restart', 'DaemonReload', 'None'];

/** The CEL rules and messages of NodeDisruptionPolicyServiceName, in the order the API checks them. */
const SERVICE_NAME_RULES: [RegExp, string][] = [
  [
    /\.(service|socket|device|mount|automount|swap|target|path|timer|snapshot|slice|scope)$/,
    'Invalid ${SERVICETYPE} in service name. Expected format is ${NAME}${SERVICETYPE}, where ${SERVICETYPE} must be one of ".service", ".socket", ".device", ".mount", ".automount", ".swap", ".target", ".path", ".timer",".snapshot", ".slice" or ".scope".',
  ],
  [
    /^[a-zA-Z0-9:._\\-]+\../,
    'Invalid ${NAME} in service name. Expected format is ${NAME}${SERVICETYPE}, where {NAME} must be atleast 1 character long and can only consist of alphabets, digits, ":", "-", "_", ".", and "\\"',
  ],
];

const NAME_MESSAGE = 'Only a single object of MachineConfiguration is allowed and it must be named cluster.';

export const mcfgDisruptionPolicy: MachineConfigRule = {
  meta: {
    id: 'mcfg-disruption-policy',
    kind: 'yaml',
    severity: 'error',
    title: 'Node disruption policy the API refuses or MCO never applies',
    why:
      'The MachineConfiguration `cluster` says what a node does when a MachineConfig changes a file, a unit or the SSH keys (Reboot, Drain, Reload, Restart, DaemonReload, None). ' +
      'The API refuses an unknown action type, Reboot or None next to other actions, Reload/Restart without their service, a service name without a unit suffix, and any name but `cluster`. ' +
      'A file path that is not absolute is accepted but never matches a MachineConfig file, so that change reboots.',
    source:
      'openshift/api operator/v1/types_machineconfiguration.go (NodeDisruptionPolicySpecAction, NodeDisruptionPolicyServiceName CEL rules); ' +
      'MCO manifests/machineconfigcontroller/machineconfiguration-guards-validatingadmissionpolicy.yaml; MCO pkg/controller/common/helpers.go FindClosestFilePolicyPathMatch; ' +
      'openshift/api features.go NodeDisruptionPolicy (TechPreview 4.16, default 4.17)',
    fixable: true,
    versionDependent: true,
    examples: {
      bad: `apiVersion: operator.openshift.io/v1
kind: MachineConfiguration
metadata:
  name: cluster
spec:
  nodeDisruptionPolicy:
    files:
      - path: /etc/chrony.conf
        actions:
          - type: Restart`,
      good: `apiVersion: operator.openshift.io/v1
kind: MachineConfiguration
metadata:
  name: cluster
spec:
  nodeDisruptionPolicy:
    files:
      - path: /etc/chrony.conf
        actions:
          - type: Restart
            restart:
              serviceName: chronyd.service`,
      fix: 'Follow the API: a known action type (quick fix to the nearest), `reload.serviceName`/`restart.serviceName` with Reload/Restart only, Reboot and None alone, service names ending in a unit type (`.service`, `.socket`, …), absolute file paths, and the name `cluster`.',
    },
  },
  check(model, ctx) {
    for (const d of owned(model, 'MachineConfiguration')) {
      if (nameOf(d) !== 'cluster')
        ctx.report({
          range: rangeAt(model, d, ['metadata', 'name']),
          message: `${NAME_MESSAGE} (admission policy machine-configuration-guards)`,
        });
      const ndp = get(d.value, ['spec', 'nodeDisruptionPolicy']);
      if (!ndp || typeof ndp !== 'object') continue;
      if (ctx.ocp && atMost(ctx.ocp, 4, 16)) {
        ctx.report({
          range: rangeAt(model, d, ['spec', 'nodeDisruptionPolicy'], { key: true }),
          // Red Hat's 4.16 procedure enables TechPreviewNoUpgrade first: a note, not a warning.
          severity: 'info',
          message: `Node disruption policies are ${atMost(ctx.ocp, 4, 15) ? 'not in' : 'TechPreview on'} OpenShift ${formatVersion(ctx.ocp)}: without the feature gate the API server drops \`nodeDisruptionPolicy\` and every change still reboots (default from 4.17).`,
        });
      }
      const base: Path = ['spec', 'nodeDisruptionPolicy'];
      checkList(model, d, ctx, [...base, 'files'], 'path');
      checkList(model, d, ctx, [...base, 'units'], 'name');
      checkActions(model, d, ctx, [...base, 'sshkey', 'actions']);
    }
  },
};

/** `files` (keyed by path) or `units` (keyed by name): the key, duplicates and each entry's actions. */
function checkList(model: YamlModel, d: YamlDoc, ctx: MachineConfigContext, path: Path, key: 'path' | 'name'): void {
  const list = get(d.value, path);
  if (!Array.isArray(list)) return;
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const k = get(entry, [key]);
    if (typeof k === 'string') {
      const at = rangeAt(model, d, [...path, i, key]);
      if (seen.has(k))
        ctx.report({
          range: at,
          message: `Duplicate value: ${key} \`${k}\` is already listed in ${path.at(-1)}: the API refuses a second entry for it.`,
        });
      seen.add(k);
      if (key === 'path' && !k.startsWith('/'))
        ctx.report({
          range: at,
          severity: 'warning',
          message: `\`${k}\` is not an absolute path: MachineConfig files always are, so this policy never matches and a change to the file reboots. Write \`/${k.replace(/^\.?\/*/, '')}\`.`,
          fixes: [{ title: `Change to /${k.replace(/^\.?\/*/, '')}`, edits: [{ range: at, newText: `/${k.replace(/^\.?\/*/, '')}` }] }],
        });
      if (key === 'name') checkServiceName(model, d, ctx, [...path, i, key], k);
    }
    checkActions(model, d, ctx, [...path, i, 'actions']);
  });
}

function checkActions(model: YamlModel, d: YamlDoc, ctx: MachineConfigContext, path: Path): void {
  const actions = get(d.value, path);
  if (!Array.isArray(actions)) return;
  actions.forEach((a, i) => {
    const type = get(a, ['type']);
    if (typeof type !== 'string') return; // a missing type is the schema's
    const at: Path = [...path, i];
    const typeRange = rangeAt(model, d, [...at, 'type']);
    if (!ACTION_TYPES.includes(type)) {
      const guess = nearest(type, ACTION_TYPES, 3);
      ctx.report({
        range: typeRange,
        message:
          type === 'Special'
            ? '`Special` is an action MCO writes in the status (for registries.conf); the spec accepts Reboot, Drain, Reload, Restart, DaemonReload and None.'
            : `Unsupported value: "${type}": supported values: ${ACTION_TYPES.map((t) => `"${t}"`).join(', ')}${guess ? `. Did you mean \`${guess}\`?` : '.'}`,
        fixes: guess && type !== 'Special' ? [{ title: `Change to ${guess}`, edits: [{ range: typeRange, newText: guess }] }] : [],
      });
    }
    if ((type === 'Reboot' || type === 'None') && actions.length > 1)
      ctx.report({ range: typeRange, message: `${type} action can only be specified standalone, as it will override any other actions` });
    for (const [field, want] of [
      ['reload', 'Reload'],
      ['restart', 'Restart'],
    ] as const) {
      const has = get(a, [field]) !== undefined;
      if (has === (type === want)) {
        if (has) {
          const name = get(a, [field, 'serviceName']);
          if (typeof name === 'string') checkServiceName(model, d, ctx, [...at, field, 'serviceName'], name);
        }
        continue;
      }
      ctx.report({
        range: has ? rangeAt(model, d, [...at, field], { key: true }) : typeRange,
        message:
          `${field} is required when type is ${want}, and forbidden otherwise` +
          (has ? '' : `: add \`${field}: {serviceName: <unit>.service}\` naming the service to ${field}.`),
      });
    }
  });
}

function checkServiceName(model: YamlModel, d: YamlDoc, ctx: MachineConfigContext, path: Path, name: string): void {
  for (const [re, message] of SERVICE_NAME_RULES) {
    if (!re.test(name)) ctx.report({ range: rangeAt(model, d, path), message });
  }
}

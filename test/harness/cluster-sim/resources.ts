/** The resources the simulator serves, as the Kubernetes discovery API describes them. */
import { OcpVersion, atLeast } from './version';

export interface ResourceDef {
  group: string; // '' for the core group
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Subresources besides `status` (which every non-core resource has): `log` for pods. */
  subresources?: string[];
}

const MCFG = 'machineconfiguration.openshift.io';

const BASE: ResourceDef[] = [
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node', namespaced: false, shortNames: ['no'] },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', namespaced: false, shortNames: ['ns'] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    namespaced: true,
    shortNames: ['po'],
    subresources: ['log', 'status'],
  },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', namespaced: true, shortNames: ['ev'] },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', singular: 'job', namespaced: true },
  {
    group: MCFG,
    version: 'v1',
    kind: 'MachineConfig',
    plural: 'machineconfigs',
    singular: 'machineconfig',
    namespaced: false,
    shortNames: ['mc'],
  },
  {
    group: MCFG,
    version: 'v1',
    kind: 'MachineConfigPool',
    plural: 'machineconfigpools',
    singular: 'machineconfigpool',
    namespaced: false,
    shortNames: ['mcp'],
  },
  {
    group: 'operator.openshift.io',
    version: 'v1',
    kind: 'MachineConfiguration',
    plural: 'machineconfigurations',
    singular: 'machineconfiguration',
    namespaced: false,
  },
  {
    group: 'config.openshift.io',
    version: 'v1',
    kind: 'ClusterVersion',
    plural: 'clusterversions',
    singular: 'clusterversion',
    namespaced: false,
  },
];

function imageMode(version: string): ResourceDef[] {
  return [
    { group: MCFG, version, kind: 'MachineOSConfig', plural: 'machineosconfigs', singular: 'machineosconfig', namespaced: false },
    { group: MCFG, version, kind: 'MachineOSBuild', plural: 'machineosbuilds', singular: 'machineosbuild', namespaced: false },
  ];
}

/**
 * What an OpenShift cluster of this version serves (API:machineconfiguration/{v1,v1alpha1}/types_machineos*.go
 * per release branch; shared/domain/CURRENT.md §0): MachineOSConfig/MachineOSBuild v1alpha1 in 4.16–4.19, v1 from
 * 4.18, v1alpha1 gone from 4.20. v1 is listed first, so it is the group's preferred version.
 */
export function resourcesFor(v: OcpVersion): ResourceDef[] {
  return [
    ...BASE,
    ...(atLeast(v, 4, 18) ? imageMode('v1') : []),
    ...(atLeast(v, 4, 20) ? [] : imageMode('v1alpha1')),
    // MachineConfigNode v1 from 4.19 (CURRENT.md §0, §2; TechPreview v1alpha1 before, not served on default clusters).
    ...(atLeast(v, 4, 19)
      ? [
          {
            group: MCFG,
            version: 'v1',
            kind: 'MachineConfigNode',
            plural: 'machineconfignodes',
            singular: 'machineconfignode',
            namespaced: false,
          },
          // PinnedImageSet v1 from 4.19 (API:machineconfiguration/v1/types_pinnedimageset.go, scope=Cluster; CURRENT.md §4).
          {
            group: MCFG,
            version: 'v1',
            kind: 'PinnedImageSet',
            plural: 'pinnedimagesets',
            singular: 'pinnedimageset',
            namespaced: false,
          },
        ]
      : []),
  ];
}

/** The 4.16 set, for code that does not know the version. */
export const RESOURCES: ResourceDef[] = resourcesFor({ major: 4, minor: 16 });

export const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersionOf(r: ResourceDef): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function findResource(resources: ResourceDef[], group: string, version: string, plural: string): ResourceDef | undefined {
  return resources.find((r) => r.group === group && r.version === version && r.plural === plural);
}

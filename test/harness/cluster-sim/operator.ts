/**
 * The machine-config-operator's part for `MachineConfiguration/cluster`: it publishes the effective node
 * disruption policies (defaults for the version merged with the user's) in
 * `status.nodeDisruptionPolicyStatus.clusterPolicies` and marks the generation observed, which the daemon
 * waits for (MCO:pkg/operator/sync.go `syncMachineConfiguration`; pkg/apihelpers `MergeClusterPolicies`).
 * 4.16 has the policies behind TechPreview: no status there.
 */
import type { Store } from './store';
import type { ClusterPolicies } from './disruption';
import { mergeClusterPolicies } from './machineConfiguration';
import { OcpVersion, atLeast } from './version';

export function syncMachineConfiguration(store: Store, version: OcpVersion): void {
  store.mutate('machineconfigurations', 'cluster', (m) => {
    const spec = (m['spec'] ?? {}) as { nodeDisruptionPolicy?: ClusterPolicies };
    const before = JSON.stringify(m['status'] ?? {});
    const status: Record<string, unknown> = {
      ...((m['status'] as Record<string, unknown> | undefined) ?? {}),
      observedGeneration: m.metadata.generation,
    };
    if (atLeast(version, 4, 17))
      status['nodeDisruptionPolicyStatus'] = { clusterPolicies: mergeClusterPolicies(spec.nodeDisruptionPolicy, version.minor) };
    m['status'] = status;
    return JSON.stringify(status) === before ? null : m;
  });
}

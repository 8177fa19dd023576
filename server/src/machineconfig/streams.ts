/**
 * Which OS image stream a pool runs: `spec.osImageStream.name` of the MachineConfigPools in this file
 * and in the workspace (openshift/api machineconfiguration/v1/types.go MachineConfigPoolSpec.OSImageStream,
 * feature OSStreams, 4.21+).
 */
import type { LintOptions } from '../core/types';
import { get, YamlModel } from './model';
import { nameOf, owned } from './queries';
import { asSelector, selects } from './selector';

export interface KnownPool {
  name: string;
  stream?: string;
  machineConfigSelector?: unknown;
}

/** The pools of this file, then those of the other files of the workspace (a name defined here wins). */
export function knownPools(model: YamlModel, options: LintOptions): KnownPool[] {
  const here: KnownPool[] = owned(model, 'MachineConfigPool').map((d) => {
    const stream = get(d.value, ['spec', 'osImageStream', 'name']);
    return {
      name: nameOf(d),
      ...(typeof stream === 'string' && stream ? { stream } : {}),
      machineConfigSelector: get(d.value, ['spec', 'machineConfigSelector']),
    };
  });
  const names = new Set(here.map((p) => p.name));
  return [...here, ...(options.workspace?.pools ?? []).filter((p) => !names.has(p.name))];
}

/** The stream a pool of this name names, if the pool is known and names one. */
export function poolStream(pools: KnownPool[], name: string): string | undefined {
  return pools.find((p) => p.name === name)?.stream;
}

/** Known pools that name a stream and whose selector picks a MachineConfig with these labels. */
export function streamPoolsSelecting(pools: KnownPool[], labels: Record<string, string>): (KnownPool & { stream: string })[] {
  return pools.filter((p): p is KnownPool & { stream: string } => !!p.stream && selects(asSelector(p.machineConfigSelector), labels));
}

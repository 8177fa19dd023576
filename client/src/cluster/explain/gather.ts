/**
 * Everything the cluster says about one node, for the explainer: its MachineConfigNode, its Events,
 * its daemon pod and the log's tail. Each part is best effort: a part that cannot be read is left
 * out and named in `missing`, so a user without rights to pods still gets an answer from the rest.
 */
import type { Cluster } from '../cluster';
import type { Findings } from './explain';
import { mcnView, readMcn } from '../machineConfigNodes';
import { nodeEvents } from '../nodeEvents';
import { daemonLogTail, daemonPodOf } from '../daemonLog';

export interface Known {
  node: string;
  pool: string;
  /** The reason annotation, from the watched node. */
  reason: string;
  /** The pool's Degraded / RenderDegraded / NodeDegraded messages. */
  poolMessages: string[];
}

export async function gather(c: Cluster, k: Known): Promise<{ findings: Findings; missing: string[] }> {
  const missing: string[] = [];
  const part = async <T>(what: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (e) {
      missing.push(`${what} (${e instanceof Error ? e.message : String(e)})`);
      return undefined;
    }
  };
  const [mcn, events, pod] = await Promise.all([
    part('MachineConfigNode', () => readMcn(c, k.node)),
    part('Events', () => nodeEvents(c, k.node)),
    part('daemon pod', () => daemonPodOf(c, k.node)),
  ]);
  const log = pod ? await part('daemon log', () => daemonLogTail(c, pod, 200)) : undefined;
  const m = mcn ? mcnView(mcn) : undefined;
  return {
    findings: {
      ...k,
      mcnMessage: m?.degraded ?? (m && m.phase !== 'Updated' && m.phase !== 'Idle' ? m.message : undefined),
      events: events?.map((e) => ({ reason: e.reason, message: e.message })) ?? [],
      log: log ?? [],
      daemonPod: pod ?? undefined,
    },
    missing,
  };
}

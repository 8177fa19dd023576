/**
 * What the Rollouts view shows when it has no pools to show: which welcome content (a `when` on the
 * context key rhcosLayering.rolloutsState picks it, with its buttons) and the detail for the view's
 * message. Once pools are known the tree stays, even while disconnected: stale rows beat none.
 */
import type { ClusterError } from './errors';
import type { WatchState } from './watcher';

export type ViewState = 'ready' | 'connecting' | 'noKubeconfig' | 'unauthorized' | 'forbidden' | 'notOpenShift' | 'tls' | 'unreachable';

export interface ViewStateInput {
  /** Connecting failed before any request (kubeconfig, context, credentials plugin). */
  connectError?: { kind: ClusterError['kind'] | undefined; message: string } | undefined;
  /** The model has pools to show. */
  poolsKnown: boolean;
  /** The MachineConfigPools watch. */
  pools?: WatchState | undefined;
}

export function viewStateOf(i: ViewStateInput): { state: ViewState; detail: string } {
  if (i.connectError) return { state: stateOfKind(i.connectError.kind), detail: i.connectError.message };
  if (i.poolsKnown) return { state: 'ready', detail: '' };
  if (i.pools?.state === 'disconnected') return { state: stateOfKind(i.pools.kind), detail: i.pools.message };
  return { state: 'connecting', detail: '' };
}

function stateOfKind(kind: ClusterError['kind'] | undefined): ViewState {
  switch (kind) {
    case 'no-kubeconfig':
    case 'bad-kubeconfig':
    case 'no-context':
      return 'noKubeconfig';
    case 'unauthorized':
      return 'unauthorized';
    case 'forbidden':
      return 'forbidden';
    // No MachineConfigPool resource: the API server is Kubernetes without the Machine Config Operator.
    case 'not-found':
      return 'notOpenShift';
    case 'tls':
      return 'tls';
    default:
      return 'unreachable';
  }
}

/** The stale tree's message while a watch reconnects, counting down to the next try; a 401 names Log In…. */
export function retryMessage(retryAt: number, now: number, kind?: ClusterError['kind']): string {
  const s = Math.ceil((retryAt - now) / 1000);
  const head = kind === 'unauthorized' ? 'Disconnected: credentials rejected (401), use Log In…;' : 'Disconnected,';
  return s > 0 ? `${head} retrying in ${s} s` : `${head} retrying now…`;
}

/**
 * The Rollouts view's states on its own surface: the context key rhcosLayering.rolloutsState picks
 * the welcome content (package.json viewsWelcome) when there is nothing to list, and the reason is
 * written to the output channel (its Show Output button); VS Code shows welcome content only while
 * the view has no message. Over a tree, TreeView.message says that a stale tree is reconnecting
 * ("Disconnected, retrying in n s", counting down), or that the identity is read-only.
 */
import { commands } from 'vscode';
import type { Disposable } from 'vscode';
import { retryMessage } from '../cluster/viewState';
import { logLine } from './notify';
import type { ViewState } from '../cluster/viewState';
import type { ClusterError } from '../cluster/errors';

export interface ViewFacts {
  state: ViewState;
  detail: string;
  /** A watch is down: when it said so (object identity) and how long until it retries. */
  down: { retryInMs: number; kind?: ClusterError['kind'] } | undefined;
  /** Said when the identity may not write. */
  readOnly: string | undefined;
}

export class ViewStates implements Disposable {
  private state: ViewState | undefined;
  private down: ViewFacts['down'];
  private retryAt = 0;
  private ticker: NodeJS.Timeout | undefined;
  private message: string | undefined;
  private unauthorized = false;
  private logged: string | undefined;

  constructor(
    private readonly facts: () => ViewFacts,
    private readonly setMessage: (m: string | undefined) => void,
  ) {}

  /** Re-reads the facts: on every flush of the view and every second while disconnected. */
  update(): void {
    const f = this.facts();
    if (f.state !== this.state) {
      this.state = f.state;
      void commands.executeCommand('setContext', 'rhcosLayering.rolloutsState', f.state);
    }
    const unauthorized = f.state === 'unauthorized' || f.down?.kind === 'unauthorized';
    if (unauthorized !== this.unauthorized)
      void commands.executeCommand('setContext', 'rhcosLayering.rolloutsUnauthorized', (this.unauthorized = unauthorized));
    let m: string | undefined;
    if (f.state !== 'ready') {
      if (f.detail && f.detail !== this.logged) logLine(`Rollouts: ${(this.logged = f.detail)}`);
    } else if (f.down) {
      if (f.down !== this.down) this.retryAt = Date.now() + f.down.retryInMs;
      m = retryMessage(this.retryAt, Date.now(), f.down.kind);
    } else m = f.readOnly;
    this.down = f.state === 'ready' ? f.down : undefined;
    if (this.down) this.ticker ??= setInterval(() => this.update(), 1000);
    else if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    if (m !== this.message) this.setMessage((this.message = m));
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
  }
}

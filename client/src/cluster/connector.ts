/**
 * The one Cluster the editor talks to: made on first use, dropped on a context switch or a new
 * kubeconfig. Listeners hear about each change; the status bar and the facts are the caller's.
 */
import type { Cluster } from './cluster';

export interface ConnectorHooks {
  connected?(c: Cluster): void;
  failed?(e: unknown): void;
}

export class Connector {
  private current: Promise<Cluster> | undefined;
  private made: Cluster | undefined;
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly open: () => Promise<Cluster>,
    private readonly hooks: ConnectorHooks = {},
  ) {}

  /** The connection, made on first use. Errors are ClusterErrors with what to do. */
  get(): Promise<Cluster> {
    this.current ??= this.connect();
    return this.current;
  }

  private async connect(): Promise<Cluster> {
    const generation = this.generation;
    try {
      const c = await this.open();
      if (generation !== this.generation) return c; // reset meanwhile: the caller gets it, nobody keeps it
      this.made = c;
      this.hooks.connected?.(c);
      // Not a change: whoever asked is about to use it. Firing here restarted the view's watches
      // while they were starting, and two or three watch sets fed one model.
      return c;
    } catch (e) {
      if (generation !== this.generation) throw e;
      this.current = undefined;
      this.hooks.failed?.(e);
      throw e;
    }
  }

  /** The connection if it is made and current, without making one. */
  peek(): Cluster | undefined {
    return this.made;
  }

  /** Drops the connection (another context or kubeconfig): listeners start over with the next get(). */
  reset(): void {
    this.generation++;
    this.current = undefined;
    this.made?.close(); // nothing keeps talking to the cluster we switched away from
    this.made = undefined;
    for (const l of [...this.listeners]) l();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

/**
 * One connection to a cluster through @kubernetes/client-node: the MCO resources, the base image
 * ConfigMap and the cluster version. Every failure becomes a ClusterError that says what to do.
 * Every request has a deadline (a server that accepts TCP and never answers fails it with a message
 * that says so), and close() aborts whatever is still in flight, so no socket outlives a context switch.
 */
import type { AuthorizationV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from './k8s';
import { ClusterError, explainError } from './errors';
import { checkUsable, execPlugin, loadKubeconfig } from './kubeconfig';
import type { Source } from './kubeconfig';
import { k8s } from './k8s';
import { applyNetwork } from './network';
import type { NetworkApplied, NetworkSettings } from './network';
import { MCO_GROUP as GROUP, MCO_VERSION as VERSION } from '../../../common/mco';
import { logWrite } from './writeLog';
import type { WriteEntry } from './writeLog';

export interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [k: string]: unknown;
}

/** What the watches read; the image-mode kinds only where discovery serves them (builds.ts). */
export type Kind = 'nodes' | 'machineconfigpools' | 'machineconfigs' | 'machineosconfigs' | 'machineosbuilds';

export interface ClusterOptions {
  /** Deadline of each request, from sending it to the last byte of the answer. */
  timeoutMs?: number;
  /** Proxy and extra CA (VS Code's http.proxy, HTTPS_PROXY/NO_PROXY, rhcosLayering.certificateAuthority). */
  network?: NetworkSettings;
}

export const REQUEST_TIMEOUT_MS = 30_000;

/** Per-call options of client-node's generated APIs: a middleware that hands fetch our signal. */
export type CallOptions = Parameters<CoreV1Api['listNode']>[1];
async function withSignal(signal: AbortSignal): Promise<CallOptions> {
  const { Observable } = await k8s();
  type Ctx = { setSignal(s: AbortSignal): void };
  const pre = (ctx: Ctx) => (ctx.setSignal(signal), new Observable(Promise.resolve(ctx)));
  const post = (r: unknown) => new Observable(Promise.resolve(r));
  return { middleware: [{ pre, post }], middlewareMergeStrategy: 'append' } as unknown as CallOptions;
}

export class Cluster {
  private readonly inFlight = new Set<AbortController>();
  private closed = false;
  private auth: AuthorizationV1Api | undefined;
  readonly timeoutMs: number;

  private constructor(
    readonly kc: KubeConfig,
    private readonly core: CoreV1Api,
    private readonly custom: CustomObjectsApi,
    opts: ClusterOptions,
    /** The proxy and extra CA in use, when any. */
    readonly network: NetworkApplied = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  static async connect(src: Source, context?: string, opts: ClusterOptions = {}): Promise<Cluster> {
    const kc = await loadKubeconfig(src);
    if (context) {
      if (!kc.contexts.some((c) => c.name === context))
        throw new ClusterError(
          `Context "${context}" is not in the kubeconfig; pick another with "RHCOS Layering: Select Cluster Context".`,
          'no-context',
        );
      kc.setCurrentContext(context);
    }
    if (!kc.getCurrentCluster())
      throw new ClusterError(
        `The kubeconfig has no current context with a cluster. Pick one with "RHCOS Layering: Select Cluster Context".`,
        'no-context',
      );
    checkUsable(kc);
    const network = applyNetwork(kc, opts.network ?? {});
    const api = await k8s();
    return new Cluster(kc, kc.makeApiClient(api.CoreV1Api), kc.makeApiClient(api.CustomObjectsApi), opts, network);
  }

  get context(): string {
    return this.kc.currentContext;
  }
  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? '(no server)';
  }
  contexts(): string[] {
    return this.kc.contexts.map((c) => c.name);
  }

  /**
   * An AbortController for one request (or one watch): aborted by close(), and after `timeoutMs`
   * when given. `done()` forgets it.
   */
  request(timeoutMs?: number): { signal: AbortSignal; timedOut(): boolean; done(): void } {
    const c = new AbortController();
    if (this.closed) c.abort();
    this.inFlight.add(c);
    let late = false;
    const t = timeoutMs === undefined ? undefined : setTimeout(() => ((late = true), c.abort()), timeoutMs);
    return {
      signal: c.signal,
      timedOut: () => late,
      done: () => {
        clearTimeout(t);
        this.inFlight.delete(c);
      },
    };
  }

  /** Aborts every request and watch still open and refuses new ones: this connection is being replaced. */
  close(): void {
    this.closed = true;
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
  }

  /** One request with its deadline. A write names itself in `write`, and goes to the cluster log (writeLog.ts) with its result. */
  private async call<T>(action: string, f: (o: CallOptions) => Promise<T>, write?: Omit<WriteEntry, 'context' | 'result'>): Promise<T> {
    const r = this.request(this.timeoutMs);
    try {
      const out = await this.callInner(action, f, r);
      if (write) logWrite({ ...write, context: this.context, result: 'ok' });
      return out;
    } catch (e) {
      if (write) logWrite({ ...write, context: this.context, result: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      r.done();
    }
  }

  private async callInner<T>(action: string, f: (o: CallOptions) => Promise<T>, r: ReturnType<Cluster['request']>): Promise<T> {
    try {
      return await f(await withSignal(r.signal));
    } catch (e) {
      throw this.failure(action, e, r);
    }
  }

  /** What a failed request means, in a sentence: past the deadline, cancelled by close(), or what the error says. */
  failure(action: string, e: unknown, r: ReturnType<Cluster['request']>): Error {
    if (r.timedOut())
      return new ClusterError(
        `The API server at ${this.server} did not answer within ${+(this.timeoutMs / 1000).toFixed(1)} s while trying to ${action}. ` +
          `It accepts connections but does not respond: check the server, VPN or proxy, or the context "${this.context}".`,
        'unreachable',
      );
    if (r.signal.aborted)
      return new ClusterError(`Cancelled: ${action} on ${this.server} (the connection was closed or replaced).`, 'unreachable');
    return explainError(e, { server: this.server, context: this.context, action, exec: execPlugin(this.kc) });
  }

  /**
   * A request of a module of its own (image mode: MachineOSConfigs, secrets) with this connection's
   * deadline, cancellation and error wording.
   */
  async send<T>(action: string, f: (apis: { core: CoreV1Api; custom: CustomObjectsApi }, o: CallOptions) => Promise<T>): Promise<T> {
    return this.call(action, (o) => f({ core: this.core, custom: this.custom }, o));
  }

  /** A list as plain JSON objects, with the list's resourceVersion for a watch to start from. */
  async list(kind: Kind): Promise<{ items: Obj[]; resourceVersion: string }> {
    if (kind === 'nodes') {
      const l = await this.call('list nodes', (o) => this.core.listNode({}, o));
      // Round-trip through JSON: the same shape as watch events (dates as strings).
      return { items: JSON.parse(JSON.stringify(l.items)) as Obj[], resourceVersion: l.metadata?.resourceVersion ?? '' };
    }
    const l = (await this.call(`list ${kind}`, (o) =>
      this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: kind }, o),
    )) as { items: Obj[]; metadata?: { resourceVersion?: string } };
    return { items: l.items, resourceVersion: l.metadata?.resourceVersion ?? '' };
  }

  async get(kind: 'machineconfigs' | 'machineconfigpools', name: string): Promise<Obj | null> {
    try {
      return (await this.call(`get ${kind}/${name}`, (o) =>
        this.custom.getClusterCustomObject({ group: GROUP, version: VERSION, plural: kind, name }, o),
      )) as Obj;
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'not-found') return null;
      throw e;
    }
  }

  /** One node, or null when it is gone. */
  async getNode(name: string): Promise<Obj | null> {
    try {
      const n = await this.call(`get nodes/${name}`, (o) => this.core.readNode({ name }, o));
      return JSON.parse(JSON.stringify(n)) as Obj; // the shape of watch events (dates as strings)
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'not-found') return null;
      throw e;
    }
  }

  async create(mc: Obj, dryRun: boolean): Promise<Obj> {
    return (await this.call(
      'create machineconfigs',
      (o) =>
        this.custom.createClusterCustomObject(
          {
            group: GROUP,
            version: VERSION,
            plural: 'machineconfigs',
            body: mc,
            ...(dryRun ? { dryRun: 'All' } : {}),
          },
          o,
        ),
      { verb: 'create', object: `machineconfigs/${mc.metadata.name}`, dryRun },
    )) as Obj;
  }

  /** Replaces with the resourceVersion in `mc`: a 409 means someone changed it since it was read. */
  async replace(mc: Obj, dryRun: boolean): Promise<Obj> {
    return (await this.call(
      'update machineconfigs',
      (o) =>
        this.custom.replaceClusterCustomObject(
          {
            group: GROUP,
            version: VERSION,
            plural: 'machineconfigs',
            name: mc.metadata.name,
            body: mc,
            ...(dryRun ? { dryRun: 'All' } : {}),
          },
          o,
        ),
      { verb: 'update', object: `machineconfigs/${mc.metadata.name}`, dryRun },
    )) as Obj;
  }

  /** With preconditions, deletes only the object of that UID and resourceVersion; else a 409 and nothing deleted. */
  async delete(name: string, preconditions?: { uid: string; resourceVersion: string }, dryRun = false): Promise<void> {
    await this.call(
      'delete machineconfigs',
      (o) =>
        this.custom.deleteClusterCustomObject(
          {
            group: GROUP,
            version: VERSION,
            plural: 'machineconfigs',
            name,
            ...(dryRun ? { dryRun: 'All' } : {}),
            ...(preconditions ? { body: { preconditions } } : {}),
          },
          o,
        ),
      { verb: 'delete', object: `machineconfigs/${name}`, dryRun },
    );
  }

  async setPaused(pool: string, paused: boolean): Promise<void> {
    await this.call(
      `${paused ? 'pause' : 'resume'} machineconfigpools/${pool}`,
      (o) =>
        this.custom.patchClusterCustomObject(
          {
            group: GROUP,
            version: VERSION,
            plural: 'machineconfigpools',
            name: pool,
            body: [{ op: 'add', path: '/spec/paused', value: paused }],
          },
          o,
        ),
      { verb: 'patch', object: `machineconfigpools/${pool} spec.paused=${paused}` },
    );
  }

  /** MachineConfiguration/cluster (operator.openshift.io/v1), or null when it cannot be read (absent, forbidden, older cluster). */
  async machineConfiguration(): Promise<Obj | null> {
    try {
      return (await this.call('read MachineConfiguration cluster', (o) =>
        this.custom.getClusterCustomObject(
          { group: 'operator.openshift.io', version: 'v1', plural: 'machineconfigurations', name: 'cluster' },
          o,
        ),
      )) as Obj;
    } catch {
      return null;
    }
  }

  /**
   * A SelfSubjectAccessReview: may this context's user do `verb` on the resource? Asked of the API
   * server (RBAC, webhooks), so it is the answer a write would get.
   */
  async canI(attrs: { verb: string; resource: string; group: string }): Promise<boolean> {
    const api = await k8s();
    this.auth ??= this.kc.makeApiClient(api.AuthorizationV1Api);
    const auth = this.auth;
    const r = await this.call(`review access (${attrs.verb} ${attrs.resource})`, (o) =>
      auth.createSelfSubjectAccessReview(
        { body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attrs } } },
        o,
      ),
    );
    return r.status?.allowed === true;
  }

  /** `baseOSContainerImage` from ConfigMap machine-config-osimageurl. */
  async baseImage(): Promise<string> {
    const cm = await this.call('read ConfigMap machine-config-osimageurl', (o) =>
      this.core.readNamespacedConfigMap({ name: 'machine-config-osimageurl', namespace: 'openshift-machine-config-operator' }, o),
    );
    const image = cm.data?.['baseOSContainerImage'];
    if (!image)
      throw new ClusterError(
        'ConfigMap machine-config-osimageurl has no baseOSContainerImage; is this an OpenShift 4.12+ cluster?',
        'not-found',
      );
    return image;
  }

  /** The cluster's OpenShift version (`4.16`), or null when ClusterVersion cannot be read. */
  async ocpVersion(): Promise<string | null> {
    try {
      const cv = (await this.call('read ClusterVersion', (o) =>
        this.custom.getClusterCustomObject({ group: 'config.openshift.io', version: 'v1', plural: 'clusterversions', name: 'version' }, o),
      )) as { status?: { desired?: { version?: string } } };
      const m = /^(\d+\.\d+)/.exec(cv.status?.desired?.version ?? '');
      return m ? m[1]! : null;
    } catch {
      return null;
    }
  }
}

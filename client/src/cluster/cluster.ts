/**
 * One connection to a cluster through @kubernetes/client-node: the MCO resources, the base image
 * ConfigMap and the cluster version. Every failure becomes a ClusterError that says what to do.
 */
import type { CoreV1Api, CustomObjectsApi, KubeConfig } from './k8s';
import { ClusterError, explainError } from './errors';
import { checkUsable, execPlugin, loadKubeconfig } from './kubeconfig';
import type { Source } from './kubeconfig';
import { k8s } from './k8s';
import { MCO_GROUP as GROUP, MCO_VERSION as VERSION } from '../../../common/mco';

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

export type Kind = 'nodes' | 'machineconfigpools' | 'machineconfigs';

export class Cluster {
  private constructor(
    readonly kc: KubeConfig,
    private readonly core: CoreV1Api,
    private readonly custom: CustomObjectsApi,
  ) {}

  static async connect(src: Source, context?: string): Promise<Cluster> {
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
    const api = await k8s();
    return new Cluster(kc, kc.makeApiClient(api.CoreV1Api), kc.makeApiClient(api.CustomObjectsApi));
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

  private async call<T>(action: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw explainError(e, { server: this.server, context: this.context, action, exec: execPlugin(this.kc) });
    }
  }

  /** A list as plain JSON objects, with the list's resourceVersion for a watch to start from. */
  async list(kind: Kind): Promise<{ items: Obj[]; resourceVersion: string }> {
    if (kind === 'nodes') {
      const l = await this.call('list nodes', () => this.core.listNode());
      // Round-trip through JSON: the same shape as watch events (dates as strings).
      return { items: JSON.parse(JSON.stringify(l.items)) as Obj[], resourceVersion: l.metadata?.resourceVersion ?? '' };
    }
    const l = (await this.call(`list ${kind}`, () =>
      this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: kind }),
    )) as { items: Obj[]; metadata?: { resourceVersion?: string } };
    return { items: l.items, resourceVersion: l.metadata?.resourceVersion ?? '' };
  }

  async get(kind: 'machineconfigs' | 'machineconfigpools', name: string): Promise<Obj | null> {
    try {
      return (await this.custom.getClusterCustomObject({ group: GROUP, version: VERSION, plural: kind, name })) as Obj;
    } catch (e) {
      const err = explainError(e, { server: this.server, context: this.context, action: `get ${kind}/${name}`, exec: execPlugin(this.kc) });
      if (err.kind === 'not-found') return null;
      throw err;
    }
  }

  async create(mc: Obj, dryRun: boolean): Promise<Obj> {
    return (await this.call('create machineconfigs', () =>
      this.custom.createClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'machineconfigs',
        body: mc,
        ...(dryRun ? { dryRun: 'All' } : {}),
      }),
    )) as Obj;
  }

  /** Replaces with the resourceVersion in `mc`: a 409 means someone changed it since it was read. */
  async replace(mc: Obj, dryRun: boolean): Promise<Obj> {
    return (await this.call('update machineconfigs', () =>
      this.custom.replaceClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'machineconfigs',
        name: mc.metadata.name,
        body: mc,
        ...(dryRun ? { dryRun: 'All' } : {}),
      }),
    )) as Obj;
  }

  /** With preconditions, deletes only the object of that UID and resourceVersion; else a 409 and nothing deleted. */
  async delete(name: string, preconditions?: { uid: string; resourceVersion: string }): Promise<void> {
    await this.call('delete machineconfigs', () =>
      this.custom.deleteClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'machineconfigs',
        name,
        ...(preconditions ? { body: { preconditions } } : {}),
      }),
    );
  }

  async setPaused(pool: string, paused: boolean): Promise<void> {
    await this.call(`${paused ? 'pause' : 'resume'} machineconfigpools/${pool}`, () =>
      this.custom.patchClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'machineconfigpools',
        name: pool,
        body: [{ op: 'add', path: '/spec/paused', value: paused }],
      }),
    );
  }

  /** `baseOSContainerImage` from ConfigMap machine-config-osimageurl. */
  async baseImage(): Promise<string> {
    const cm = await this.call('read ConfigMap machine-config-osimageurl', () =>
      this.core.readNamespacedConfigMap({ name: 'machine-config-osimageurl', namespace: 'openshift-machine-config-operator' }),
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
      const cv = (await this.custom.getClusterCustomObject({
        group: 'config.openshift.io',
        version: 'v1',
        plural: 'clusterversions',
        name: 'version',
      })) as { status?: { desired?: { version?: string } } };
      const m = /^(\d+\.\d+)/.exec(cv.status?.desired?.version ?? '');
      return m ? m[1]! : null;
    } catch {
      return null;
    }
  }
}

/**
 * What the Job controller and the kubelet do for a build Job (batch/v1): the Job `build-<mosb>` with its selector
 * and pod template, one pod per attempt (`build-<mosb>-<5 chars>`, init container `image-build` then
 * `create-digest-configmap`, as MCO:pkg/controller/build/buildrequest builds it), pod and container states,
 * the Job's Failed condition after backoffLimit retries, and the Events both write.
 */
import { createHash } from 'node:crypto';
import type { Obj, Store } from './store';

export const MCO_NS = 'openshift-machine-config-operator';
export const BACKOFF_LIMIT = 3; // MCO:pkg/controller/build/buildrequest JobMaxRetries
const MCO_IMAGE = 'quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:' + 'c'.repeat(64);
const BUILD_NODE = 'master-0';
const BACKOFF_MESSAGE = 'Job has reached the specified backoff limit';

const spec = (o: Obj | undefined) => (o?.['spec'] ?? {}) as Record<string, unknown>;
const st = (o: Obj | undefined) => (o?.['status'] ?? {}) as Record<string, unknown>;
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const rand = (n: number) => createHash('sha256').update(String(Math.random())).digest('hex').slice(0, n);
/** Pod name suffixes are 5 consonants and digits, as Kubernetes' generateName makes them. */
const podSuffix = () => rand(5).replace(/[a-f]/g, (c) => 'bcdfgh'['abcdef'.indexOf(c)]!);

function podSpec(): Record<string, unknown> {
  return {
    restartPolicy: 'Never',
    serviceAccountName: 'machine-os-builder',
    initContainers: [{ name: 'image-build', image: MCO_IMAGE, command: ['/bin/bash', '-c', '/tmp/buildah-build.sh'] }],
    containers: [{ name: 'create-digest-configmap', image: MCO_IMAGE, command: ['/bin/bash', '-c', '/tmp/create-digest-cm.sh'] }],
  };
}

export class BuildJobs {
  constructor(private readonly store: Store) {}

  /** Creates the Job, owned by `owner` (the MOSB); its selector names its own uid, as the Job controller sets it. */
  create(name: string, owner: Obj, labels: Record<string, string>): void {
    const created = this.store.create('jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: MCO_NS,
        labels,
        ownerReferences: [
          { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true },
        ],
      },
      spec: { backoffLimit: BACKOFF_LIMIT, completions: 1, parallelism: 1 },
      status: { startTime: now(), active: 0, failed: 0, succeeded: 0 },
    });
    const uid = created.metadata.uid!;
    const podLabels = {
      ...labels,
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    this.store.mutate(
      'jobs',
      name,
      (j) => {
        j['spec'] = {
          ...spec(j),
          selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
          template: { metadata: { labels: podLabels }, spec: podSpec() },
        };
        return j;
      },
      MCO_NS,
    );
  }

  /** Starts the Job's next pod, its init container running; returns its name, or null when the Job is gone. */
  startPod(job: string): string | null {
    const j = this.store.get('jobs', job, MCO_NS);
    if (!j) return null;
    const template = spec(j)['template'] as { metadata: { labels: Record<string, string> } };
    const pod = `${job}-${podSuffix()}`;
    const started = now();
    this.store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: pod,
        namespace: MCO_NS,
        labels: template.metadata.labels,
        ownerReferences: [
          { apiVersion: 'batch/v1', kind: 'Job', name: job, uid: j.metadata.uid, controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: { ...podSpec(), nodeName: BUILD_NODE },
      status: {
        phase: 'Pending',
        startTime: started,
        initContainerStatuses: [
          { name: 'image-build', ready: false, restartCount: 0, image: MCO_IMAGE, state: { running: { startedAt: started } } },
        ],
        containerStatuses: [
          {
            name: 'create-digest-configmap',
            ready: false,
            restartCount: 0,
            image: MCO_IMAGE,
            state: { waiting: { reason: 'PodInitializing' } },
          },
        ],
      },
    });
    this.event(j, 'Normal', 'SuccessfulCreate', `Created pod: ${pod}`);
    this.store.mutate('jobs', job, (x) => ({ ...x, status: { ...st(x), active: 1, ready: 0 } }), MCO_NS);
    return pod;
  }

  /** Moves the pod's containers on: `mainExit` null = the init container exited with `initExit` (and, if 0, the main one runs). */
  podState(pod: string, phase: string, initExit: number, mainExit: number | null): void {
    const t = now();
    this.store.mutate(
      'pods',
      pod,
      (p) => {
        const s = st(p) as { initContainerStatuses: Record<string, unknown>[]; containerStatuses: Record<string, unknown>[] };
        const init = s.initContainerStatuses[0]!;
        const started = ((init['state'] as { running?: { startedAt: string } }).running ?? { startedAt: t }).startedAt;
        init['state'] = { terminated: { exitCode: initExit, reason: initExit ? 'Error' : 'Completed', startedAt: started, finishedAt: t } };
        const main = s.containerStatuses[0]!;
        if (initExit === 0) {
          main['state'] =
            mainExit === null ? { running: { startedAt: t } } : { terminated: { exitCode: mainExit, reason: 'Completed', finishedAt: t } };
          main['ready'] = mainExit === null;
        }
        p['status'] = { ...s, phase };
        return p;
      },
      MCO_NS,
    );
  }

  /** A pod failed; returns true when that was the last attempt the backoffLimit allows (the Job has failed). */
  podFailed(job: string, attempts: number): boolean {
    this.store.mutate('jobs', job, (x) => ({ ...x, status: { ...st(x), active: 0, failed: attempts } }), MCO_NS);
    if (attempts <= BACKOFF_LIMIT) return false;
    const t = now();
    const c = (type: string) => ({ type, status: 'True', reason: 'BackoffLimitExceeded', message: BACKOFF_MESSAGE, lastTransitionTime: t });
    const j = this.store.mutate(
      'jobs',
      job,
      (x) => ({ ...x, status: { ...st(x), conditions: [c('FailureTarget'), c('Failed')] } }),
      MCO_NS,
    );
    if (j) this.event(j, 'Warning', 'BackoffLimitExceeded', BACKOFF_MESSAGE);
    return true;
  }

  succeeded(job: string): void {
    const j = this.store.mutate(
      'jobs',
      job,
      (x) => ({ ...x, status: { ...st(x), active: 0, succeeded: 1, completionTime: now() } }),
      MCO_NS,
    );
    if (j) this.event(j, 'Normal', 'Completed', 'Job completed');
  }

  private event(about: Obj, type: string, reason: string, message: string): void {
    const t = now();
    this.store.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${about.metadata.name}.${rand(16)}`, namespace: about.metadata.namespace ?? 'default' },
      involvedObject: {
        apiVersion: about.apiVersion,
        kind: about.kind,
        name: about.metadata.name,
        namespace: about.metadata.namespace,
        uid: about.metadata.uid,
      },
      type,
      reason,
      message,
      source: { component: 'job-controller' },
      reportingComponent: 'job-controller',
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
    });
  }
}

/**
 * The machine-config-daemon of every node, simulated: it takes a node from its current rendered config to
 * the desired one with the actions MCO's node disruption algorithm picks (disruption.ts), and tells it as
 * MCO does: node annotations, the MachineConfigNode phases (mcn.ts, 4.19+), Node Events (events.ts), and the
 * log of a `machine-config-daemon-<hash>` pod per node (logs.ts). Injected failures (failures.ts) stop it
 * where MCO stops.
 *
 * Flow and texts: MCO:pkg/daemon/update.go@release-4.21 `update`, `performPostConfigChangeNodeDisruptionAction`,
 * `applyOSChanges`, `reboot`; drain.go `performDrain`; daemon.go (`Node has rebooted`, `NodeDone`, `Uncordon`,
 * `Resumed`, `Updated`); writer.go `SetDegraded`; pkg/controller/drain/drain_controller.go (Cordoned, Drained,
 * Uncordoned phases).
 */
import { createHash } from 'node:crypto';
import type { Logs } from './logs';
import type { Obj, Store } from './store';
import { ClusterPolicies, Disruption, PolicyAction, RenderedLike, actionsFor } from './disruption';
import { applyPhase, Phase } from './mcn';
import { nodeEvent } from './events';
import {
  FailureKind,
  drainDegraded,
  evictionError,
  isPullFailure,
  onDiskDegraded,
  pullDegraded,
  rebaseError,
  renderedNotFound,
} from './failures';

const ANN = 'machineconfiguration.openshift.io/';
export const MCO_NS = 'openshift-machine-config-operator';
const CONTAINER = 'machine-config-daemon';

type Phase_ = 'desired' | 'drain' | 'working' | 'reboot';
const DELAYS: Record<Phase_, number> = { desired: 300, drain: 700, working: 900, reboot: 1200 };
/** Drain retries before the daemon gives up (stands for MCO's one hour). */
const DRAIN_ATTEMPTS = 4;

export interface Task {
  phase: Phase_;
  until: number;
  pool: string;
  target: string;
  image: string;
  from: string;
  fromImage: string;
  /** Reboots still to come: 2 when a node leaves an image-mode image (the revert service reboots again). */
  reboots: number;
  plan: Disruption;
  drainAttempts: number;
}

export interface DaemonOptions {
  /** MachineConfigNodes are served (4.19+). */
  mcn: boolean;
  /** The NodeDisruptionPolicy gate is on (4.17+); off: the legacy rules. */
  ndp: boolean;
  speed: () => number;
  /** A degrade reason for an image the registry cannot serve (the simulator's registry), or null. */
  imageProblem: (image: string) => string | null;
  failures: Map<string, FailureKind>;
  /** The image is in the node's container storage (a PinnedImageSet pulled it): the rebase uses it (pinnedImages.ts). */
  localImage?: (node: string, image: string) => boolean;
}

/** `I1130 13:07:51.123456    2416 update.go:1014] …`: klog's header. */
function klog(sev: 'I' | 'W' | 'E', pid: number, where: string, msg: string): string {
  const d = new Date();
  const p2 = (n: number) => String(n).padStart(2, '0');
  const us = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  return `${sev}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(pid).padStart(7)} ${where}] ${msg}`;
}

export function daemonPodName(node: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const h = createHash('sha256').update(node).digest();
  return `machine-config-daemon-${[...h.subarray(0, 5)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

const describe = (a: PolicyAction) =>
  a.type === 'Reload' ? `Reload - ${a.reload?.serviceName}` : a.type === 'Restart' ? `Restart - ${a.restart?.serviceName}` : a.type;

export class Daemon {
  readonly tasks = new Map<string, Task>();

  constructor(
    private readonly store: Store,
    private readonly logs: Logs,
    private readonly opts: DaemonOptions,
  ) {}

  /** Creates the daemon pod of each node that has none (a DaemonSet's pods), with its log open. */
  ensurePods(): void {
    for (const n of this.store.scan('nodes')) {
      const name = daemonPodName(n.metadata.name);
      if (this.store.get('pods', name, MCO_NS)) continue;
      this.store.create('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: MCO_NS,
          labels: { 'k8s-app': 'machine-config-daemon' },
          annotations: { 'kubectl.kubernetes.io/default-container': CONTAINER },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'machine-config-daemon', controller: true }],
        },
        spec: { nodeName: n.metadata.name, containers: [{ name: CONTAINER }, { name: 'kube-rbac-proxy' }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            { name: CONTAINER, ready: true, state: { running: {} } },
            { name: 'kube-rbac-proxy', ready: true, state: { running: {} } },
          ],
        },
      });
      this.logs.open(MCO_NS, name, CONTAINER);
      this.logs.open(MCO_NS, name, 'kube-rbac-proxy');
      this.log(n.metadata.name, 'I', 'start.go:68', `Version: sim (Raw: sim, Hash: sim)`);
    }
  }

  /** Writes one klog line to the node's daemon pod log. */
  log(node: string, sev: 'I' | 'W' | 'E', where: string, msg: string): void {
    const pid = 2000 + (createHash('md5').update(node).digest()[0] ?? 0);
    this.logs.write(MCO_NS, daemonPodName(node), CONTAINER, klog(sev, pid, where, msg));
  }

  private phase(node: Obj, pool: string, parent: Phase, child?: Phase): void {
    if (this.opts.mcn) applyPhase(this.store, this.store.get('nodes', node.metadata.name) ?? node, pool, parent, child);
  }

  private delay(p: Phase_): number {
    return DELAYS[p] / this.opts.speed();
  }

  private policies(): ClusterPolicies | null {
    if (!this.opts.ndp) return null;
    const mc = this.store.get('machineconfigurations', 'cluster');
    const st = (mc?.['status'] as { nodeDisruptionPolicyStatus?: { clusterPolicies?: ClusterPolicies } } | undefined)
      ?.nodeDisruptionPolicyStatus?.clusterPolicies;
    return st ?? { files: [], units: [], sshkey: { actions: [{ type: 'None' }] } };
  }

  private spec(rendered: string): RenderedLike | undefined {
    return this.store.get('machineconfigs', rendered)?.['spec'] as RenderedLike | undefined;
  }

  /** What the node will do going from its current config and image to `target` and `image`. */
  planFor(node: Obj, target: string, image: string): Disruption {
    const a = node.metadata.annotations ?? {};
    const from = this.spec(a[`${ANN}currentConfig`] ?? '') ?? {};
    const to = this.spec(target) ?? {};
    // The booted image stands for osImageURL on both sides: an image-mode pool changes the image, not the MC.
    return actionsFor(
      { ...from, osImageURL: a[`${ANN}currentImage`] ?? from.osImageURL ?? '' },
      { ...to, osImageURL: image },
      this.policies(),
    );
  }

  /** The node controller has chosen this node: desiredConfig is set, the daemon starts. */
  start(node: Obj, pool: string, target: string, image: string, reboots: number, now: number): void {
    const name = node.metadata.name;
    const a = node.metadata.annotations ?? {};
    const plan = this.planFor(node, target, image);
    this.tasks.set(name, {
      phase: 'desired',
      until: now + this.delay('desired'),
      pool,
      target,
      image,
      from: a[`${ANN}currentConfig`] ?? '',
      fromImage: a[`${ANN}currentImage`] ?? '',
      reboots: plan.reboot ? reboots : 0,
      plan,
      drainAttempts: 0,
    });
    const updated = this.store.mutate('nodes', name, (x) => annotate(x, { desiredConfig: target, desiredImage: image }));
    this.phase(updated ?? node, pool, { type: 'Updated', status: 'False', reason: 'Updated', message: `Node ${name} needs an update` });
  }

  /** Moves a node's update on when its current step is due. */
  advance(node: Obj, now: number): void {
    const t = this.tasks.get(node.metadata.name);
    if (!t || now < t.until) return;
    if (t.phase === 'desired') this.prepare(node, t, now);
    else if (t.phase === 'drain') this.drained(node, t, now);
    else if (t.phase === 'working') this.applied(node, t, now);
    else this.rebooted(node, t, now);
  }

  private degrade(node: Obj, t: Task, reason: string): void {
    const name = node.metadata.name;
    this.log(name, 'E', 'writer.go:231', `Marking Degraded due to: ${JSON.stringify(reason)}`);
    const n = this.store.mutate('nodes', name, (x) => annotate(x, { state: 'Degraded', reason }));
    this.phase(n ?? node, t.pool, {
      type: 'NodeDegraded',
      status: 'True',
      reason: 'NodeDegraded',
      message: `Node ${name} upgrade failure. ${reason}`,
    });
    this.tasks.delete(name);
  }

  /** update(): reconcilable, the disruption actions, the drain decision (MCN UpdatePrepared). */
  private prepare(node: Obj, t: Task, now: number): void {
    const name = node.metadata.name;
    const fail = this.opts.failures.get(name);
    if (fail === 'rendered-not-found') {
      this.store.mutate('nodes', name, (x) => annotate(x, { state: 'Working' }));
      return this.degrade(node, t, renderedNotFound(t.target));
    }
    const p = t.plan;
    // Working and, when it drains, cordoned in one write (the node's watchers see no uncordoned Working step).
    if (!p.drain) this.store.mutate('nodes', name, (x) => annotate(x, { state: 'Working' }));
    this.log(name, 'I', 'update.go:980', `Checking Reconcilable for config ${t.from} to ${t.target}`);
    this.log(
      name,
      'I',
      'update.go:1014',
      `Starting update from ${t.from} to ${t.target}: &{osUpdate:${p.os.osUpdate} kargs:${p.os.kargs} fips:${p.os.fips} passwd:${p.passwd} files:${p.files.length > 0} units:${p.units.length > 0} kernelType:${p.os.kernelType} extensions:${p.os.extensions} oclEnabled:false revertFromOCL:false}`,
    );
    if (!p.legacy) {
      this.log(name, 'I', 'update.go:779', 'Calculating node disruption actions');
      this.log(name, 'I', 'update.go:808', 'Calculated node disruption actions:');
      for (const a of p.actions) this.log(name, 'I', 'update.go:812', describe(a));
      this.log(name, 'I', 'update.go:1064', `Drain calculated for node disruption: ${p.drain} for config ${t.target}`);
    }
    // The message prints the legacy actions list, which MCO leaves empty whenever node disruption policies apply.
    const shown = p.legacy ? `[${p.legacy.join(' ')}]` : '[]';
    this.phase(node, t.pool, {
      type: 'UpdatePrepared',
      status: 'True',
      reason: 'UpdatePrepared',
      message: `Update Compatible. Post Cfg Actions: ${shown} Drain Required: ${p.drain}`,
    });
    if (p.drain) {
      this.log(name, 'I', 'drain.go:86', 'Update prepared; requesting cordon and drain via annotation to controller');
      nodeEvent(this.store, node, 'Normal', 'Cordon', 'Cordoned node to apply update');
      nodeEvent(this.store, node, 'Normal', 'Drain', 'Draining node to update config.');
      const n = this.store.mutate('nodes', name, (x) => {
        x['spec'] = { ...(x['spec'] as object), unschedulable: true };
        return annotate(x, { state: 'Working', desiredDrain: `drain-${t.target}` });
      });
      this.phase(
        n ?? node,
        t.pool,
        { type: 'UpdateExecuted', status: 'Unknown', reason: 'Cordoned', message: 'Cordoned Node as part of update executed phase' },
        {
          type: 'Cordoned',
          status: 'True',
          reason: 'UpdateExecutedCordoned',
          message: 'Cordoned node. The node is reporting Unschedulable = true',
        },
      );
      this.phase(
        n ?? node,
        t.pool,
        { type: 'UpdateExecuted', status: 'Unknown', reason: 'Drained', message: 'Draining Node as part of update executed phase' },
        {
          type: 'Drained',
          status: 'Unknown',
          reason: 'UpdateExecutedDrained',
          message: `Draining node. The drain will not be complete until desired drainer drain-${t.target} matches current drainer ${node.metadata.annotations?.[`${ANN}lastAppliedDrain`] ?? ''}`,
        },
      );
      t.phase = 'drain';
      t.until = now + this.delay('drain');
    } else {
      this.log(name, 'I', 'update.go:1095', 'Changes do not require drain, skipping.');
      this.phase(
        node,
        t.pool,
        { type: 'UpdateExecuted', status: 'Unknown', reason: 'Drained', message: 'Node Drain Not required for this update.' },
        { type: 'Drained', status: 'False', reason: 'UpdateExecutedDrained', message: 'Node Drain Not required for this update.' },
      );
      this.applying(node, t, now);
    }
  }

  /** The drain controller's turn: evicts, or keeps failing on a PodDisruptionBudget. */
  private drained(node: Obj, t: Task, now: number): void {
    const name = node.metadata.name;
    if (this.opts.failures.get(name) === 'drain-pdb') {
      t.drainAttempts++;
      const err = evictionError('app-0', 'default');
      this.phase(
        node,
        t.pool,
        { type: 'UpdateExecuted', status: 'Unknown', reason: 'Drained', message: 'Node Drain has not succeeded' },
        {
          type: 'Drained',
          status: 'Unknown',
          reason: 'UpdateExecutedDrained',
          message: `Error: Node Drain has not succeeded. Error is: [${err}] The drain will not be complete until desired drainer drain-${t.target} matches current drainer ${node.metadata.annotations?.[`${ANN}lastAppliedDrain`] ?? ''}`,
        },
      );
      if (t.drainAttempts === DRAIN_ATTEMPTS - 1)
        nodeEvent(
          this.store,
          node,
          'Warning',
          'DrainThresholdExceeded',
          `Drain failed. Drain has been failing for more than 10 minutes. Waiting 5 minutes then retrying. Error message from drain: [${err}]`,
          'machineconfigcontroller-draincontroller',
        );
      if (t.drainAttempts >= DRAIN_ATTEMPTS) {
        nodeEvent(this.store, node, 'Warning', 'FailedToDrain', drainDegraded(name));
        return this.degrade(node, t, drainDegraded(name));
      }
      t.until = now + this.delay('drain');
      return;
    }
    const n = this.store.mutate('nodes', name, (x) => annotate(x, { lastAppliedDrain: `drain-${t.target}` }));
    this.phase(
      n ?? node,
      t.pool,
      { type: 'UpdateExecuted', status: 'Unknown', reason: 'Drained', message: 'Drained Node as part of update executed phase' },
      {
        type: 'Drained',
        status: 'True',
        reason: 'UpdateExecutedDrained',
        message: `Drained node. The drain is complete as the desired drainer matches current drainer: drain-${t.target}`,
      },
    );
    this.log(name, 'I', 'drain.go:122', 'drain complete');
    this.applying(node, t, now);
  }

  /** The OS image changes: rpm-ostree rebases (and pulls). */
  private osUpdate(t: Task): boolean {
    return t.plan.os.osUpdate;
  }

  private applying(node: Obj, t: Task, now: number): void {
    const os = this.osUpdate(t) ? '' : 'not';
    const ssh = t.plan.passwd || t.plan.files.length ? '' : 'not';
    this.phase(
      node,
      t.pool,
      {
        type: 'UpdateExecuted',
        status: 'Unknown',
        reason: 'AppliedFilesAndOS',
        message: 'Updating the Files and OS on disk as a part of the in progress phase',
      },
      {
        type: 'AppliedFilesAndOS',
        status: 'Unknown',
        reason: 'UpdateExecutedAppliedFilesAndOS',
        message: `Applying files and new OS config to node. OS will ${os} need an update. SSH Keys will ${ssh} need an update`,
      },
    );
    t.phase = 'working';
    t.until = now + this.delay('working');
  }

  /** Files written, the OS rebased (or not); then reboot, or the post-config actions and done. */
  private applied(node: Obj, t: Task, now: number): void {
    const name = node.metadata.name;
    const fail = this.opts.failures.get(name);
    const d = t.plan.os;
    if (d.osUpdate || d.extensions || d.kernelType)
      nodeEvent(this.store, node, 'Normal', 'InClusterUpgrade', `Updating from oscontainer ${t.image}`);
    const changes = [
      d.osUpdate && 'Upgrading OS',
      d.extensions && 'Installing extensions',
      d.kernelType && 'Changing kernel type',
      d.kargs && 'Changing kernel arguments',
    ].filter(Boolean);
    if (changes.length) nodeEvent(this.store, node, 'Normal', 'OSUpdateStarted', changes.join('; '));
    if (this.osUpdate(t) && this.opts.localImage?.(name, t.image)) {
      // MCO:pkg/daemon/update.go updateLayeredOS: podman finds the image, rpm-ostree.go RebaseLayeredFromContainerStorage.
      this.log(name, 'I', 'rpm-ostree.go:232', `Executing local container storage rebase to ${t.image}`);
      this.log(
        name,
        'I',
        'update.go:1624',
        `Running rpm-ostree [rebase --experimental ostree-unverified-image:containers-storage:${t.image}]`,
      );
    } else if (this.osUpdate(t)) {
      this.log(name, 'I', 'update.go:1624', `Running rpm-ostree [rebase --experimental ostree-unverified-registry:${t.image}]`);
      if (fail && isPullFailure(fail)) {
        for (let i = 0; i < 5; i++)
          this.log(name, 'W', 'update.go:2843', `Failed to update OS to ${t.image} (will retry): ${rebaseError(fail, t.image)}`);
        return this.degrade(node, t, pullDegraded(t.image));
      }
      const problem = this.opts.imageProblem(t.image);
      if (problem) return this.degrade(node, t, problem);
    }
    if (changes.length) nodeEvent(this.store, node, 'Normal', 'OSUpdateStaged', 'Changes to OS staged');
    const os = this.osUpdate(t) ? '' : 'not';
    const ssh = t.plan.passwd || t.plan.files.length ? '' : 'not';
    this.phase(
      node,
      t.pool,
      {
        type: 'UpdateExecuted',
        status: 'True',
        reason: 'AppliedFilesAndOS',
        message: 'Updated the Files and OS on disk as a part of the in progress phase',
      },
      {
        type: 'AppliedFilesAndOS',
        status: 'True',
        reason: 'UpdateExecutedAppliedFilesAndOS',
        message: `Applied files and new OS config to node. OS did ${os} need an update. SSH Keys did ${ssh} need an update`,
      },
    );
    this.phase(node, t.pool, { type: 'NodeDegraded', status: 'False', reason: 'NodeDegraded', message: `Node ${name} upgrade succeeded` });
    if (t.plan.reboot) {
      this.phase(node, t.pool, { type: 'RebootedNode', status: 'Unknown', reason: 'RebootedNode', message: 'Upgrade requires a reboot.' });
      this.log(name, 'I', 'update.go:196', 'Rebooting node');
      this.log(name, 'I', 'update.go:3018', `initiating reboot: Node will reboot into config ${t.target}`);
      nodeEvent(this.store, node, 'Normal', 'Reboot', `Node will reboot into config ${t.target}`);
      this.store.mutate('nodes', name, (x) => setReady(annotate(x, { state: 'Rebooting' }), false));
      t.phase = 'reboot';
      t.until = now + this.delay('reboot');
      return;
    }
    this.postActions(node, t);
    this.done(node, t);
  }

  private reloaded(node: Obj, t: Task, service: string): void {
    this.phase(node, t.pool, {
      type: 'UpdatePostActionComplete',
      status: 'True',
      reason: 'UpdatePostActionComplete',
      message: `Node has reloaded service ${service}`,
    });
    nodeEvent(this.store, node, 'Normal', 'ServiceReload', `Config changes do not require reboot. Service ${service} was reloaded.`);
    this.log(node.metadata.name, 'I', 'update.go:157', `${service} service reloaded successfully!`);
  }

  private postActions(node: Obj, t: Task): void {
    const name = node.metadata.name;
    if (t.plan.legacy) {
      // performPostConfigChangeAction (no NodeDisruptionPolicy gate).
      const l = t.plan.legacy[0];
      if (l === 'none') {
        nodeEvent(this.store, node, 'Normal', 'SkipReboot', 'Config changes do not require reboot.');
        this.log(name, 'I', 'update.go:311', `Node has Desired Config ${t.target}, skipping reboot`);
      } else if (l === 'reload crio') {
        nodeEvent(this.store, node, 'Normal', 'SkipReboot', 'Config changes do not require reboot. Service crio was reloaded.');
        this.log(
          name,
          'I',
          'update.go:350',
          `crio config reloaded successfully! Desired config ${t.target} has been applied, skipping reboot`,
        );
      } else {
        this.log(
          name,
          'I',
          'update.go:371',
          `crio config restarted successfully! Desired config ${t.target} has been applied, skipping reboot`,
        );
      }
      return;
    }
    for (const a of t.plan.actions) {
      if (a.type === 'Drain') continue;
      this.log(name, 'I', 'update.go:173', `Performing post config change action: ${a.type} for config ${t.target}`);
      if (a.type === 'None') {
        nodeEvent(this.store, node, 'Normal', 'SkipReboot', 'Config changes do not require reboot.');
        this.phase(node, t.pool, {
          type: 'UpdatePostActionComplete',
          status: 'True',
          reason: 'None',
          message: 'Changes do not require a reboot',
        });
        this.log(name, 'I', 'update.go:216', `Node has Desired Config ${t.target}, skipping reboot`);
      } else if (a.type === 'Restart') {
        const svc = a.restart?.serviceName ?? '';
        nodeEvent(this.store, node, 'Normal', 'ServiceRestart', `Config changes do not require reboot. Service ${svc} was restarted.`);
        this.log(name, 'I', 'update.go:247', `${svc} service restarted successfully!`);
      } else if (a.type === 'Reload') this.reloaded(node, t, a.reload?.serviceName ?? '');
      else if (a.type === 'Special') this.reloaded(node, t, 'crio');
      else if (a.type === 'DaemonReload') this.reloaded(node, t, 'daemon-reload');
    }
  }

  private rebooted(node: Obj, t: Task, now: number): void {
    const name = node.metadata.name;
    if (t.reboots > 1) {
      // Back up on the image-mode image; machine-config-daemon-revert.service rebases and reboots once more
      // (MCO:pkg/daemon/runtimeassets/revertservice.go).
      t.reboots--;
      this.store.mutate('nodes', name, (x) => setReady(annotate(x, { state: 'Working' }), true));
      t.phase = 'working';
      t.until = now + this.delay('working');
      return;
    }
    const n = this.store.mutate('nodes', name, (x) => setReady(x, true));
    this.log(name, 'I', 'start.go:68', 'Version: sim (Raw: sim, Hash: sim)');
    this.phase(n ?? node, t.pool, { type: 'RebootedNode', status: 'True', reason: 'RebootedNode', message: 'Node has rebooted' });
    if (this.opts.failures.get(name) === 'ondisk-mismatch' && this.osUpdate(t)) {
      const reason = onDiskDegraded(t.target, t.image, t.fromImage);
      nodeEvent(this.store, node, 'Warning', 'OnDiskStateValidationFailed', reason);
      return this.degrade(node, t, reason);
    }
    this.log(name, 'I', 'daemon.go:2282', 'Validated on-disk state');
    this.done(node, t);
  }

  private done(node: Obj, t: Task): void {
    const name = node.metadata.name;
    this.log(name, 'I', 'daemon.go:2381', `Completing update to target ${t.target}`);
    const n = this.store.mutate('nodes', name, (x) => {
      const spec = { ...(x['spec'] as Record<string, unknown>) };
      delete spec['unschedulable'];
      x['spec'] = spec;
      const a = annotate(x, {
        state: 'Done',
        currentConfig: t.target,
        currentImage: t.image,
        desiredDrain: `uncordon-${t.target}`,
        lastAppliedDrain: `uncordon-${t.target}`,
      });
      delete a.metadata.annotations![`${ANN}reason`];
      return a;
    });
    const cur = n ?? node;
    nodeEvent(this.store, cur, 'Normal', 'NodeDone', `Setting node ${name}, currentConfig ${t.target} to Done`);
    this.phase(cur, t.pool, {
      type: 'Resumed',
      status: 'True',
      reason: 'Resumed',
      message: `In desired config ${t.target}. Resumed normal operations.`,
    });
    this.phase(
      cur,
      t.pool,
      { type: 'UpdateComplete', status: 'True', reason: 'Uncordoned', message: 'Uncordoned Node as part of completing upgrade phase' },
      {
        type: 'Uncordoned',
        status: 'True',
        reason: 'UpdateCompleteUncordoned',
        message: 'UnCordoned node. The node is reporting Unschedulable = false',
      },
    );
    nodeEvent(this.store, cur, 'Normal', 'Uncordon', `Update completed for config ${t.target} and node has been uncordoned`);
    this.phase(cur, t.pool, { type: 'Updated', status: 'True', reason: 'Updated', message: `Node ${name} Updated` });
    this.log(name, 'I', 'daemon.go:2390', `Update completed for config ${t.target} and node has been successfully uncordoned`);
    this.tasks.delete(name);
  }
}

export function annotate(n: Obj, values: Record<string, string>): Obj {
  n.metadata.annotations = { ...(n.metadata.annotations ?? {}) };
  for (const [k, v] of Object.entries(values)) n.metadata.annotations[`${ANN}${k}`] = v;
  return n;
}

export function setReady(n: Obj, ready: boolean): Obj {
  const st = (n['status'] ?? {}) as { conditions?: { type: string; status: string; reason?: string }[] };
  st.conditions = [
    ...(st.conditions ?? []).filter((c) => c.type !== 'Ready'),
    { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'KubeletReady' : 'KubeletNotReady' },
  ];
  n['status'] = st;
  return n;
}

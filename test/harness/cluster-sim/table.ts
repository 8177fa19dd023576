/**
 * Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), so `kubectl get mcp`
 * shows the columns it shows against OpenShift: the CRDs' additionalPrinterColumns and the node
 * printer's STATUS, ROLES, AGE and VERSION.
 */
import type { Obj } from './store';
import type { ResourceDef } from './resources';

type Col = { name: string; type: string; format?: string; priority?: number; cell: (o: Obj) => unknown };

const ANN = 'machineconfiguration.openshift.io/';

function cond(o: Obj, type: string): string {
  return (
    ((o['status'] as { conditions?: { type: string; status: string }[] })?.conditions ?? []).find((c) => c.type === type)?.status ?? ''
  );
}

export function age(ts: unknown, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - Date.parse(String(ts))) / 1000));
  if (!Number.isFinite(s)) return '<unknown>';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

const st = (o: Obj, k: string) => (o['status'] as Record<string, unknown> | undefined)?.[k];
const AGE: Col = { name: 'Age', type: 'date', cell: (o) => age(o.metadata['creationTimestamp']) };

const conds = (o: Obj) =>
  (o['status'] as { conditions?: { type: string; status: string; lastTransitionTime?: string }[] } | undefined)?.conditions ?? [];

/** kubectl's pod STATUS (k8s printers.go printPod): init containers first, then the containers, then the phase. */
function podStatus(o: Obj): string {
  const s = (o['status'] ?? {}) as {
    phase?: string;
    initContainerStatuses?: { state?: Record<string, { reason?: string; exitCode?: number }> }[];
    containerStatuses?: { state?: Record<string, { reason?: string; exitCode?: number }> }[];
  };
  const inits = s.initContainerStatuses ?? [];
  for (const [i, c] of inits.entries()) {
    const t = c.state?.['terminated'];
    if (t && t.exitCode === 0) continue;
    if (t) return `Init:${t.reason || `ExitCode:${t.exitCode}`}`;
    const w = c.state?.['waiting'];
    if (w?.reason && w.reason !== 'PodInitializing') return `Init:${w.reason}`;
    return `Init:${i}/${inits.length}`;
  }
  let reason = s.phase ?? 'Unknown';
  for (const c of s.containerStatuses ?? []) {
    const w = c.state?.['waiting'];
    const t = c.state?.['terminated'];
    if (w?.reason) reason = w.reason;
    else if (t) reason = t.reason || `ExitCode:${t.exitCode}`;
  }
  return reason;
}

function duration(from: unknown, to: string | undefined): string {
  if (!from) return '';
  return age(from, to ? Date.parse(to) : Date.now());
}

const MOSB_COND = (name: string): Col => ({ name, type: 'string', cell: (o) => cond(o, name) });

const COLUMNS: Record<string, Col[]> = {
  // API:machineconfiguration/v1/types_machineosbuild.go printcolumns; the CRD adds Age.
  machineosbuilds: [...['Prepared', 'Building', 'Succeeded', 'Interrupted', 'Failed'].map(MOSB_COND), AGE],
  jobs: [
    {
      name: 'Status',
      type: 'string',
      cell: (o) => {
        const c = conds(o).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
        return c ? c.type : 'Running';
      },
    },
    {
      name: 'Completions',
      type: 'string',
      cell: (o) => `${Number(st(o, 'succeeded') ?? 0)}/${(o['spec'] as { completions?: number })?.completions ?? 1}`,
    },
    {
      name: 'Duration',
      type: 'string',
      cell: (o) =>
        duration(
          st(o, 'startTime'),
          (st(o, 'completionTime') as string | undefined) ?? conds(o).find((c) => c.type === 'Failed')?.lastTransitionTime,
        ),
    },
    AGE,
  ],
  pods: [
    {
      name: 'Ready',
      type: 'string',
      cell: (o) => {
        const cs = ((o['status'] as { containerStatuses?: { ready?: boolean }[] })?.containerStatuses ?? []) as { ready?: boolean }[];
        const total = ((o['spec'] as { containers?: unknown[] })?.containers ?? []).length;
        return `${cs.filter((c) => c.ready).length}/${total}`;
      },
    },
    { name: 'Status', type: 'string', cell: podStatus },
    { name: 'Restarts', type: 'string', cell: () => '0' },
    AGE,
    { name: 'Node', type: 'string', priority: 1, cell: (o) => (o['spec'] as { nodeName?: string })?.nodeName ?? '<none>' },
  ],
  secrets: [
    { name: 'Type', type: 'string', cell: (o) => o['type'] ?? 'Opaque' },
    { name: 'Data', type: 'string', cell: (o) => Object.keys((o['data'] as object | undefined) ?? {}).length },
    AGE,
  ],
  configmaps: [{ name: 'Data', type: 'string', cell: (o) => Object.keys((o['data'] as object | undefined) ?? {}).length }, AGE],
  events: [
    { name: 'Last Seen', type: 'string', cell: (o) => age(o['lastTimestamp'] ?? o.metadata['creationTimestamp']) },
    { name: 'Type', type: 'string', cell: (o) => o['type'] ?? '' },
    { name: 'Reason', type: 'string', cell: (o) => o['reason'] ?? '' },
    {
      name: 'Object',
      type: 'string',
      cell: (o) => {
        const i = (o['involvedObject'] ?? {}) as { kind?: string; name?: string };
        return `${(i.kind ?? '').toLowerCase()}/${i.name ?? ''}`;
      },
    },
    { name: 'Message', type: 'string', cell: (o) => o['message'] ?? '' },
  ],
  machineconfigpools: [
    { name: 'Config', type: 'string', cell: (o) => (st(o, 'configuration') as { name?: string } | undefined)?.name ?? '' },
    { name: 'Updated', type: 'string', cell: (o) => cond(o, 'Updated') },
    { name: 'Updating', type: 'string', cell: (o) => cond(o, 'Updating') },
    { name: 'Degraded', type: 'string', cell: (o) => cond(o, 'Degraded') },
    { name: 'MachineCount', type: 'number', cell: (o) => st(o, 'machineCount') ?? 0 },
    { name: 'ReadyMachineCount', type: 'number', cell: (o) => st(o, 'readyMachineCount') ?? 0 },
    { name: 'UpdatedMachineCount', type: 'number', cell: (o) => st(o, 'updatedMachineCount') ?? 0 },
    { name: 'DegradedMachineCount', type: 'number', cell: (o) => st(o, 'degradedMachineCount') ?? 0 },
    AGE,
  ],
  // API:machineconfiguration/v1/types_machineconfignode.go printcolumns (priority 1: `-o wide`).
  machineconfignodes: [
    { name: 'PoolName', type: 'string', cell: (o) => (o['spec'] as { pool?: { name?: string } })?.pool?.name ?? '' },
    {
      name: 'DesiredConfig',
      type: 'string',
      cell: (o) => (o['spec'] as { configVersion?: { desired?: string } })?.configVersion?.desired ?? '',
    },
    { name: 'CurrentConfig', type: 'string', cell: (o) => (st(o, 'configVersion') as { current?: string } | undefined)?.current ?? '' },
    { name: 'Updated', type: 'string', cell: (o) => cond(o, 'Updated') },
    AGE,
    ...(
      [
        ['UpdatePrepared', 'UpdatePrepared'],
        ['UpdateExecuted', 'UpdateExecuted'],
        ['UpdatePostActionComplete', 'UpdatePostActionComplete'],
        ['UpdateComplete', 'UpdateComplete'],
        ['Resumed', 'Resumed'],
        ['UpdatedFilesAndOS', 'AppliedFilesAndOS'],
        ['CordonedNode', 'Cordoned'],
        ['DrainedNode', 'Drained'],
        ['RebootedNode', 'RebootedNode'],
        ['UncordonedNode', 'Uncordoned'],
      ] as const
    ).map(([name, type]): Col => ({ name, type: 'string', priority: 1, cell: (o) => cond(o, type) })),
  ],
  machineconfigs: [
    { name: 'GeneratedByController', type: 'string', cell: (o) => o.metadata.annotations?.[`${ANN}generated-by-controller-version`] ?? '' },
    {
      name: 'IgnitionVersion',
      type: 'string',
      cell: (o) => (o['spec'] as { config?: { ignition?: { version?: string } } })?.config?.ignition?.version ?? '',
    },
    AGE,
  ],
  nodes: [
    {
      name: 'Status',
      type: 'string',
      cell: (o) =>
        `${cond(o, 'Ready') === 'True' ? 'Ready' : 'NotReady'}${(o['spec'] as { unschedulable?: boolean })?.unschedulable ? ',SchedulingDisabled' : ''}`,
    },
    {
      name: 'Roles',
      type: 'string',
      cell: (o) =>
        Object.keys(o.metadata.labels ?? {})
          .filter((l) => l.startsWith('node-role.kubernetes.io/'))
          .map((l) => l.split('/')[1])
          .sort()
          .join(',') || '<none>',
    },
    AGE,
    {
      name: 'Version',
      type: 'string',
      cell: (o) => (o['status'] as { nodeInfo?: { kubeletVersion?: string } })?.nodeInfo?.kubeletVersion ?? '',
    },
  ],
};

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

export function table(r: ResourceDef, objects: Obj[], resourceVersion: string): unknown {
  // The event printer has no NAME column (k8s printers.go printEvent); every other one starts with it.
  const name: Col[] = r.plural === 'events' ? [] : [{ name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name }];
  const cols: Col[] = [...name, ...(COLUMNS[r.plural] ?? [AGE])];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: cols.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: '',
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => ({
      cells: cols.map((c) => c.cell(o)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

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

const COLUMNS: Record<string, Col[]> = {
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
  const cols: Col[] = [{ name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name }, ...(COLUMNS[r.plural] ?? [AGE])];
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

/**
 * The names in a cluster object's YAML that are other objects, for links in the read-only cluster
 * documents (the way vscode-kubernetes-tools' KubernetesResourceLinkProvider links references):
 * `rendered-<pool>-<hash>` (a pool's spec/status.configuration, a node's current/desired config
 * annotations) is that MachineConfig; a pool's `configuration.source` entries are MachineConfigs;
 * the role label `machineconfiguration.openshift.io/role: <role>` of a MachineConfig and a node's
 * `node-role.kubernetes.io/<role>` label name the pool of that role (MCO's convention: the worker
 * pool selects role worker).
 */
import type { Kind } from './cluster';
import { ROLE_LABEL } from '../../../common/mco';

export interface ObjectLink {
  /** 0-based line and the characters [start, end) the link covers. */
  line: number;
  start: number;
  end: number;
  kind: Extract<Kind, 'machineconfigs' | 'machineconfigpools' | 'nodes'>;
  name: string;
}

/** MCO names rendered configs `rendered-<pool>-<md5 hex>` (render_controller.go getMachineConfigHashedName). */
const RENDERED = /^rendered-[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?-[0-9a-f]{8,64}$/;
/** Runs of name characters; each is checked once from its first `rendered-` (a scan from every start would be quadratic). */
const TOKEN = /[-a-z0-9.]+/g;
const ROLE = new RegExp(`^\\s*["']?${ROLE_LABEL.replace(/[./]/g, '\\$&')}["']?:\\s*["']?([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)["']?\\s*$`);
const NODE_ROLE = /^(\s*["']?node-role\.kubernetes\.io\/)([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)["']?:/;

export function objectLinks(text: string): ObjectLink[] {
  const out: ObjectLink[] = [];
  const lines = text.split('\n');
  for (const [i, l] of lines.entries()) {
    if (/^\s*#/.test(l)) continue; // the header comment names the object itself
    for (const t of l.matchAll(TOKEN)) {
      const at = t[0].indexOf('rendered-');
      if (at < 0 || (at > 0 && t[0][at - 1] !== '-')) continue;
      let end = t[0].length;
      while (end > at && t[0][end - 1] === '.') end--; // a sentence's full stop is not part of the name
      const name = t[0].slice(at, end);
      if (RENDERED.test(name)) out.push({ line: i, start: t.index + at, end: t.index + at + name.length, kind: 'machineconfigs', name });
    }
    const role = ROLE.exec(l);
    if (role) {
      const start = l.lastIndexOf(role[1]!);
      out.push({ line: i, start, end: start + role[1]!.length, kind: 'machineconfigpools', name: role[1]! });
    }
    const nodeRole = NODE_ROLE.exec(l);
    if (nodeRole && nodeRole[2] !== 'control-plane') {
      const start = nodeRole[1]!.length;
      out.push({ line: i, start, end: start + nodeRole[2]!.length, kind: 'machineconfigpools', name: nodeRole[2]! });
    }
    // A pool's configuration.source: `- apiVersion: …` / `kind: MachineConfig` / `name: 00-worker`, in any order.
    const name = /^(\s*(?:- )?)name: (["']?)([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)\2\s*$/.exec(l);
    if (name && !name[3]!.startsWith('rendered-') && isMachineConfigRef(lines, i, name[1]!.length)) {
      const start = name[1]!.length + 'name: '.length + name[2]!.length;
      out.push({ line: i, start, end: start + name[3]!.length, kind: 'machineconfigs', name: name[3]! });
    }
  }
  return out;
}

/** True when line i's mapping (keys at column `col`) is a list item with `kind: MachineConfig` among its keys. */
function isMachineConfigRef(lines: string[], i: number, col: number): boolean {
  const KIND = /^\s*(?:- )?kind: MachineConfig\s*$/;
  const opens = (l: string) => l.slice(col - 2, col) === '- '; // the line that starts the list item
  const sibling = (l: string) => l.length > col && /^\s*$/.test(l.slice(0, col).replace(/- $/, '')) && /^[\w.-]+:/.test(l.slice(col));
  let first = i;
  while (!opens(lines[first]!) && first > 0 && sibling(lines[first - 1]!)) first--;
  if (!opens(lines[first]!)) return false;
  for (let j = first; j < lines.length && (j === first || (sibling(lines[j]!) && !opens(lines[j]!))); j++)
    if (KIND.test(lines[j]!)) return true;
  return false;
}

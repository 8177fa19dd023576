/**
 * "Why is this node degraded?": the node's reason annotation, its MachineConfigNode message, its
 * recent Events, the tail of its daemon log and its pool's condition messages, matched against the
 * failure table. The answer is the cause, the next step, a command to copy and the line that matched.
 */
import { FAILURES } from './failures';
import type { Facts, Failure } from './failures';

export type Where = 'node reason' | 'MachineConfigNode' | 'Event' | 'daemon log' | 'pool';

export interface Findings {
  node: string;
  pool: string;
  /** machineconfiguration.openshift.io/reason */
  reason: string;
  /** The MachineConfigNode's NodeDegraded (or failing phase) message, when the cluster serves MCNs. */
  mcnMessage?: string | undefined;
  /** Newest first. */
  events?: { reason: string; message: string }[];
  /** The daemon log's last lines, oldest first. */
  log?: string[];
  daemonPod?: string | undefined;
  /** The pool's Degraded / RenderDegraded / NodeDegraded messages. */
  poolMessages?: string[];
}

export interface Explanation {
  /** The table entry that matched; undefined when nothing did. */
  id: string | undefined;
  cause: string;
  next: string;
  command: string;
  /** Where the matching text was, and the text (at most 300 characters around the match). */
  evidence: { where: Where; text: string } | undefined;
  /** The node's reason, for the answer's heading (may be empty). */
  reason: string;
}

const MAX_LINE = 300;

function texts(f: Findings): { where: Where; text: string }[] {
  const out: { where: Where; text: string }[] = [];
  if (f.reason) out.push({ where: 'node reason', text: f.reason });
  if (f.mcnMessage) out.push({ where: 'MachineConfigNode', text: f.mcnMessage });
  for (const e of f.events ?? []) out.push({ where: 'Event', text: e.message ? `${e.reason}: ${e.message}` : e.reason });
  // The newest log lines say most about why the daemon stopped.
  for (const l of [...(f.log ?? [])].reverse()) if (l.trim()) out.push({ where: 'daemon log', text: l });
  return out;
}

/** The image a failure names: the manifest that could not be read, or the rebase target. */
export function imageIn(text: string): string | undefined {
  // The manifest that could not be read names exactly what failed; the rebase target comes next.
  const manifest = /reading manifest (\S+) in (\S+?)(?=:\s|\s|$)/.exec(text);
  if (manifest) return manifest[1]!.startsWith('sha256:') ? `${manifest[2]}@${manifest[1]}` : `${manifest[2]}:${manifest[1]}`;
  const rebase = /ostree-unverified-(?:registry|image):(?:docker:\/\/)?(\S+?)(?=:\s|\s|$)/.exec(text);
  if (rebase) return rebase[1];
  const os = /Failed to (?:update OS to|pull OS image) (\S+?)(?=:\s|\s|$)/.exec(text);
  return os?.[1];
}

function excerpt(text: string, at: number): string {
  if (text.length <= MAX_LINE) return text;
  const start = Math.max(0, Math.min(at - 100, text.length - MAX_LINE));
  return `${start ? '…' : ''}${text.slice(start, start + MAX_LINE)}${start + MAX_LINE < text.length ? '…' : ''}`;
}

/** The first failure of the table (most specific first) that any of the texts shows. */
export function explainNode(f: Findings): Explanation {
  // The node's own texts first: the pool's messages quote every degraded node, and another node's
  // failure must not explain this one. They count only when nothing of the node's own matched.
  const own = texts(f);
  const pool = (f.poolMessages ?? []).filter(Boolean).map((text) => ({ where: 'pool' as const, text }));
  for (const all of [own, pool])
    for (const failure of FAILURES)
      for (const t of all) {
        const m = failure.pattern.exec(t.text);
        if (m) return answer(failure, f, t, m, all);
      }
  return {
    id: undefined,
    cause: f.reason
      ? 'No known failure matches this reason; the daemon log around it says more.'
      : 'The node reports no degraded reason, and nothing in its Events or daemon log matches a known failure.',
    next: "Read the node's machine-config-daemon log (Show Daemon Log) and its Events.",
    command: logCommand(f),
    evidence: undefined,
    reason: f.reason,
  };
}

function answer(
  failure: Failure,
  f: Findings,
  t: { where: Where; text: string },
  m: RegExpExecArray,
  all: { where: Where; text: string }[],
): Explanation {
  const captured = [...m].slice(1).reverse().find(Boolean);
  const image = imageIn(t.text) ?? all.map((x) => imageIn(x.text)).find(Boolean);
  const facts: Facts = { node: f.node, pool: f.pool, image, captured, daemonPod: f.daemonPod };
  return {
    id: failure.id,
    cause: failure.cause,
    next: failure.next,
    command: failure.command(facts),
    evidence: { where: t.where, text: excerpt(t.text, m.index) },
    reason: f.reason,
  };
}

function logCommand(f: Findings): string {
  return `oc logs -n openshift-machine-config-operator ${f.daemonPod ?? `<machine-config-daemon pod on ${f.node}>`} -c machine-config-daemon --tail=200`;
}

/** Markdown for a preview: heading, cause, next step, the command in a code block, the evidence quoted. */
export function explanationMarkdown(node: string, e: Explanation): string {
  const esc = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
  const fence = (s: string) => '```sh\n' + s.replace(/```/g, '` ` `') + '\n```';
  return [
    `# Why is ${esc(node)} degraded?`,
    `**Cause:** ${e.cause}`,
    `**Next step:** ${e.next}`,
    '**Command to copy:**',
    fence(e.command),
    ...(e.evidence ? [`**Matched in the ${e.evidence.where}:**`, fence(e.evidence.text)] : []),
    ...(e.reason && e.evidence?.where !== 'node reason' ? ['**Node reason:**', fence(e.reason)] : []),
  ].join('\n\n');
}

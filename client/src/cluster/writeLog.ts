/**
 * The cluster log: every write the extension sends (dry runs included) and every plan, as one line each
 * with time, context, verb, object and result. Pure: the editor glue attaches a sink (a LogOutputChannel).
 * Nothing that looks like a credential gets through: bearer tokens, `token:`/`password:` values,
 * pull-secret `auth` values and kubeconfig key data are hidden before a line is written.
 */
import { redact as redactError } from './errors';

export interface LogSink {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export interface WriteEntry {
  context: string;
  /** create, update, delete, patch, … */
  verb: string;
  /** kind/name, e.g. machineconfigs/99-foo */
  object: string;
  dryRun?: boolean;
  /** "ok" or the error message */
  result: string;
}

/** The text with anything credential-like hidden: errors.ts `redact` (bearer tokens, sha256~ tokens, JWTs, token/password/secret/auth values, URL passwords) and kubeconfig key data and password hashes. */
export function redact(text: string): string {
  return redactError(text).replace(
    /\b(passwordHash|client-key-data|client-certificate-data|id-token|refresh-token)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
    '$1$2<hidden>',
  );
}

const sinks = new Set<LogSink>();

/** Attach a sink; returns the detach function. */
export function attachClusterLog(sink: LogSink): () => void {
  sinks.add(sink);
  return () => sinks.delete(sink);
}

function emit(level: keyof LogSink, line: string, now: Date): void {
  const text = `${now.toISOString()} ${redact(line)}`;
  for (const s of sinks) s[level](text);
}

/** One write: "2026-… context=prod verb=create object=machineconfigs/99-foo dry-run result=ok". */
export function logWrite(e: WriteEntry, now = new Date()): void {
  const line = `context=${e.context} verb=${e.verb} object=${e.object}${e.dryRun ? ' dry-run' : ''} result=${e.result.replace(/\s+/g, ' ')}`;
  emit(e.result === 'ok' ? 'info' : 'warn', line, now);
}

/** A plan shown before a write: its lines and where the policies came from. */
export function logPlan(context: string, verb: string, object: string, lines: string[], source: string, now = new Date()): void {
  emit('info', `context=${context} verb=plan-${verb} object=${object} policies="${source}" plan="${lines.join(' | ')}"`, now);
}

/** A node whose MachineConfigNode disagrees with the plan. */
export function logMismatch(context: string, node: string, text: string, now = new Date()): void {
  emit('warn', `context=${context} verb=compare object=nodes/${node} result=plan mismatch: ${text}`, now);
}

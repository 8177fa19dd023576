/**
 * Container logs (`GET /api/v1/namespaces/<ns>/pods/<pod>/log`): plain text, as the kubelet serves them,
 * with `container`, `follow`, `tailLines`, `sinceSeconds`, `sinceTime`, `timestamps` and `limitBytes`.
 * A follow stream ends when the container ends or the pod is deleted.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, Obj } from './store';

interface Line {
  at: number;
  text: string;
}
interface Log {
  lines: Line[];
  ended: boolean;
}

export class Logs extends EventEmitter {
  private readonly logs = new Map<string, Log>();

  constructor() {
    super();
    this.setMaxListeners(0);
  }

  private static key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  /** Opens a container's log (the container has started). */
  open(ns: string, pod: string, container: string): void {
    this.logs.set(Logs.key(ns, pod, container), { lines: [], ended: false });
  }

  write(ns: string, pod: string, container: string, text: string): void {
    const k = Logs.key(ns, pod, container);
    const log = this.logs.get(k);
    if (!log || log.ended) return;
    const line = { at: Date.now(), text };
    log.lines.push(line);
    this.emit(k, line);
  }

  /** The container has exited: follow streams end. */
  end(ns: string, pod: string, container: string): void {
    const k = Logs.key(ns, pod, container);
    const log = this.logs.get(k);
    if (!log || log.ended) return;
    log.ended = true;
    this.emit(k, null);
  }

  /** The pod is gone: its logs too. */
  drop(ns: string, pod: string): void {
    for (const k of [...this.logs.keys()])
      if (k.startsWith(`${ns}/${pod}/`)) {
        this.end(...(k.split('/') as [string, string, string]));
        this.logs.delete(k);
      }
  }

  text(ns: string, pod: string, container: string): string {
    return (this.logs.get(Logs.key(ns, pod, container))?.lines ?? []).map((l) => l.text + '\n').join('');
  }

  /** Serves one log request for `pod` (already read from the store). */
  serve(pod: Obj, url: URL, req: IncomingMessage, res: ServerResponse): void {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    const spec = (pod['spec'] ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
    const containers = (spec.containers ?? []).map((c) => c.name);
    const inits = (spec.initContainers ?? []).map((c) => c.name);
    let container = url.searchParams.get('container') ?? '';
    if (!container) {
      if (containers.length === 1 && inits.length === 0) container = containers[0]!;
      else
        throw new ApiError(
          400,
          'BadRequest',
          `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]` +
            (inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''),
        );
    }
    if (!containers.includes(container) && !inits.includes(container))
      throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    const k = Logs.key(ns, name, container);
    const log = this.logs.get(k);
    if (!log) throw new ApiError(400, 'BadRequest', `container "${container}" in pod "${name}" is waiting to start: PodInitializing`);
    const num = (p: string) => {
      const v = url.searchParams.get(p);
      if (v === null) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0)
        throw new ApiError(400, 'BadRequest', `${p} must be a non-negative integer, not ${JSON.stringify(v)}`);
      return n;
    };
    const tail = num('tailLines');
    const sinceSeconds = num('sinceSeconds');
    const limitBytes = num('limitBytes');
    const sinceTimeParam = url.searchParams.get('sinceTime');
    const sinceTime = sinceTimeParam === null ? undefined : Date.parse(sinceTimeParam);
    if (sinceTime !== undefined && !Number.isFinite(sinceTime))
      throw new ApiError(400, 'BadRequest', `sinceTime must be an RFC 3339 time, not ${JSON.stringify(sinceTimeParam)}`);
    if (sinceTime !== undefined && sinceSeconds !== undefined)
      throw new ApiError(
        422,
        'Invalid',
        'PodLogOptions "" is invalid: sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
      );
    const since = sinceTime ?? (sinceSeconds !== undefined ? Date.now() - sinceSeconds * 1000 : -Infinity);
    const stamps = url.searchParams.get('timestamps') === 'true';
    const follow = url.searchParams.get('follow') === 'true';
    let lines = log.lines.filter((l) => l.at >= since);
    if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    let sent = 0;
    const out = (l: Line): boolean => {
      let s = (stamps ? new Date(l.at).toISOString().replace('Z', '000000Z') + ' ' : '') + l.text + '\n';
      if (limitBytes !== undefined && sent + Buffer.byteLength(s) > limitBytes)
        s = Buffer.from(s)
          .subarray(0, limitBytes - sent)
          .toString();
      sent += Buffer.byteLength(s);
      res.write(s);
      return limitBytes === undefined || sent < limitBytes;
    };
    for (const l of lines) if (!out(l)) return void res.end();
    if (!follow || log.ended) return void res.end();
    res.flushHeaders();
    const on = (l: Line | null) => {
      if (l === null || !out(l)) stop();
    };
    const stop = () => {
      this.off(k, on);
      res.end();
    };
    this.on(k, on);
    req.on('close', stop);
  }
}

/**
 * One watch request, done here rather than with client-node's Watch (which drops a line that does
 * not parse and so loses the event): each newline-terminated line is one event. A line that does not
 * parse, or a stream that ends mid-line, broke inside an event: the caller resumes from the last
 * resourceVersion delivered, and the server sends that event again. An ERROR event means something
 * may be lost, and the caller relists. Deadlines: the answer's headers within `headersMs`, then no silence longer than
 * `silenceMs` (bookmarks are requested, so a live stream is never quiet for long).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { Cluster, Obj } from './cluster';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StreamOptions {
  path: string;
  resourceVersion: string;
  timeoutSeconds: number;
  headersMs: number;
  silenceMs: number;
  /** Aborting it ends the watch ('ended'). */
  signal: AbortSignal;
}

/**
 * How a watch ended: the server closed it cleanly, the resourceVersion is gone (410), it broke inside an event (resume
 * from the last version delivered), or we must relist.
 */
export type StreamEnd = { end: 'ended' | 'expired' | 'resume' | 'relist'; why: string; healthy: boolean };

/** A watch answered with something else than 200: the status and what the server said, for explainError. */
export class WatchHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`the watch was answered ${statusCode}`);
  }
}

export async function watchStream(
  cluster: Cluster,
  o: StreamOptions,
  on: { event(type: EventType | 'BOOKMARK', obj: Obj): void; open(): void },
): Promise<StreamEnd> {
  const url = new URL(cluster.server.replace(/\/$/, '') + o.path);
  for (const [k, v] of Object.entries({ watch: 'true', allowWatchBookmarks: 'true', timeoutSeconds: String(o.timeoutSeconds) }))
    url.searchParams.set(k, v);
  if (o.resourceVersion) url.searchParams.set('resourceVersion', o.resourceVersion);
  const opts: https.RequestOptions = { headers: {} };
  await cluster.kc.applyToHTTPSOptions(opts);
  const handle = cluster.request();
  return new Promise<StreamEnd>((resolve, reject) => {
    let socket: Socket | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    let healthy = false;
    const finish = (r: StreamEnd | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The watcher's signal lives as long as the watcher: one listener per watch request would pile up.
      for (const sig of [handle.signal, o.signal]) sig.removeEventListener('abort', stopped);
      handle.done();
      req.destroy();
      socket?.destroy(); // an aborted request can leave its socket to the agent, mid-handshake
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    const deadline = (ms: number, what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(Object.assign(new Error(what), { code: 'ETIMEDOUT' })), ms);
    };
    const req = (url.protocol === 'http:' ? http : https).request(url, { ...opts, method: 'GET' });
    req.on('socket', (s) => (socket = s));
    req.on('error', (e) => finish(e));
    const stopped = () => finish({ end: 'ended', why: 'stopped', healthy });
    for (const sig of [handle.signal, o.signal]) sig.addEventListener('abort', stopped, { once: true });
    if (handle.signal.aborted || o.signal.aborted) finish({ end: 'ended', why: 'stopped', healthy });
    deadline(o.headersMs, `no answer within ${o.headersMs / 1000} s`);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body = (body + d).slice(0, 4096)));
        res.on('end', () => finish(new WatchHttpError(res.statusCode ?? 0, body, retryAfter(res.headers['retry-after']))));
        return;
      }
      on.open();
      deadline(o.silenceMs, `no event or bookmark for ${o.silenceMs / 1000} s: the watch is dead`);
      const decoder = new StringDecoder('utf8');
      let partial = '';
      res.on('data', (chunk: Buffer) => {
        deadline(o.silenceMs, `no event or bookmark for ${o.silenceMs / 1000} s: the watch is dead`);
        const lines = (partial + decoder.write(chunk)).split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          if (settled) return;
          if (!line.trim()) continue;
          const r = oneLine(line, (t, x) => on.event(t, x));
          if (r) return finish({ ...r, healthy });
          healthy = true;
        }
      });
      res.on('end', () =>
        finish(
          partial.trim() ? { end: 'resume', why: 'the stream ended inside an event', healthy } : { end: 'ended', why: 'closed', healthy },
        ),
      );
      res.on('error', (e) => finish(e));
      res.on('aborted', () => finish(Object.assign(new Error('the watch stream was cut'), { code: 'ECONNRESET' })));
    });
    req.end();
  });
}

/** Delivers one line; says why the watch must end when it cannot be trusted. */
function oneLine(line: string, event: (type: EventType | 'BOOKMARK', obj: Obj) => void): Omit<StreamEnd, 'healthy'> | undefined {
  let e: { type?: string; object?: Obj & { code?: number; message?: string } };
  try {
    e = JSON.parse(line) as typeof e;
  } catch {
    return { end: 'resume', why: 'a line of the watch did not parse' };
  }
  const obj = e.object;
  if (e.type === 'ERROR') {
    if (obj?.code === 410) return { end: 'expired', why: obj.message ?? '410 Gone' };
    return { end: 'relist', why: `the server sent an error event (${obj?.code ?? '?'}): ${obj?.message ?? ''}` };
  }
  if (!obj?.metadata) return { end: 'relist', why: 'a watch event without an object' };
  if (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED' || e.type === 'BOOKMARK') event(e.type, obj);
  return undefined;
}

function retryAfter(h: string | string[] | undefined): number | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.min(300, Math.max(0, s)) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.min(300_000, Math.max(0, at - Date.now()));
}

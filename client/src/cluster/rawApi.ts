/**
 * GETs the generated client does not cover well, with the connection's credentials and TLS: API discovery,
 * MachineConfigNodes of either version, a node's Events by field selector, builds' pods, and plain-text
 * streams (`pods/log?follow=true`) read chunk by chunk with a deadline on silence. Every request is
 * closed by cluster.close(). `getJsonRaw` rejects with WatchHttpError (status and body) for callers that
 * act on a status; `getJson` rejects with a ClusterError that says what to do.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { Cluster } from './cluster';
import { explainError } from './errors';
import { WatchHttpError } from './watchStream';

export interface GetOptions {
  /** The answer's headers within this long, else an ETIMEDOUT error. */
  headersMs: number;
  /** Streams only: no data for this long ends it with an ETIMEDOUT error (a half-open connection). */
  silenceMs?: number;
  signal?: AbortSignal;
  /** Streams the body to `data` instead of collecting it. */
  data?(text: string): void;
  /** The server answered 200: a stream is open. */
  opened?(): void;
}

/** How a GET ended: the body (when not streamed), or 'aborted' when the signal stopped it. */
export type GetEnd = { end: 'done'; body: string } | { end: 'aborted' };

const MAX_BODY = 16 * 1024 * 1024;

export async function rawGet(cluster: Cluster, path: string, o: GetOptions): Promise<GetEnd> {
  const url = new URL(cluster.server.replace(/\/$/, '') + path);
  const opts: https.RequestOptions = { headers: {} };
  await cluster.kc.applyToHTTPSOptions(opts);
  const handle = cluster.request();
  return new Promise<GetEnd>((resolve, reject) => {
    let socket: Socket | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (r: GetEnd | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const sig of [handle.signal, o.signal]) sig?.removeEventListener('abort', stopped);
      handle.done();
      req.destroy();
      socket?.destroy();
      if (r instanceof Error) reject(r);
      else resolve(r);
    };
    const deadline = (ms: number | undefined, what: string) => {
      clearTimeout(timer);
      if (ms !== undefined) timer = setTimeout(() => finish(Object.assign(new Error(what), { code: 'ETIMEDOUT' })), ms);
    };
    const req = (url.protocol === 'http:' ? http : https).request(url, { ...opts, method: 'GET' });
    req.on('socket', (s) => (socket = s));
    req.on('error', (e) => finish(e));
    const stopped = () => finish({ end: 'aborted' });
    for (const sig of [handle.signal, o.signal]) sig?.addEventListener('abort', stopped, { once: true });
    if (handle.signal.aborted || o.signal?.aborted) finish({ end: 'aborted' });
    deadline(o.headersMs, `no answer within ${o.headersMs / 1000} s`);
    req.on('response', (res) => {
      const decoder = new StringDecoder('utf8');
      let body = '';
      const ok = res.statusCode === 200;
      const silence = `no data for ${(o.silenceMs ?? 0) / 1000} s: the stream is dead`;
      deadline(ok && o.data ? o.silenceMs : o.headersMs, silence);
      if (ok) o.opened?.();
      res.on('data', (chunk: Buffer) => {
        const text = decoder.write(chunk);
        if (ok && o.data) {
          deadline(o.silenceMs, silence);
          if (text) o.data(text);
        } else if (body.length < MAX_BODY) body += text;
      });
      res.on('end', () => {
        if (!ok) return finish(new WatchHttpError(res.statusCode ?? 0, body.slice(0, 4096), retryAfterMs(res.headers['retry-after'])));
        const rest = decoder.end();
        if (o.data) {
          if (rest) o.data(rest);
          finish({ end: 'done', body: '' });
        } else finish({ end: 'done', body: body + rest });
      });
      res.on('error', (e) => finish(e));
      res.on('aborted', () => finish(Object.assign(new Error('the stream was cut'), { code: 'ECONNRESET' })));
    });
    req.end();
  });
}

/** A GET of JSON; a non-200 answer rejects with WatchHttpError, for callers that act on the status (404: gone). */
export async function getJsonRaw<T>(cluster: Cluster, path: string, signal?: AbortSignal): Promise<T> {
  const r = await rawGet(cluster, path, { headersMs: cluster.timeoutMs, ...(signal ? { signal } : {}) });
  if (r.end === 'aborted') throw Object.assign(new Error('cancelled'), { code: 'ECANCELED' });
  return JSON.parse(r.body) as T;
}

/** `path?query`, the query's values encoded. */
export function withQuery(path: string, query: Record<string, string>): string {
  const q = new URLSearchParams(query).toString();
  return q ? `${path}${path.includes('?') ? '&' : '?'}${q}` : path;
}

/** A GET of JSON whose failure is a ClusterError saying what to do (`action`: what we were doing, for the sentence). */
export async function getJson<T>(
  cluster: Cluster,
  path: string,
  query: Record<string, string>,
  action: string,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await getJsonRaw<T>(cluster, withQuery(path, query), signal);
  } catch (e) {
    throw explainError(e, { server: cluster.server, context: cluster.context, action });
  }
}

function retryAfterMs(h: string | string[] | undefined): number | undefined {
  const v = Number(Array.isArray(h) ? h[0] : h);
  return Number.isFinite(v) && v > 0 ? Math.min(300, v) * 1000 : undefined;
}

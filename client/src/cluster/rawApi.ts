/**
 * GET requests to any API path with the connection's credentials, for what the generated client
 * does not cover well: MachineConfigNodes of either version, a node's Events by field selector, and
 * pod logs as a stream. Each request has the connection's deadline (headers, for a stream) and is
 * aborted with the connection. Failures are ClusterErrors that say what to do.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Cluster } from './cluster';
import { explainError } from './errors';

function urlOf(cluster: Cluster, path: string, query: Record<string, string>): URL {
  const url = new URL(cluster.server.replace(/\/$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

/** An HTTP status other than 200, shaped as client-node's ApiException so explainError reads it. */
class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`the API server answered ${code}`);
  }
}

/**
 * Opens a GET and resolves with the 200 response (its body not yet read). `signal` ends it early;
 * the connection's close() does too. The caller reads the body and calls `done()`.
 */
export async function open(
  cluster: Cluster,
  path: string,
  query: Record<string, string>,
  action: string,
  signal?: AbortSignal,
): Promise<{ res: IncomingMessage; done(): void }> {
  const url = urlOf(cluster, path, query);
  const opts: https.RequestOptions = { headers: { Accept: 'application/json' } };
  await cluster.kc.applyToHTTPSOptions(opts);
  const handle = cluster.request(cluster.timeoutMs);
  const stop = () => req.destroy(new Error('aborted'));
  const req = (url.protocol === 'http:' ? http : https).request(url, { ...opts, method: 'GET' });
  signal?.addEventListener('abort', stop, { once: true });
  handle.signal.addEventListener('abort', stop, { once: true });
  const done = () => {
    signal?.removeEventListener('abort', stop);
    handle.signal.removeEventListener('abort', stop);
    handle.done();
    req.destroy();
  };
  try {
    return await new Promise((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        if (res.statusCode === 200) {
          // Past the headers: the deadline is the caller's now (a followed log may stay open for hours).
          handle.done();
          return resolve({ res, done });
        }
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body = (body + d).slice(0, 4096)));
        res.on('end', () => reject(new StatusError(res.statusCode ?? 0, body)));
        res.on('error', reject);
      });
      if (signal?.aborted || handle.signal.aborted) stop();
      req.end();
    });
  } catch (e) {
    const late = handle.timedOut();
    done();
    if (late)
      throw explainError(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' }), {
        server: cluster.server,
        context: cluster.context,
        action,
      });
    throw explainError(e, { server: cluster.server, context: cluster.context, action });
  }
}

/** GET as JSON, whole, within the connection's deadline. */
export async function getJson<T>(cluster: Cluster, path: string, query: Record<string, string>, action: string): Promise<T> {
  const r = await open(cluster, path, query, action);
  const handle = cluster.request(cluster.timeoutMs);
  try {
    const text = await new Promise<string>((resolve, reject) => {
      let body = '';
      r.res.setEncoding('utf8');
      r.res.on('data', (d: string) => (body += d));
      r.res.on('end', () => resolve(body));
      r.res.on('error', reject);
      handle.signal.addEventListener('abort', () => reject(new Error('the answer did not arrive in time')), { once: true });
    });
    return JSON.parse(text) as T;
  } catch (e) {
    throw explainError(e, { server: cluster.server, context: cluster.context, action });
  } finally {
    handle.done();
    r.done();
  }
}

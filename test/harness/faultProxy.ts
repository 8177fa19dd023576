/**
 * An HTTPS proxy on 127.0.0.1 between the cluster module and the simulator that injects one fault
 * at a time: cut streams, truncated JSON lines, 500/503/429/401 answers, 410 in the stream, stalls,
 * refused connections. It uses the simulator's certificate, so clients verify TLS as usual. Every
 * fault ends by itself; stop() closes everything.
 */
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind = 'cut' | 'truncate' | '500' | '503' | '429' | '401' | '410' | 'stall' | 'refuse';
export const FAULT_KINDS: FaultKind[] = ['cut', 'truncate', '500', '503', '429', '401', '410', 'stall', 'refuse'];

export interface FaultProxy {
  url: string;
  /** Requests the proxy received, and connections it refused (each would have been a request). */
  requests(): number;
  /**
   * Starts a fault; it ends after `ms` (or at once for 'cut'). Resolves when it has ended. Answers
   * (500, 503, 429, 401, 410) and refusals first cut the open streams; a stall leaves them open and silent.
   */
  fault(kind: FaultKind, ms: number): Promise<void>;
  stop(): Promise<void>;
}

const status = (code: number, reason: string) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `injected ${code}`, reason, code });

export async function startFaultProxy(target: string, tls: { key: string; cert: string }): Promise<FaultProxy> {
  let active: FaultKind | null = null;
  let count = 0;
  const streams = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const stalled = new Set<ServerResponse>();
  /** Streams a stall made half-open: they stay open and silent until the client gives up on them. */
  const frozen = new Set<ServerResponse>();

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    // Watches and followed logs are the streams a fault cuts.
    const watch = /[?&](?:watch|follow)=(true|1)(&|$)/.test(req.url ?? '');
    const up = https.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers, ca: tls.cert }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      if (!watch) return void r.pipe(res);
      res.flushHeaders();
      streams.add(res);
      res.on('close', () => (streams.delete(res), frozen.delete(res), up.destroy()));
      let partial = '';
      r.setEncoding('utf8');
      r.on('data', (d: string) => {
        const lines = (partial + d).split('\n');
        partial = lines.pop()!;
        for (const l of lines) {
          if (frozen.has(res)) continue; // half-open: the socket stays up, nothing arrives, ever
          // A truncated line: half an event, then the stream goes on as if nothing happened.
          if (active === 'truncate' && l.includes('"MODIFIED"')) res.write(l.slice(0, l.length >> 1) + '\n');
          else res.write(l + '\n');
        }
      });
      r.on('end', () => res.end());
      r.on('error', () => res.destroy());
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  };

  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    count++;
    const watch = /[?&]watch=(true|1)(&|$)/.test(req.url ?? '');
    if (active === '500' || active === '503' || active === '429' || active === '401') {
      const code = Number(active);
      res.writeHead(code, { 'Content-Type': 'application/json', ...(code === 503 || code === 429 ? { 'Retry-After': '1' } : {}) });
      const reasons: Record<number, string> = {
        401: 'Unauthorized',
        429: 'TooManyRequests',
        503: 'ServiceUnavailable',
        500: 'InternalError',
      };
      const reason = reasons[code]!;
      return void res.end(status(code, reason));
    }
    if (active === 'stall') return void stalled.add(res);
    if (active === '410' && watch) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ type: 'ERROR', object: JSON.parse(status(410, 'Expired')) as unknown }) + '\n');
    }
    forward(req, res);
  });
  server.on('connection', (s: Socket) => {
    if (active === 'refuse') return void (count++, s.destroy()); // a refused attempt counts as a request
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `https://127.0.0.1:${port}`,
    requests: () => count,
    async fault(kind, ms) {
      // An outage starts by breaking the open streams, so that every watch has to come back through it.
      if (kind !== 'truncate' && kind !== 'stall') for (const r of streams) r.destroy();
      if (kind === 'cut') return;
      if (kind === 'stall') for (const r of streams) frozen.add(r);
      active = kind;
      await new Promise((r) => setTimeout(r, ms));
      active = null;
      for (const r of stalled) r.destroy();
      stalled.clear();
    },
    stop() {
      active = null;
      for (const r of [...streams, ...stalled, ...frozen]) r.destroy();
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * An HTTPS proxy on 127.0.0.1 in front of the simulator that holds back the requests whose path
 * matches a pattern (a slow list of one kind) until release(); everything else goes through at once.
 * It uses the simulator's certificate, so clients verify TLS as usual.
 */
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HoldProxy {
  url: string;
  /** Requests held back right now. */
  held(): number;
  /** Lets the held requests (and every later one) through. */
  release(): void;
  stop(): Promise<void>;
}

export async function startHoldProxy(target: string, tls: { key: string; cert: string }, hold: RegExp): Promise<HoldProxy> {
  let holding = true;
  const waiting: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const up = https.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers, ca: tls.cert }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      res.flushHeaders();
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  };
  const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    if (holding && hold.test(new URL(req.url ?? '/', target).pathname)) waiting.push(() => forward(req, res));
    else forward(req, res);
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => waiting.length,
    release() {
      holding = false;
      for (const go of waiting.splice(0)) go();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A corporate HTTP proxy in miniature: answers CONNECT host:port by opening a tunnel, and nothing
 * else. It listens on 127.0.0.1 and only ever connects to 127.0.0.1: a name it is given (`hosts`) is
 * resolved to 127.0.0.1 by the proxy itself, as a real proxy resolves names the client cannot.
 * Every CONNECT target it saw is kept, so a test can tell traffic went through it.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The `host:port` of every CONNECT, in order. */
  connects: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(hosts: readonly string[] = []): Promise<ConnectProxy> {
  const connects: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('this proxy only tunnels (CONNECT)\n');
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const m = /^(.+):(\d+)$/.exec(target);
    const host = m?.[1];
    if (!m || !host || !(host === '127.0.0.1' || hosts.includes(host))) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(m[2]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server on 127.0.0.1 that accepts TCP connections and never says a word: a hung API server, a black-holing proxy. */
import * as net from 'node:net';

export interface SilentServer {
  port: number;
  /** Connections open right now. */
  sockets(): number;
  close(): Promise<void>;
}

export async function silentServer(): Promise<SilentServer> {
  const open = new Set<net.Socket>();
  const server = net.createServer((s) => {
    open.add(s);
    s.on('error', () => undefined);
    s.resume(); // read and drop what the client sends, so its FIN is seen and 'close' comes
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets: () => open.size,
    close: () => {
      for (const s of open) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

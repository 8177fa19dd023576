/** A real LSP client over stdio against the built server (dist/server.js). */
import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ConfigurationRequest,
} from 'vscode-languageserver-protocol/node';

import { ServerStatusNotification, type ServerStatus } from '../../common/protocol';

export const SERVER = path.resolve(__dirname, '..', '..', 'dist', 'server.js');

export interface Session {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** Resolves with the next publishDiagnostics for `uri` whose version is `version` (or any when omitted). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  settings: Record<string, unknown>;
  /** Every rhcosLayering/status notification so far, oldest first. */
  statuses: ServerStatus[];
  /** Resolves with the first status (already received or next) that satisfies `pred`. */
  status(pred: (s: ServerStatus) => boolean): Promise<ServerStatus>;
  /** How many publishDiagnostics each URI received. */
  published: Map<string, number>;
  close(): Promise<void>;
}

export async function start(settings: Record<string, unknown> = {}, initializationOptions?: Record<string, unknown>): Promise<Session> {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const statusWaiters: { pred: (s: ServerStatus) => boolean; resolve: (s: ServerStatus) => void }[] = [];
  const session: Session = {
    conn,
    proc,
    settings,
    statuses: [],
    status(pred) {
      const seen = session.statuses.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching status; got ${JSON.stringify(session.statuses)}`)), 10_000);
        statusWaiters.push({
          pred,
          resolve: (x) => {
            clearTimeout(timer);
            resolve(x);
          },
        });
      });
    },
    published: new Map(),
    diagnostics(uri, version) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 10_000);
        waiters.push({
          uri,
          version,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    async close() {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      conn.dispose();
      proc.kill();
    },
  };
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    session.published.set(p.uri, (session.published.get(p.uri) ?? 0) + 1);
    const i = waiters.findIndex((w) => w.uri === p.uri && (w.version === undefined || w.version === p.version));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(p);
  });
  conn.onNotification(ServerStatusNotification.method, (p: ServerStatus) => {
    session.statuses.push(p);
    for (let i = statusWaiters.length - 1; i >= 0; i--) if (statusWaiters[i]!.pred(p)) statusWaiters.splice(i, 1)[0]!.resolve(p);
  });
  conn.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((it) => (it.section === 'rhcosLayering' ? session.settings : null)),
  );
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    ...(initializationOptions ? { initializationOptions } : {}),
  });
  await conn.sendNotification('initialized', {});
  return session;
}

/** A diagnostic's message as text (LSP 3.18 allows MarkupContent; our server sends plain strings). */
export function messageText(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/**
 * VS Code glue. Activation only schedules the language client (dist/lspClient.js, loaded on the
 * next tick), so VS Code is never blocked on loading it. All judgement lives in the server.
 */
import * as path from 'node:path';
import { appendFile } from 'node:fs';
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

declare const __rhcosLoadStart: number | undefined;
let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const activateStart = performance.now();
  let activateMs = NaN;
  setImmediate(() => {
    const started = performance.now();
    // A runtime path keeps the client library out of this bundle.
    const lsp = require(path.join(__dirname, 'lspClient.js')) as typeof import('./lspClient');
    client = lsp.startClient(context);
    const t = {
      loadMs: round(typeof __rhcosLoadStart === 'number' ? activateStart - __rhcosLoadStart : NaN),
      activateMs: round(activateMs),
      clientLoadMs: round(performance.now() - started),
    };
    client.outputChannel.appendLine(`activation: loading ${t.loadMs} ms, activate() ${t.activateMs} ms; language client loaded after activation in ${t.clientLoadMs} ms`);
    const file = process.env.RHCOS_LAYERING_TIMING_FILE;
    if (file) appendFile(file, JSON.stringify(t) + '\n', () => undefined);
  });
  activateMs = performance.now() - activateStart;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Starts the language client and sends it the cluster facts. Loaded after activation so that activating stays cheap. */
import * as path from 'node:path';
import { extensions, window, workspace } from 'vscode';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, NotificationType, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { ClusterFactsNotification, DocumentRoleNotification, ServerStatusNotification } from '../../common/protocol';
import type { ParamsOf } from '../../common/protocol';
import { SHOW_RULE_DOC } from '../../common/commands';
import { createStatusItems } from './features/languageStatus';
import { documentRoles } from './features/documentRoles';

const clusterFacts = new NotificationType<ParamsOf<typeof ClusterFactsNotification>>(ClusterFactsNotification.method);
const serverStatus = new NotificationType<ParamsOf<typeof ServerStatusNotification>>(ServerStatusNotification.method);
const documentRole = new NotificationType<ParamsOf<typeof DocumentRoleNotification>>(DocumentRoleNotification.method);

export function startClient(context: ExtensionContext, outputChannel: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    outputChannel,
    documentSelector: [{ language: 'dockerfile' }, { pattern: '**/{Containerfile,Containerfile.*,*.containerfile}' }, { language: 'yaml' }],
    synchronize: {
      configurationSection: 'rhcosLayering',
      // Cross-file rules follow Containerfiles and YAML files changed outside the editor.
      fileEvents: workspace.createFileSystemWatcher(
        '**/{*.yaml,*.yml,Containerfile,Containerfile.*,*.containerfile,Dockerfile,Dockerfile.*}',
      ),
    },
    // With redhat.vscode-yaml active, it validates files matching our yamlValidation globs against
    // our schemas; the server then leaves YAML syntax and schema errors there to it.
    initializationOptions: {
      yamlExtensionActive: extensions.getExtension('redhat.vscode-yaml') !== undefined,
      // This client runs the "Show documentation for <rule>" code action's command.
      ruleDocCommand: SHOW_RULE_DOC,
    },
  };
  const client = new LanguageClient('rhcosLayering', 'RHCOS Layering', serverOptions, clientOptions);
  const status = createStatusItems();
  const roles = documentRoles();
  context.subscriptions.push(
    client,
    status,
    client.onNotification(serverStatus, (s) => status.update(s)),
    // Keyed by path: `resourcePath in rhcosLayering.layeringFiles` (the workbench's `resource` is a vscode-remote: URI in remote windows).
    client.onNotification(documentRole, (r) => roles.update({ ...r, uri: client.protocol2CodeConverter.asUri(r.uri).path })),
  );
  client.start().catch((e: unknown) => {
    void window.showErrorMessage(
      `RHCOS Layering: the language server did not start: ${e instanceof Error ? e.message : String(e)}. Check the "RHCOS Layering" output channel.`,
    );
  });
  return client;
}

/** Sends the connected cluster's facts (null when disconnected) to the server's cluster-aware rules. */
export function sendClusterFacts(client: LanguageClient, facts: ParamsOf<typeof ClusterFactsNotification>): Promise<void> {
  return client.sendNotification(clusterFacts, facts);
}

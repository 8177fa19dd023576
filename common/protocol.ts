/**
 * The language server protocol extensions client and server share (as vscode-eslint's
 * customMessages.ts and rust-analyzer's lsp_ext.ts do). Plain descriptors, free of any LSP library:
 * vscode-languageclient and vscode-languageserver pin different protocol versions, so each side
 * makes its own library's `NotificationType` from the descriptor (`new NotificationType<ParamsOf<N>>(N.method)`).
 */

/** What the cluster-aware rules know of the cluster the editor is connected to. */
export interface ClusterFacts {
  context: string;
  /** `baseOSContainerImage` from ConfigMap machine-config-osimageurl. */
  baseImage?: string | undefined;
  ocpVersion?: string | undefined;
  pools?: string[] | undefined;
}

export interface NotificationDescriptor<P> {
  readonly method: string;
  /** Carries the parameter type only; never set. */
  readonly params?: P;
}
export type ParamsOf<N> = N extends NotificationDescriptor<infer P> ? P : never;

/** Client → server: the connected cluster's facts, or null when disconnected. */
export const ClusterFactsNotification: NotificationDescriptor<ClusterFacts | null> = { method: 'rhcosLayering/clusterFacts' };

/** What the language status item shows: the OpenShift version the rules read, where it came from, and whether the workspace is being indexed. */
export interface ServerStatus {
  /** The version the rules read: the setting's, else the connected cluster's, else the assumed newest. */
  ocpVersion: string;
  from: 'setting' | 'cluster' | 'assumed';
  /** The connected cluster's context, when there is one. */
  context: string | null;
  /** The workspace scan for cross-file rules is running. */
  indexing: boolean;
}

/** Server → client: sent after initialization and whenever one of its fields changes. */
export const ServerStatusNotification: NotificationDescriptor<ServerStatus> = { method: 'rhcosLayering/status' };

/** What the server made of an open document, for the editor's context keys (Build only on layering Containerfiles, Apply only on MachineConfigs). */
export interface DocumentRole {
  uri: string;
  /** A Containerfile the rules apply to (not an application image's). */
  layeringContainerfile: boolean;
  /** YAML with at least one MachineConfig document. */
  machineConfig: boolean;
}

/** Server → client: sent when a document's role changes, and with both false when it closes. */
export const DocumentRoleNotification: NotificationDescriptor<DocumentRole> = { method: 'rhcosLayering/documentRole' };

/**
 * The network settings the API calls use (VS Code's http.proxy and http.noProxy, and
 * rhcosLayering.certificateAuthority), and *Choose CA File…* on a TLS failure, which sets the CA
 * for this machine. The connection starts over when any of them changes.
 */
import { ConfigurationTarget, window, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import { ClusterError } from '../cluster/errors';
import type { NetworkSettings } from '../cluster/network';
import { plain } from '../../../common/plainText';
import { showError } from './notify';

export const CHOOSE_CA = 'Choose CA File…';
const KEYS = ['http.proxy', 'http.noProxy', 'rhcosLayering.certificateAuthority'];

export function networkSettings(): NetworkSettings {
  const http = workspace.getConfiguration('http');
  return {
    httpProxy: http.get<string>('proxy', '') || undefined,
    noProxy: http.get<string[]>('noProxy', []),
    certificateAuthority: workspace.getConfiguration('rhcosLayering').get<string>('certificateAuthority', '') || undefined,
  };
}

export function onNetworkSettingsChanged(f: () => void): Disposable {
  return workspace.onDidChangeConfiguration((e) => {
    if (KEYS.some((k) => e.affectsConfiguration(k))) f();
  });
}

/** Asks for a PEM file and puts it in rhcosLayering.certificateAuthority (machine scope): true when one was chosen. */
export async function chooseCaFile(): Promise<boolean> {
  const uri = await window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Use this CA',
    title: 'The CA certificate (PEM) that signed the API server or registry certificate',
    filters: { 'PEM certificates': ['pem', 'crt', 'cer'], 'All files': ['*'] },
  });
  if (!uri?.[0]) return false;
  await workspace.getConfiguration('rhcosLayering').update('certificateAuthority', uri[0].fsPath, ConfigurationTarget.Global);
  return true;
}

/** An error notification; a TLS failure also offers Choose CA File… (the connection then starts over by itself). */
export async function showClusterError(e: unknown): Promise<void> {
  const message = `RHCOS Layering: ${plain(e instanceof Error ? e.message : String(e))}`;
  if (!(e instanceof ClusterError && e.kind === 'tls' && !/plain http:\/\//.test(e.message))) {
    await showError(message);
    return;
  }
  if ((await showError(message, CHOOSE_CA)) === CHOOSE_CA) await chooseCaFile();
}

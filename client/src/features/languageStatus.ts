/**
 * The language status items of Containerfiles and MachineConfig YAML: the OpenShift version the rules
 * read and where it came from, and the connected cluster. Fed by the server's rhcosLayering/status.
 */
import { languages, LanguageStatusSeverity } from 'vscode';
import type { Disposable, DocumentSelector } from 'vscode';
import type { ServerStatus } from '../../../common/protocol';

const SELECTOR: DocumentSelector = [{ language: 'dockerfile' }, { language: 'yaml' }];

export interface StatusItems extends Disposable {
  update(s: ServerStatus): void;
}

export function createStatusItems(): StatusItems {
  const version = languages.createLanguageStatusItem('rhcosLayering.ocpVersion', SELECTOR);
  version.name = 'RHCOS Layering: OpenShift version';
  version.command = { title: 'Set OpenShift Version…', command: 'rhcosLayering.setOcpVersion' };
  version.text = 'OpenShift …';
  version.busy = true;
  const cluster = languages.createLanguageStatusItem('rhcosLayering.cluster', SELECTOR);
  cluster.name = 'RHCOS Layering: cluster';
  cluster.command = { title: 'Select Cluster Context…', command: 'rhcosLayering.selectContext' };
  cluster.text = 'No cluster';
  return {
    update(s) {
      const v = describeVersion(s);
      version.text = v.text;
      version.detail = v.detail;
      version.severity = v.warn ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
      version.busy = s.indexing;
      cluster.text = s.context ? `$(server-environment) ${s.context}` : 'No cluster';
      cluster.detail = s.context ? 'cluster-aware rules use its base image and pools' : 'cluster-aware rules are off';
    },
    dispose() {
      version.dispose();
      cluster.dispose();
    },
  };
}

/** Text and detail of the version item; `warn` when the version is assumed, not known. */
export function describeVersion(s: ServerStatus): { text: string; detail: string; warn: boolean } {
  const indexing = s.indexing ? ' · indexing the workspace' : '';
  if (s.from === 'setting') return { text: `OpenShift ${s.ocpVersion}`, detail: `from the setting${indexing}`, warn: false };
  if (s.from === 'cluster') return { text: `OpenShift ${s.ocpVersion}`, detail: `from cluster ${s.context ?? ''}${indexing}`, warn: false };
  return {
    text: `OpenShift ${s.ocpVersion} (assumed)`,
    detail: `no version set: version rules judge for the newest${indexing}`,
    warn: true,
  };
}

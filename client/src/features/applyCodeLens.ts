/**
 * "Apply to pool worker (12 nodes)" above a MachineConfig in a workspace file, behind
 * `rhcosLayering.codeLens.apply` (on by default: it appears on MachineConfig files only, never on other
 * YAML, and the setting turns it off, the complaint of vscode-yaml#887 about lenses that cannot be).
 * It runs Apply MachineConfig, which dry-runs and asks before anything is written. No lens in
 * Restricted Mode. The pools come from the Rollouts model when it has them; no lens connects.
 */
import { CodeLens, EventEmitter, languages, Range, workspace } from 'vscode';
import type { CodeLensProvider, Disposable, Event, TextDocument } from 'vscode';
import { applyLens } from '../cluster/applyLens';
import type { Connection } from './clusterConnection';
import type { RolloutsView } from './rolloutsView';

const SETTING = 'rhcosLayering.codeLens.apply';
/** The tree changes with every node update during a rollout: lenses are recomputed at most this often. */
const THROTTLE_MS = 2000;

export class ApplyCodeLens implements CodeLensProvider, Disposable {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly registrations: Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly view: () => RolloutsView,
    treeChanged: Event<unknown>,
  ) {
    this.registrations = [
      languages.registerCodeLensProvider({ language: 'yaml', scheme: 'file' }, this),
      workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTING) && this.changed.fire()),
      treeChanged(() => this.soon()),
      connection.connector.onDidChange(() => this.soon()),
    ];
  }

  private soon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, THROTTLE_MS);
  }

  provideCodeLenses(doc: TextDocument): CodeLens[] {
    if (!workspace.isTrusted || !workspace.getConfiguration('rhcosLayering').get<boolean>('codeLens.apply', true)) return [];
    const c = this.connection.connector.peek();
    const pools = c ? [...this.view().model.pools.values()] : [];
    const lens = applyLens(doc.getText(), pools.length ? pools : undefined, c?.context);
    if (!lens) return [];
    return [
      new CodeLens(new Range(lens.line, 0, lens.line, 0), {
        title: lens.title,
        tooltip: lens.tooltip,
        command: 'rhcosLayering.applyMachineConfig',
        arguments: [doc.uri],
      }),
    ];
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const r of this.registrations) r.dispose();
    this.changed.dispose();
  }
}

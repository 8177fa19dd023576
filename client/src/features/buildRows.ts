/**
 * The image-mode rows of the Rollouts view: under a layered pool, its MachineOSConfig, and under that its
 * builds (newest first) with phase, duration and failure message. Fed by BuildFeed, which watches only
 * where the cluster serves MachineOSBuilds; pools of older clusters get no such rows.
 */
import { MarkdownString, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState } from 'vscode';
import { BuildFeed } from '../cluster/buildFeed';
import { duration } from '../cluster/builds';
import type { BuildChange, BuildPhase, BuildView } from '../cluster/builds';
import type { ClusterSource } from '../cluster/rolloutFeed';

export type MoscElement = { kind: 'mosc'; pool: string };
export type MosbElement = { kind: 'mosb'; name: string; pool: string };

const PHASE_ICON: Record<BuildPhase, [string, string]> = {
  Pending: ['clock', 'charts.yellow'],
  Building: ['sync~spin', 'charts.blue'],
  Succeeded: ['pass', 'testing.iconPassed'],
  Failed: ['error', 'problemsErrorIcon.foreground'],
  Interrupted: ['debug-stop', 'problemsWarningIcon.foreground'],
};

export class BuildRows {
  readonly feed: BuildFeed;
  private readonly moscEls = new Map<string, MoscElement>();
  private readonly mosbEls = new Map<string, MosbElement>();

  constructor(
    source: ClusterSource,
    /** Rows to refresh: the pools whose image mode changed (with their MOSC rows), or everything. */
    refresh: (pools: string[] | undefined, rows: MoscElement[]) => void,
    /** Builds that finished while watched, for notifications. */
    finished: (b: BuildView[]) => void,
  ) {
    this.feed = new BuildFeed(source, {
      changed: (c: BuildChange) => {
        const pools = [...c.pools].filter(Boolean);
        refresh(
          pools,
          pools.flatMap((p) => (this.moscEls.has(p) ? [this.moscEls.get(p)!] : [])),
        );
        if (c.finished.length) finished(c.finished);
      },
      reset: () => refresh(undefined, []),
    });
  }

  start(): void {
    void this.feed.start();
  }

  restart(): void {
    this.moscEls.clear();
    this.mosbEls.clear();
    this.feed.restart();
  }

  /** The MOSC row of a layered pool (first under the pool), or nothing. */
  poolChildren(pool: string): MoscElement[] {
    if (!this.feed.model.moscOf(pool)) return [];
    let e = this.moscEls.get(pool);
    if (!e) this.moscEls.set(pool, (e = { kind: 'mosc', pool }));
    return [e];
  }

  moscChildren(e: MoscElement): MosbElement[] {
    return this.feed.model.buildsOf(e.pool).map((b) => {
      let x = this.mosbEls.get(b.name);
      if (!x) this.mosbEls.set(b.name, (x = { kind: 'mosb', name: b.name, pool: e.pool }));
      return x;
    });
  }

  /** "building", "build failed", or undefined (the pool row shows its rollout progress). */
  poolState(pool: string): string | undefined {
    return this.feed.model.poolBuildState(pool);
  }

  moscItem(e: MoscElement): TreeItem {
    const m = this.feed.model.moscOf(e.pool);
    const t = new TreeItem(`MachineOSConfig ${m?.name ?? e.pool}`, TreeItemCollapsibleState.Collapsed);
    t.id = `mosc/${e.pool}`;
    const builds = this.feed.model.buildsOf(e.pool);
    const state = this.poolState(e.pool);
    t.description = [state ?? (m?.currentImage ? 'image built' : ''), `${builds.length} build${builds.length === 1 ? '' : 's'}`]
      .filter(Boolean)
      .join(' · ');
    t.iconPath = new ThemeIcon('package');
    t.tooltip = new MarkdownString(
      [
        `**MachineOSConfig ${m?.name ?? e.pool}** (pool ${e.pool})`,
        `Push spec: \`${m?.pushSpec ?? ''}\``,
        `Current image: \`${m?.currentImage ?? '(none yet)'}\``,
        `Current build: \`${m?.currentBuild ?? '(none yet)'}\``,
      ].join('\n\n'),
    );
    t.contextValue = 'mosc';
    return t;
  }

  mosbItem(e: MosbElement): TreeItem {
    const b = this.feed.model.builds.get(e.name);
    const t = new TreeItem(e.name, TreeItemCollapsibleState.None);
    t.id = `mosb/${e.name}`;
    if (!b) return t;
    const d = duration(b);
    t.description = [b.phase, d, b.message].filter(Boolean).join(' · ');
    const [icon, color] = PHASE_ICON[b.phase];
    t.iconPath = new ThemeIcon(icon, new ThemeColor(color));
    t.tooltip = new MarkdownString(
      [
        `**MachineOSBuild ${b.name}**: ${b.phase}${d ? ` (${d})` : ''}`,
        b.message ? `Failure: ${b.message}` : '',
        `Job: \`${b.job}\` in openshift-machine-config-operator`,
        b.image ? `Image: \`${b.image}\`` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    t.contextValue = b.phase === 'Failed' || b.phase === 'Interrupted' ? 'mosb.failed' : 'mosb';
    t.command = { command: 'rhcosLayering.showBuildLog', title: 'Show Build Log', arguments: [e] };
    return t;
  }

  dispose(): void {
    this.feed.dispose();
  }
}

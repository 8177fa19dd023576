/**
 * The Rollouts tree: pools, then a MachineConfigs group and the pool's nodes. Fed by watches; only
 * the items that changed are refreshed, in batches: node rows within FLUSH_MS of their change, pool
 * rows at most every POOL_FLUSH_MS (VS Code re-reads an expanded element's children when it is
 * refreshed: 2,000 node rows for a worker pool), so a 2,000-node rollout neither floods the view nor
 * lags behind it.
 */
import {
  commands,
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
  window,
  workspace,
} from 'vscode';
import type { Disposable } from 'vscode';
import { showError } from './notify';
import { nodeTooltip } from '../cluster/nodeSummary';
import { describeFilter, matches, type NodeFilter } from '../cluster/nodeFilter';
import type { Kind } from '../cluster/cluster';
import type { Change, NodeView, PoolView, RolloutModel } from '../cluster/rollout';
import { RolloutFeed } from '../cluster/rolloutFeed';
import { viewStateOf } from '../cluster/viewState';
import { readOnlyMessage } from '../cluster/access';
import { ViewStates } from './viewStates';
import { onView } from './viewProgress';
import type { ViewFacts } from './viewStates';
import type { Connection } from './clusterConnection';
import { ROLLOUTS_VIEW } from '../../../common/commands';
import { BuildRows } from './buildRows';
import type { MosbElement, MoscElement } from './buildRows';
import { announceBuilds } from './buildNotifications';
import { plain } from '../../../common/plainText';
import { phaseLabel, phaseMarkdown } from '../cluster/machineConfigNodes';
import type { McnView } from '../cluster/machineConfigNodes';
import { nodeEvents, timelineMarkdown } from '../cluster/nodeEvents';
import { planMismatches } from '../cluster/plan/prepared';
import { mark } from '../cluster/marks';

export type Element =
  | { kind: 'pool'; name: string }
  | { kind: 'node'; name: string }
  | { kind: 'mcs'; pool: string }
  | { kind: 'mc'; name: string; pool: string; osImageURL: string | undefined; ours: boolean }
  | MoscElement
  | MosbElement;

export interface RolloutSummary {
  notDone: number;
  nodes: number;
  context: string | undefined;
  server: string | undefined;
  /** The filter in effect, in words (empty when none). */
  filter: string;
  /** The identity may take no write action (access reviews). */
  readOnly: boolean;
}

/** What the view needs of its TreeView: the message line, and reveal for the notifications' actions. */
export interface RolloutsUi {
  message(text: string | undefined): void;
  reveal(e: Element): Thenable<void>;
}

const FLUSH_MS = 80;
const POOL_FLUSH_MS = 500;
const POOL_ORDER = (a: string, b: string) =>
  a === 'master' ? -1 : b === 'master' ? 1 : a === 'worker' ? -1 : b === 'worker' ? 1 : a.localeCompare(b);

export class RolloutsView implements Disposable {
  private readonly feed: RolloutFeed;
  /** Image mode (MachineOSConfig and its builds), where the cluster serves it. */
  readonly builds: BuildRows;
  private readonly elements = new Map<string, Element>();
  private readonly pending = new Set<Element>();
  /** Pool rows to refresh for their counts and state only (their children unchanged): the slow lane. */
  private readonly pendingPools = new Set<Element>();
  private timer: NodeJS.Timeout | undefined;
  private poolTimer: NodeJS.Timeout | undefined;
  private lastSummary = '';
  private root = false;
  private filter: NodeFilter = {};
  private readonly states: ViewStates;
  private readonly accessSub: { dispose(): void };
  /** For measurements: when each flush happened and how many items it refreshed. */
  readonly flushes: { at: number; items: number }[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly changed: EventEmitter<Element | Element[] | undefined | void>,
    /** The view's badge and description: nodes not Done, and the context the rows come from. */
    private readonly summary: (s: RolloutSummary) => void = () => undefined,
    private readonly ui?: RolloutsUi,
  ) {
    this.states = new ViewStates(
      () => this.facts(),
      (m) => this.ui?.message(m),
    );
    this.accessSub = connection.onAccess(() => {
      this.summarize();
      this.states.update();
    });
    this.feed = new RolloutFeed(connection.connector, {
      changed: (c, kind) => this.apply(c, kind),
      reset: () => this.refreshAll(),
      // Rows are re-made for the new cluster: a pool of the same name is a new row, so the root is re-read when it appears.
      restarted: () => this.elements.clear(),
      // A node's MachineConfigNode phase arrived or changed: its row (when shown) is redrawn.
      phases: (names) => {
        for (const n of names) if (this.elements.has(`node/${n}`)) this.pending.add(this.node(n));
        this.schedule();
      },
    });
    this.builds = new BuildRows(
      connection.connector,
      (pools, rows) => {
        if (!pools) return this.refreshAll();
        for (const p of pools) this.pending.add(this.pool(p));
        for (const r of rows) this.pending.add(r);
        this.schedule();
      },
      (finished) => announceBuilds(finished, this.builds.feed),
    );
  }

  get model(): RolloutModel {
    return this.feed.model;
  }

  /** Pre-pull progress per pool ("pre-pulled 2/3"), shown on its row while Pre-pull Image to Pool runs. */
  private readonly prepull = new Map<string, string>();
  setPrepull(pool: string, text: string | undefined): void {
    if (text === undefined) this.prepull.delete(pool);
    else this.prepull.set(pool, text);
    this.pending.add(this.pool(pool));
    this.schedule();
  }

  private el<E extends Element>(key: string, make: () => E): E {
    let e = this.elements.get(key);
    if (!e) this.elements.set(key, (e = make()));
    return e as E;
  }

  private pool(name: string) {
    return this.el(`pool/${name}`, () => ({ kind: 'pool' as const, name }));
  }
  private node(name: string) {
    return this.el(`node/${name}`, () => ({ kind: 'node' as const, name }));
  }
  private mcs(pool: string) {
    return this.el(`mcs/${pool}`, () => ({ kind: 'mcs' as const, pool }));
  }

  private refreshAll(): void {
    this.root = true;
    this.schedule();
  }

  private apply(c: Change, kind: Kind): void {
    if (kind === 'machineconfigpools') this.connection.poolsChanged([...this.model.pools.keys()]);
    // A node's own change shows on its row; its pool's row reads the pool object, which has its own events.
    if (kind !== 'nodes') for (const p of c.pools) this.pendingPools.add(this.pool(p));
    for (const p of c.structure) {
      this.pending.add(this.pool(p));
      this.pending.add(this.mcs(p));
    }
    for (const n of c.nodes) if (this.elements.has(`node/${n}`)) this.pending.add(this.node(n));
    // A filter by state: a node that changed may now belong in its pool's list, or not.
    if (this.filter.only && c.nodes.size) for (const p of this.model.pools.keys()) this.pendingPools.add(this.pool(p));
    if (c.structure.size && [...c.structure].some((p) => !this.elements.has(`pool/${p}`))) this.root = true;
    const notify = c.transitions.length ? workspace.getConfiguration('rhcosLayering').get<string>('poolNotifications', 'all') : 'all';
    for (const t of c.transitions) {
      if (notify === 'off' || (notify === 'degraded' && t.to === 'Updated')) continue;
      // A layered pool that finished rolling out says which built image its nodes now run.
      const built = t.to === 'Updated' ? this.builds.feed.model.moscOf(t.pool)?.currentImage : undefined;
      if (t.to === 'Updated')
        void window.showInformationMessage(
          `RHCOS Layering: ${plain(t.message)}${built ? ` The nodes run the built image ${plain(built)}.` : ''}`,
        );
      else {
        const pool = t.pool;
        const node = this.model.nodesOf(pool).find((n) => /Degraded|Unreconcilable/.test(this.model.node(n)?.state ?? ''));
        void showError(`RHCOS Layering: ${plain(t.message)}`, 'Show Failing Node', ...(node ? ['Why?'] : [])).then((x) =>
          x === 'Why?' ? commands.executeCommand('rhcosLayering.explainNode', node) : x ? this.revealFailing(pool) : undefined,
        );
      }
    }
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
    if (this.pendingPools.size) this.poolTimer ??= setTimeout(() => this.flushPools(), POOL_FLUSH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    this.summarize();
    this.states.update();
    if (this.root) {
      this.root = false;
      this.pending.clear();
      this.pendingPools.clear();
      this.flushes.push({ at: Date.now(), items: -1 });
      this.changed.fire(undefined);
      return;
    }
    if (!this.pending.size) return;
    const items = [...this.pending];
    this.pending.clear();
    // A pool refreshed now for its children is refreshed for its counts too.
    for (const e of items) this.pendingPools.delete(e);
    this.flushes.push({ at: Date.now(), items: items.length });
    this.changed.fire(items);
  }

  private flushPools(): void {
    this.poolTimer = undefined;
    if (!this.pendingPools.size) return;
    const items = [...this.pendingPools];
    this.pendingPools.clear();
    this.flushes.push({ at: Date.now(), items: items.length });
    this.changed.fire(items);
  }

  private summarize(): void {
    const c = this.connection.connector.peek();
    const s: RolloutSummary = {
      notDone: this.model.notDone(),
      nodes: this.model.nodes.size,
      context: c?.context,
      server: c?.server,
      filter: describeFilter(this.filter),
      readOnly: this.connection.access?.readOnly ?? false,
    };
    // The badge and description cross to the workbench only when they change.
    const key = JSON.stringify(s);
    if (key === this.lastSummary) return;
    this.lastSummary = key;
    this.summary(s);
  }

  private facts(): ViewFacts {
    const { state, detail } = viewStateOf({
      connectError: this.feed.error ? { kind: this.feed.errorKind, message: this.feed.error } : undefined,
      poolsKnown: this.model.pools.size > 0,
      pools: this.feed.states.get('machineconfigpools'),
    });
    const c = this.connection.connector.peek();
    return {
      state,
      detail,
      down: this.feed.down(),
      readOnly: this.connection.access?.readOnly && c ? readOnlyMessage(c.context) : undefined,
    };
  }

  /** The "pool degraded" notification's action: the view shows, with the pool's first failing node selected. */
  async revealFailing(pool: string): Promise<void> {
    await commands.executeCommand(`${ROLLOUTS_VIEW}.focus`);
    const nodes = this.model.nodesOf(pool);
    const failing =
      nodes.find((n) => this.model.node(n)?.state === 'Unreconcilable') ?? nodes.find((n) => this.model.node(n)?.state === 'Degraded');
    const target = failing ? this.node(failing) : this.pool(pool);
    // A filter that hides the node would make reveal fail: show it anyway, with the filter cleared.
    if (failing && !matches(this.filter, failing, this.model.node(failing)))
      await commands.executeCommand('rhcosLayering.clearRolloutsFilter');
    await this.ui?.reveal(target);
  }

  getParent(e: Element): Element | undefined {
    if (e.kind === 'node') {
      const p = this.model.poolName(e.name);
      return p ? this.pool(p) : undefined;
    }
    if (e.kind === 'mcs') return this.pool(e.pool);
    if (e.kind === 'mc') return this.mcs(e.pool);
    if (e.kind === 'mosc') return this.pool(e.pool);
    if (e.kind === 'mosb') return this.builds.poolChildren(e.pool)[0];
    return undefined;
  }

  /** Shows only the nodes the filter lets through (pools and their counts stay). */
  setFilter(f: NodeFilter): void {
    this.filter = f;
    this.refreshAll();
  }

  refresh(): void {
    this.feed.restart();
    this.builds.restart();
  }

  async getChildren(e?: Element): Promise<Element[]> {
    if (!workspace.isTrusted) return [];
    if (!e) {
      // Connecting shows on the view itself, not only in a toast.
      await onView(() => this.feed.start());
      this.builds.start();
      this.states.update();
      // No pools yet (connecting, or an error): the welcome content of that state, with its buttons.
      if (this.model.pools.size === 0) return [];
      mark('view-pools');
      return [...this.model.pools.keys()].sort(POOL_ORDER).map((p) => this.pool(p));
    }
    if (e.kind === 'pool')
      return [
        ...this.builds.poolChildren(e.name),
        this.mcs(e.name),
        ...this.model
          .nodesOf(e.name)
          .filter((n) => matches(this.filter, n, this.model.node(n)))
          .map((n) => this.node(n)),
      ];
    if (e.kind === 'mcs')
      return this.model
        .machineConfigsOf(e.pool)
        .map((m) => this.el(`mc/${e.pool}/${m.name}/${m.osImageURL ?? ''}`, () => ({ kind: 'mc' as const, pool: e.pool, ...m })));
    if (e.kind === 'mosc') return this.builds.moscChildren(e);
    return [];
  }

  getTreeItem(e: Element): TreeItem {
    if (e.kind === 'pool')
      return stale(
        withBuild(withBuild(poolItem(this.model.pool(e.name), e.name), this.builds.poolState(e.name)), this.prepull.get(e.name)),
        this.feed.stale(),
      );
    if (e.kind === 'mosc') return this.builds.moscItem(e);
    if (e.kind === 'mosb') return this.builds.mosbItem(e);
    if (e.kind === 'node') return stale(nodeItem(this.model.node(e.name), e.name, this.feed.phase(e.name)), this.feed.stale());
    if (e.kind === 'mcs') {
      const n = this.model.machineConfigsOf(e.pool).length;
      const t = new TreeItem('MachineConfigs', TreeItemCollapsibleState.Collapsed);
      t.id = `mcs/${e.pool}`;
      t.description = String(n);
      t.iconPath = new ThemeIcon('files');
      return t;
    }
    const t = new TreeItem(e.name, TreeItemCollapsibleState.None);
    t.id = `mc/${e.pool}/${e.name}`;
    t.description = e.osImageURL ? `osImageURL ${e.osImageURL}` : '';
    t.iconPath = new ThemeIcon(e.osImageURL ? 'layers' : 'file-code');
    t.tooltip = new MarkdownString(
      `**${e.name}**${e.ours ? ' (applied from this extension)' : ''}\n\nosImageURL: \`${e.osImageURL ?? '(not set)'}\``,
    );
    t.contextValue = e.osImageURL ? 'mc.osImage' : 'mc';
    t.command = { command: 'rhcosLayering.openMachineConfig', title: 'Open MachineConfig', arguments: [e.name] };
    return t;
  }

  /** A node's tooltip gets its Events timeline when it is about to show: one request for that node, none for the 2,000 others. */
  async resolveTreeItem(item: TreeItem, e: Element): Promise<TreeItem> {
    const c = this.connection.connector.peek();
    if (e.kind !== 'node' || !c || !(item.tooltip instanceof MarkdownString)) return item;
    let timeline: string;
    try {
      timeline = timelineMarkdown(await nodeEvents(c, e.name, 8));
    } catch (err) {
      timeline = `_Events could not be read: ${escapeMd(plain(err instanceof Error ? err.message : String(err)))}_`;
    }
    item.tooltip = new MarkdownString(`${item.tooltip.value}\n\n**Events**\n\n${timeline}`);
    return item;
  }

  dispose(): void {
    this.feed.dispose();
    this.builds.dispose();
    this.states.dispose();
    this.accessSub.dispose();
    if (this.timer) clearTimeout(this.timer);
    if (this.poolTimer) clearTimeout(this.poolTimer);
  }
}

/** A layered pool whose image is being built, or failed to build, says so before its rollout progress. */
function withBuild(t: TreeItem, state: string | undefined): TreeItem {
  if (state) t.description = `${state} · ${typeof t.description === 'string' ? t.description : ''}`;
  return t;
}

/** Rows the watches cannot vouch for right now say so, and lose their state colour. */
function stale(t: TreeItem, isStale: boolean): TreeItem {
  if (!isStale) return t;
  t.description = `${typeof t.description === 'string' ? t.description : ''} · stale`;
  if (t.iconPath instanceof ThemeIcon) t.iconPath = new ThemeIcon(t.iconPath.id, new ThemeColor('disabledForeground'));
  return t;
}

const POOL_ICON: Record<PoolView['state'], [string, string]> = {
  Updated: ['pass', 'testing.iconPassed'],
  Updating: ['sync~spin', 'charts.blue'],
  Degraded: ['error', 'problemsErrorIcon.foreground'],
  Paused: ['debug-pause', 'problemsWarningIcon.foreground'],
};

function poolItem(v: PoolView | undefined, name: string): TreeItem {
  const t = new TreeItem(name, TreeItemCollapsibleState.Collapsed);
  t.id = `pool/${name}`;
  if (!v) return t;
  t.description = `${v.updated}/${v.total} · ${v.state}${v.paused && v.state !== 'Paused' ? ' · paused' : ''}`;
  const [icon, color] = POOL_ICON[v.state];
  t.iconPath = new ThemeIcon(icon, new ThemeColor(color));
  t.tooltip = new MarkdownString(
    [
      `**Pool ${name}**: ${v.state}`,
      `${v.updated} of ${v.total} nodes updated, ${v.unavailable} unavailable, ${v.degraded} degraded`,
      `Target: \`${v.target || '(none)'}\``,
      v.message ? `\n${v.message}` : '',
    ].join('\n\n'),
  );
  t.contextValue = v.paused ? 'pool.paused' : 'pool';
  return t;
}

const NODE_ICON: Record<NodeView['state'], [string, string]> = {
  Done: ['check', 'testing.iconPassed'],
  Working: ['sync~spin', 'charts.blue'],
  Rebooting: ['debug-restart', 'charts.yellow'],
  Degraded: ['warning', 'problemsErrorIcon.foreground'],
  Unreconcilable: ['error', 'problemsErrorIcon.foreground'],
};

/**
 * What other parts tell about a node row. `mismatch`: the plan of the last write against the node's
 * MachineConfigNode UpdatePrepared (the row is redrawn when its MachineConfigNode changes).
 */
export const nodeRowHooks: { mismatch: (node: string) => string | undefined } = { mismatch: (n) => planMismatches.mismatch(n) };

const escapeMd = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');

function nodeItem(v: NodeView | undefined, name: string, phase: McnView | undefined): TreeItem {
  const t = new TreeItem(name, TreeItemCollapsibleState.None);
  t.id = `node/${name}`;
  if (!v) return t;
  const busy = phase && phase.phase !== 'Updated' && phase.phase !== 'Idle' && phase.phase !== 'NodeDegraded';
  const moving = busy ? ` · ${phaseLabel(phase)}` : v.currentConfig !== v.desiredConfig ? ' · updating' : '';
  const mismatch = nodeRowHooks.mismatch(name);
  t.description = `${v.state}${v.cordoned ? ' · cordoned' : ''}${moving}${mismatch ? ' · plan mismatch' : ''}`;
  const [icon, color] = NODE_ICON[v.state];
  t.iconPath = new ThemeIcon(icon, new ThemeColor(color));
  const md = new MarkdownString(
    nodeTooltip(name, v) + (phase ? `\n\n${phaseMarkdown(phase)}` : '') + (mismatch ? `\n\n**Plan mismatch:** ${escapeMd(mismatch)}` : ''),
  );
  t.tooltip = md;
  t.contextValue = v.state === 'Degraded' || v.state === 'Unreconcilable' ? 'node.degraded' : 'node';
  return t;
}

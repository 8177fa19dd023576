/**
 * The Rollouts view on a 2,000-node cluster (the simulator, 2,000 workers and 3 masters) in a real VS Code
 * (the packaged .vsix in code-server, headless Chromium), as an admin sees it:
 * - the badge on the RHCOS Layering icon counts the nodes not Done: none before a rollout, up while the
 *   workers roll, gone again once every node is Done;
 * - Filter Rollouts… "Only nodes not Done" and "Only degraded nodes" (a node whose image pull fails,
 *   injected) list only those nodes under the pool, and the view's description names the filter;
 * - the filter is kept for the workspace across a window reload; Clear Rollouts Filter lists every node again.
 * Waits are generous: 2,000 nodes on a loaded two-core machine. SCREENSHOTS=1 also writes the README's picture.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { activityBadge, treeRows, viewDescription, viewMessage } from '../harness/workbench';
import type { Simulator } from '../harness/cluster-sim/main';
import { startSession, SHOTS, readmeScreenshot } from '../harness/e2eSession';
import type { Session } from '../harness/e2eSession';

const WORKERS = 2000;
const NODES = WORKERS + 3;
const STATE = 'machineconfiguration.openshift.io/state';
let s: Session;
let sim: Simulator;
let page: Page;

before(async () => {
  s = await startSession({ name: 'scale', cluster: { nodes: { master: 3, worker: WORKERS }, speed: 10 } });
  ({ sim, page } = s);
});

after(async () => {
  await s?.stop();
});

/** The nodes the simulator has not Done (updating, rebooting or degraded), by name. */
const notDoneOnCluster = () =>
  sim.store
    .list('nodes')
    .filter((n) => (n.metadata.annotations?.[STATE] ?? 'Done') !== 'Done')
    .map((n) => n.metadata.name)
    .sort();

/** The worker node rows the tree shows (it renders the rows in sight; a filtered list fits). */
const workerRows = async () => (await treeRows(page)).filter((r) => /^worker-\d+ /.test(r));
const names = (rows: string[]) => rows.map((r) => r.split(' ')[0]!).sort();

/** The badge's count, from the tooltip on the icon ("n of 2003 nodes not Done"); 0 when there is no badge. */
async function badgeCount(snapshot?: { text: string; title: string }): Promise<number> {
  const b = snapshot ?? (await activityBadge(page));
  if (!b.text) return 0;
  const m = new RegExp(`(\\d+) of ${NODES} nodes not Done`).exec(b.title);
  assert.ok(m, `the badge "${b.text}" says what it counts: ${b.title}`);
  return Number(m[1]);
}

/** Clicks an action in the Rollouts title bar (the container's, while Rollouts is its only view). */
async function titleAction(title: string): Promise<void> {
  const sel = (where: string) => `.part.sidebar ${where} .action-label[aria-label^="${title}"]`;
  const action = page.locator(`${sel('.title-actions')}, ${sel('.pane-header')}`).first();
  await action.waitFor({ timeout: 20_000 });
  await action.click();
}

async function filterBy(choice: 'Only nodes not Done' | 'Only degraded nodes'): Promise<void> {
  await titleAction('Filter Rollouts…');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: choice }).first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Expands the worker pool (a click on its row) unless its nodes are already listed. */
async function expandWorkers(): Promise<void> {
  await s.until(
    'the worker pool expanded',
    async () => {
      const rows = await treeRows(page);
      const i = rows.findIndex((r) => /^worker \d+\/\d+/.test(r));
      if (i < 0) return false;
      const expanded = await s
        .pane()
        .locator('.monaco-list-row', { hasText: /^\s*worker\s*\d/ })
        .first()
        .getAttribute('aria-expanded');
      if (expanded === 'true') return true;
      await s
        .pane()
        .locator('.monaco-list-row', { hasText: /^\s*worker\s*\d/ })
        .first()
        .click();
      await page.waitForTimeout(1000);
      return false;
    },
    120_000,
  );
}

/** Reloads the window: the side bar comes back with the Rollouts view (or its icon opens it), and its pools. */
async function reloadWindow(): Promise<void> {
  await s.reload();
  const icon = page.locator('.activitybar .action-item .action-label[aria-label^="RHCOS Layering"]');
  await s.until(
    'the Rollouts view back after the reload',
    async () => {
      // A click on the icon of the container already shown would close the side bar: only when it is not shown.
      const shown =
        (await page.locator('.activitybar .action-item.checked .action-label[aria-label^="RHCOS Layering"]').count()) > 0 &&
        (await page.locator('.part.sidebar').isVisible());
      if (!shown) {
        await icon.click().catch(() => undefined);
        await page.waitForTimeout(3000);
      }
      return (await treeRows(page)).some((r) => /^worker \d+\/2000/.test(r));
    },
    300_000,
  );
}

const setWorkerPool = (f: (spec: Record<string, unknown>) => void) =>
  sim.store.mutate('machineconfigpools', 'worker', (p) => (f(p['spec'] as Record<string, unknown>), p));

const osImage = (digit: string) => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfig',
  metadata: { name: 'os-layer-worker', labels: { 'machineconfiguration.openshift.io/role': 'worker' } },
  spec: { osImageURL: 'quay.io/example/layered@sha256:' + digit.repeat(64) },
});

test('the badge counts the nodes not Done while 2,000 workers roll out, and goes away when they are done', async () => {
  await s.openRollouts(new RegExp(`^worker ${WORKERS}/${WORKERS} · Updated$`), 240_000);
  assert.equal((await activityBadge(page)).text, '', 'no badge while every node is Done');
  // Every worker at once (maxUnavailable 100%), ten times as fast as MCO: a burst of 2,000 node changes.
  setWorkerPool((spec) => (spec['maxUnavailable'] = '100%'));
  sim.store.create('machineconfigs', osImage('7'));
  const created = Date.now();
  let peak = 0;
  const seen = new Set<string>();
  const watch = async () => {
    const b = await activityBadge(page);
    if (b.text) {
      seen.add(b.text);
      peak = Math.max(peak, await badgeCount(b));
    }
    return b.text;
  };
  await s.until('a badge while the workers roll out', watch, 300_000);
  const shownAfter = Date.now() - created;
  await s.until(
    'the badge gone once every node is Done',
    async () => {
      const text = await watch();
      const st = sim.store.get('machineconfigpools', 'worker')!['status'] as { updatedMachineCount?: number };
      return st.updatedMachineCount === WORKERS && text === '';
    },
    600_000,
  );
  assert.ok(peak > 1, `the badge counted the workers rolling out: ${peak}`);
  assert.ok(peak <= WORKERS, `the badge counts nodes not Done, at most the ${WORKERS} workers: ${peak}`);
  // Above 999 VS Code draws thousands: "1K+", "2K".
  assert.ok(
    [...seen].every((t) => /^(\d{1,3}|\dK\+?)$/.test(t)),
    [...seen].join(' '),
  );
  await s.until('the pool row updated', async () =>
    (await treeRows(page)).some((r) => new RegExp(`^worker ${WORKERS}/${WORKERS} · Updated$`).test(r)),
  );
  console.log(
    `# note: badge first shown ${shownAfter} ms after the MachineConfig; peak ${peak} of ${NODES} nodes not Done (drawn as ${[...seen].slice(0, 8).join(', ')})`,
  );
});

test('Filter Rollouts…: only nodes not Done, then only degraded ones; the description says so, the badge counts the same nodes', async () => {
  // A slower rollout, five workers at a time, and the first of them cannot pull its image.
  sim.setSpeed(0.3);
  setWorkerPool((spec) => (spec['maxUnavailable'] = 5));
  sim.store.mutate('machineconfigs', 'os-layer-worker', () => osImage('8'));
  const first = await s.until('a worker updating on the simulator', () => notDoneOnCluster()[0], 120_000);
  sim.injectFailure(first, 'manifest-unknown');
  await expandWorkers();

  await filterBy('Only nodes not Done');
  await s.until('the description naming the filter', async () => / · filter: not Done$/.test(await viewDescription(page)));
  // The description is not drawn while Rollouts is the only view of its container: the message line above the rows says it.
  await s.until('the message naming the filter', async () =>
    /^Filter: not Done \(Clear Rollouts Filter shows every node\)\.$/.test(await viewMessage(page)),
  );
  // The rows under the pool are exactly the nodes the simulator has not Done, and the badge counts them.
  const shown = await s.until(
    'the not-Done nodes listed, and only them',
    async () => {
      const rows = await workerRows();
      const cluster = notDoneOnCluster().filter((n) => n.startsWith('worker-'));
      return rows.length > 0 && JSON.stringify(names(rows)) === JSON.stringify(cluster) && (await badgeCount()) === cluster.length && rows;
    },
    180_000,
  );
  assert.ok(
    shown.every((r) => !/ Done\b/.test(r)),
    `no Done node in the filtered list: ${JSON.stringify(shown)}`,
  );
  assert.ok(shown.length <= 5, `at most maxUnavailable (5) workers: ${JSON.stringify(shown)}`);
  await readmeScreenshot(page, 'rollouts-filter.png');

  await s.until(
    'the injected failure degrading the node',
    () => sim.store.get('nodes', first)?.metadata.annotations?.[STATE] === 'Degraded',
    180_000,
  );
  await filterBy('Only degraded nodes');
  await s.until('the description naming the degraded filter', async () => / · filter: degraded$/.test(await viewDescription(page)));
  await s.until('the message naming the degraded filter', async () => /^Filter: degraded /.test(await viewMessage(page)));
  const degraded = await s.until(
    'only the degraded node listed',
    async () => {
      const rows = await workerRows();
      return rows.length === 1 && rows[0]!.startsWith(`${first} Degraded`) && rows;
    },
    120_000,
  );
  assert.match(degraded[0]!, /Degraded/);
  assert.ok(
    (await treeRows(page)).some((r) => /^worker \d+\/2000/.test(r)),
    'the pool row and its counts stay',
  );
});

test('the filter is kept for the workspace across a window reload; Clear Rollouts Filter lists every node again', async () => {
  await reloadWindow();
  await s.until('the filter back in the description after the reload', async () =>
    / · filter: degraded$/.test(await viewDescription(page)),
  );
  await s.until('the filter back in the message after the reload', async () => /^Filter: degraded /.test(await viewMessage(page)));
  await expandWorkers();
  const first = notDoneOnCluster().find((n) => sim.store.get('nodes', n)?.metadata.annotations?.[STATE] === 'Degraded')!;
  await s.until(
    'only the degraded node after the reload',
    async () => {
      const rows = await workerRows();
      return rows.length === 1 && rows[0]!.startsWith(`${first} Degraded`);
    },
    120_000,
  );

  await titleAction('Clear Rollouts Filter');
  await s.until(
    'the description without a filter',
    async () => !/filter:/.test(await viewDescription(page)) && (await viewDescription(page)) !== '',
  );
  await s.until('the message line gone with the filter', async () => (await viewMessage(page)) === '');
  // Every node again: the rows in sight include workers that are Done, beside the degraded one.
  await s.until('Done workers listed again', async () => (await workerRows()).filter((r) => / Done$/.test(r)).length >= 5, 120_000);
  // A reload keeps "no filter" too.
  await reloadWindow();
  await page.waitForTimeout(3000);
  assert.doesNotMatch(await viewDescription(page), /filter:/);
  await page.screenshot({ path: path.join(SHOTS, 'scale-cleared.png') });
});

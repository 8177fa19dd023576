/**
 * How fast the Rollouts tree in a real VS Code (code-server + headless Chromium) is on a 2,000-node
 * pool, in two set-ups: the plain cluster (OpenShift 4.16: pools, MachineConfigs, nodes), and a
 * 4.19 cluster whose MachineConfigNodes the view watches while the simulator records the daemon's
 * node Events (the view reads those per node, on hover: nodeEvents.ts).
 *  - First paint of the pools after opening the view (a click on its activity bar entry): the first window, then RELOADS window reloads
 *    with the view hidden (each reload is a new extension host), median and max, with where the time
 *    went (the extension's time marks, cluster/marks.ts; the node and MachineConfigNode lists come after the
 *    paint), and the machine's load average.
 *  - A node change shown: the simulator changes master-0's cordon flag while MAX_UNAVAILABLE of the
 *    workers roll out (SPEED and MAX_UNAVAILABLE set the stream's rate; the line says what it was),
 *    and Chromium watches for the row to change: p50, p90, max.
 *  - The extension host's RSS at the end.
 *   npm run bench:tree  [NODES=2000 SAMPLES=20 RELOADS=3 PAUSE_MS=5000 SPEED=1 MAX_UNAVAILABLE=10% SETUPS=plain,mcn]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSimulator, options } from '../test/harness/cluster-sim/main';
import { startCodeServer } from '../test/harness/codeServer';
import { openBrowser } from '../test/harness/browser';

const NODES = Number(process.env.NODES ?? 2000);
const SAMPLES = Number(process.env.SAMPLES ?? 20);
const RELOADS = Number(process.env.RELOADS ?? 3);
const SPEED = Number(process.env.SPEED ?? 1);
const MAX_UNAVAILABLE = process.env.MAX_UNAVAILABLE ?? '10%';
/** How long the user looks at the new window before opening the view. */
const PAUSE_MS = Number(process.env.PAUSE_MS ?? 5000);
const SETUPS = (process.env.SETUPS ?? 'plain,mcn').split(',').filter(Boolean);
const ACTIVITY = '[aria-label^="RHCOS Layering"]';
const MARKS = [
  'activate',
  'lsp-started',
  'features-load',
  'features-loaded',
  'background-connected',
  'view-asked',
  'connected',
  'pools-listed',
  'view-pools',
  'nodes-listed',
  'mcns-listed',
];

/** RSS of the extension host under code-server `root` (its process whose command line says extensionHost), in MiB. */
function extensionHostRss(root: number): number | undefined {
  const parent = (pid: number) => Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      if (!fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('extensionHost')) continue;
      for (let p = Number(d), i = 0; p > 1 && i < 10; p = parent(p), i++)
        if (p === root) return Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0) / 1024);
    } catch {
      /* gone meanwhile */
    }
  }
  return undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** The marks the newest extension host wrote, in ms after `t0`. */
function marksSince(file: string, t0: number): Record<string, number> {
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
  const all = lines.map((l) => JSON.parse(l) as { mark: string; at: number; pid: number });
  const pid = all.filter((m) => m.mark === 'activate').pop()?.pid;
  return Object.fromEntries(all.filter((m) => m.pid === pid).map((m) => [m.mark, m.at - t0]));
}

const EXPLORER = '[aria-label^="Explorer"]';
const isChecked = (page: Page, item: string) =>
  page
    .locator('.activitybar .action-item', { has: page.locator(item) })
    .first()
    .getAttribute('class')
    .then((c) => (c ?? '').split(/\s+/).includes('checked'));
async function showExplorer(page: Page): Promise<void> {
  if (!(await isChecked(page, EXPLORER))) await page.locator(`.activitybar .action-item ${EXPLORER}`).first().click();
  await page.waitForTimeout(1000);
}

/** Opens the view as a user does (its activity bar entry) and waits for the master pool's row: ms from the click to the row. */
async function focusAndPaint(page: Page): Promise<{ ms: number; t0: number }> {
  // A window that restored the view's container shows the Explorer first: the click opens it, never closes it.
  if (await isChecked(page, ACTIVITY)) await showExplorer(page);
  const t0 = Date.now();
  await page.locator(`.activitybar .action-item ${ACTIVITY}`).first().click();
  await page
    .locator('.pane', { hasText: 'Rollouts' })
    .locator('.monaco-list-row', { hasText: /^\s*master/ })
    .first()
    .waitFor({ timeout: 120_000 });
  return { ms: Date.now() - t0, t0 };
}

async function setup(name: string): Promise<void> {
  const mcn = name === 'mcn';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-tree-'));
  const marksFile = path.join(dir, 'marks.jsonl');
  const sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kc'), nodes: { master: 3, worker: NODES }, speed: SPEED, ocpVersion: mcn ? '4.19' : '4.16' }),
  );
  let events = 0;
  sim.store.on('event', () => events++);
  const cs = await startCodeServer({
    settings: { 'rhcosLayering.kubeconfig': sim.kubeconfig },
    env: { RHCOS_LAYERING_MARKS_FILE: marksFile },
    quiet: true,
  });
  const { ctx, page } = await openBrowser();
  const label = mcn ? 'OpenShift 4.19, MachineConfigNodes watched, node Events recorded' : 'OpenShift 4.16, no MachineConfigNodes';
  try {
    fs.mkdirSync(path.join(dir, 'ws'));
    await page.goto(cs.url(path.join(dir, 'ws')));
    const paints: number[] = [];
    const marks: Record<string, number[]> = {};
    for (let r = 0; r <= RELOADS; r++) {
      if (r > 0) {
        // The view hidden, then a new window (and extension host): the next focus is a first paint again.
        await showExplorer(page);
        await page.reload();
      }
      await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      // The extension's contributions are known (its activity bar entry shows), then a user's pause.
      await page
        .locator('.activitybar .action-item [aria-label^="RHCOS Layering"]')
        .first()
        .waitFor({ state: 'attached', timeout: 90_000 });
      await page.waitForTimeout(PAUSE_MS);
      const { ms, t0 } = await focusAndPaint(page).catch(async (e: unknown) => {
        await page.screenshot({ path: path.join(os.tmpdir(), `bench-tree-failure-${name}-${r}.png`) });
        throw e;
      });
      paints.push(ms);
      await page.waitForTimeout(500);
      for (const [k, v] of Object.entries(marksSince(marksFile, t0))) (marks[k] ??= []).push(v);
    }
    const where = MARKS.filter((m) => marks[m]?.length)
      .map((m) => `${m} ${median(marks[m]!)}`)
      .join(', ');
    console.log(
      `[${label}] first paint of the pools after focusing the view: median ${median(paints)} ms, max ${Math.max(...paints)} ms (${paints.join(', ')}; the first window and ${RELOADS} reloads, each opened ${PAUSE_MS} ms after the window showed; ${NODES + 3} nodes)`,
    );
    console.log(`[${label}]   where it went (median ms after the click): ${where}`);
    // Other work on the machine moves these numbers: the load they were measured under.
    console.log(
      `[${label}]   load average (1, 5, 15 min): ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')} on ${os.cpus().length} cores`,
    );
    const pane = page.locator('.pane', { hasText: 'Rollouts' });
    await pane
      .locator('.monaco-list-row', { hasText: /^\s*master/ })
      .first()
      .click();
    await pane.locator('.monaco-list-row', { hasText: 'master-0' }).first().waitFor();
    const row = pane.locator('.monaco-list-row', { hasText: 'master-0' }).first();
    // The stream: MAX_UNAVAILABLE of the workers at a time roll to a new image.
    sim.store.mutate(
      'machineconfigpools',
      'worker',
      (p) => (((p['spec'] as Record<string, unknown>)['maxUnavailable'] = MAX_UNAVAILABLE), p),
    );
    sim.store.create('machineconfigs', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfig',
      metadata: { name: 'os-layer-worker', labels: { 'machineconfiguration.openshift.io/role': 'worker' } },
      spec: { osImageURL: 'quay.io/example/layered@sha256:' + '7'.repeat(64) },
    });
    await page.waitForTimeout(3000);
    const lat: number[] = [];
    const e0 = events;
    const s0 = Date.now();
    for (let i = 0; i < SAMPLES; i++) {
      const cordon = i % 2 === 0;
      const t = Date.now();
      sim.store.mutate('nodes', 'master-0', (n) => (((n['spec'] as Record<string, unknown>)['unschedulable'] = cordon), n));
      await row.filter({ hasText: cordon ? 'cordoned' : /Done$/ }).waitFor({ timeout: 30_000 });
      lat.push(Date.now() - t);
      await page.waitForTimeout(300 + Math.random() * 400);
    }
    const rate = Math.round(((events - e0) / (Date.now() - s0)) * 1000);
    lat.sort((a, b) => a - b);
    const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
    const st = sim.store.get('machineconfigpools', 'worker')!['status'] as { updatedMachineCount: number };
    console.log(
      `[${label}] tree shows a node change on a ${NODES}-node pool while the simulator streams ${rate} events/s: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${lat[lat.length - 1]} ms (${SAMPLES} samples; ${st.updatedMachineCount}/${NODES} workers updated by then)`,
    );
    const rss = cs.proc.pid ? extensionHostRss(cs.proc.pid) : undefined;
    console.log(`[${label}] extension host RSS: ${rss === undefined ? 'not found' : `${rss} MiB`}`);
  } finally {
    await ctx.close();
    await cs.stop();
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const name of SETUPS) await setup(name);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

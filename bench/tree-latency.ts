/**
 * How long the Rollouts tree in a real VS Code takes to show a change on a 2,000-node pool while a
 * rollout streams events: the simulator (in this process) changes master-0's cordon flag while 200
 * workers at a time roll out (SPEED and MAX_UNAVAILABLE set the stream's rate; the line says what it
 * was: faster settings finish the rollout within the samples on this machine), and headless Chromium
 * watches for the row to change. Also the extension host's RSS at the end.
 *   npm run bench:tree  [NODES=2000 SAMPLES=20 SPEED=1 MAX_UNAVAILABLE=10%]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, options } from '../test/harness/cluster-sim/main';
import { startCodeServer } from '../test/harness/codeServer';
import { openBrowser } from '../test/harness/browser';
import { runCommand } from '../test/harness/workbench';

const NODES = Number(process.env.NODES ?? 2000);
const SAMPLES = Number(process.env.SAMPLES ?? 20);
const SPEED = Number(process.env.SPEED ?? 1);
const MAX_UNAVAILABLE = process.env.MAX_UNAVAILABLE ?? '10%';

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

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-bench-tree-'));
  const sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kc'), nodes: { master: 3, worker: NODES }, speed: SPEED }));
  let events = 0;
  sim.store.on('event', () => events++);
  const cs = await startCodeServer({ settings: { 'rhcosLayering.kubeconfig': sim.kubeconfig }, quiet: true });
  const { ctx, page } = await openBrowser();
  try {
    fs.mkdirSync(path.join(dir, 'ws'));
    await page.goto(cs.url(path.join(dir, 'ws')));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.waitForTimeout(2000);
    await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
    const pane = page.locator('.pane', { hasText: 'Rollouts' });
    const t0 = Date.now();
    await pane
      .locator('.monaco-list-row', { hasText: /^\s*master/ })
      .first()
      .waitFor({ timeout: 120_000 });
    console.log(`first paint of the pools: ${Date.now() - t0} ms after focusing the view (${NODES + 3} nodes listed)`);
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
      `tree shows a node change on a ${NODES}-node pool while the simulator streams ${rate} events/s: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${lat[lat.length - 1]} ms (${SAMPLES} samples; ${st.updatedMachineCount}/${NODES} workers updated by then)`,
    );
    const rss = cs.proc.pid ? extensionHostRss(cs.proc.pid) : undefined;
    console.log(`extension host RSS: ${rss === undefined ? 'not found' : `${rss} MiB`}`);
  } finally {
    await ctx.close();
    await cs.stop();
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

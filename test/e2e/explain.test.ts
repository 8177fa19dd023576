/**
 * "Why is this node degraded?" in a real VS Code (the packaged .vsix in code-server, headless
 * Chromium) against the simulator: a drain blocked by a PodDisruptionBudget, as MCO reports it (the
 * node's reason annotation, the MCD's FailedToDrain Event), explained from the Rollouts view's
 * context menu with the cause, the next step and the command to copy; the degraded-pool
 * notification offers the same answer. (The failure is written into the simulator as MCO writes it;
 * the simulator's own failure injection can replace these writes once it has them.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from '../harness/codeServer';
import { openBrowser } from '../harness/browser';
import { waitForWorkbench, runCommand, notification, treeRows } from '../harness/workbench';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
const ANN = 'machineconfiguration.openshift.io/';
const REASON = 'failed to drain node: worker-1 after 1 hour. Please see machine-config-controller logs for more information';
let dir: string;
let sim: Simulator;
let cs: Instance;
let ctx: BrowserContext;
let page: Page;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-e2e-explain-'));
  sim = await startSimulator(options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: 2, master: 1 }, speed: 2 }));
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-explain-'));
  fs.mkdirSync(path.join(ws, 'machineconfigs'));
  fs.writeFileSync(
    path.join(ws, 'machineconfigs', '99-worker-file.yaml'),
    'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-worker-file\n  labels:\n' +
      '    machineconfiguration.openshift.io/role: worker\nspec: {}\n',
  );
  cs = await startCodeServer({ settings: { 'rhcosLayering.ocpVersion': '4.16', 'rhcosLayering.kubeconfig': sim.kubeconfig } });
  ({ ctx, page } = await openBrowser());
  await page.goto(cs.url(ws));
  await waitForWorkbench(page, 'machineconfigs');
});

after(async () => {
  await ctx?.close();
  await cs?.stop();
  await sim?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const pane = () => page.locator('.pane', { hasText: 'Rollouts' });

async function until<T>(what: string, f: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) {
      const rows = await treeRows(page).catch(() => []);
      await page.screenshot({ path: path.join(SHOTS, `failure-explain-${what.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      throw new Error(`timed out waiting for ${what}; Rollouts rows: ${JSON.stringify(rows)}`);
    }
    await page.waitForTimeout(200);
  }
}

test('a drain blocked by a PodDisruptionBudget, explained from the node row: cause, next step, command copied', async () => {
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  await until('the worker pool', async () => (await treeRows(page)).some((r) => /^worker 2\/2 · Updated$/.test(r)));
  await pane()
    .locator('.monaco-list-row', { hasText: /^\s*worker/ })
    .first()
    .click();
  await until('the workers', async () => (await treeRows(page)).filter((r) => /^worker-\d Done$/.test(r)).length === 2);

  // What MCO and the daemon write when the drain cannot evict a pod protected by a PodDisruptionBudget.
  sim.store.create('events', {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'worker-1.pdb', namespace: 'default' },
    involvedObject: { kind: 'Node', name: 'worker-1' },
    reason: 'FailedToDrain',
    message: `error when evicting pods/"web-0" -n "shop" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    type: 'Warning',
    lastTimestamp: new Date().toISOString(),
    source: { component: 'machineconfigdaemon' },
  });
  sim.store.mutate('nodes', 'worker-1', (n) => {
    n.metadata.annotations = { ...n.metadata.annotations, [`${ANN}state`]: 'Degraded', [`${ANN}reason`]: REASON };
    return n;
  });
  const toast = await notification(page, /Pool worker is degraded/, 60_000);
  await until('worker-1 degraded', async () => (await treeRows(page)).some((r) => /^worker-1 Degraded/.test(r)));

  const row = pane()
    .locator('.monaco-list-row', { hasText: /^\s*worker-1/ })
    .first();
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-label', { hasText: 'Why Is This Node Degraded?' });
  await item.waitFor({ timeout: 10_000 });
  await item.click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const text = await dialog.innerText();
  await page.screenshot({ path: path.join(SHOTS, 'explain-modal.png') });
  assert.match(text, /Why is worker-1 degraded\? The node cannot be drained: a PodDisruptionBudget/);
  assert.match(text, /Next step: Find the PodDisruptionBudget/);
  assert.match(text, /Command: oc get pdb -A/);
  assert.match(text, /Matched in the node reason: failed to drain node: worker-1 after 1 hour/);
  await dialog.getByRole('button', { name: 'Copy Command' }).click();
  await page.locator('.statusbar', { hasText: 'copied oc get pdb -A' }).waitFor({ timeout: 10_000 });

  // The degraded-pool notification offers the same answer.
  await toast.click('Why?');
  await dialog.waitFor({ timeout: 60_000 });
  assert.match(await dialog.innerText(), /Why is worker-1 degraded\? The node cannot be drained/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

/**
 * Pre-pull Image to Pool… in a real VS Code (the packaged .vsix in code-server, headless Chromium) against a
 * 4.19 simulator: from the pool row's context menu, the image typed, the modal that says what is written and
 * that no node reboots or drains, then the pool row shows the progress until every node pulled, and says so.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from '../harness/codeServer';
import { openBrowser } from '../harness/browser';
import { waitForWorkbench, runCommand, runMenuItem, notification, treeRows, answerInput } from '../harness/workbench';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
const IMAGE = `quay.io/example/layered@sha256:${'c'.repeat(64)}`;
let dir: string;
let sim: Simulator;
let cs: Instance;
let ctx: BrowserContext;
let page: Page;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-e2e-prepull-'));
  sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: 2, master: 1 }, speed: 2, ocpVersion: '4.19' }),
  );
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-prepull-'));
  fs.mkdirSync(path.join(ws, 'machineconfigs'));
  fs.writeFileSync(path.join(ws, 'machineconfigs', 'README.md'), 'pre-pull\n');
  cs = await startCodeServer({ settings: { 'rhcosLayering.ocpVersion': '4.19', 'rhcosLayering.kubeconfig': sim.kubeconfig } });
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
      await page.screenshot({ path: path.join(SHOTS, `failure-prepull-${what.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      throw new Error(`timed out waiting for ${what}; Rollouts rows: ${JSON.stringify(rows)}`);
    }
    await page.waitForTimeout(200);
  }
}

test('Pre-pull from the pool row: the modal says what is written, the row shows progress, then done', async () => {
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  await until('the worker pool', async () => (await treeRows(page)).some((r) => /^worker 2\/2 · Updated$/.test(r)));
  // Each node's pull takes long enough for the row to show the progress before the end.
  sim.setSpeed(0.05);
  await pane()
    .locator('.monaco-list-row', { hasText: /^\s*worker/ })
    .first()
    .click({ button: 'right' });
  await runMenuItem(page, 'Pre-pull Image to Pool…');
  await answerInput(page, IMAGE);
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const text = await dialog.innerText();
  await page.screenshot({ path: path.join(SHOTS, 'prepull-modal.png') });
  assert.ok(text.includes(`Pre-pull ${IMAGE} to the nodes of pool worker`), text);
  assert.match(text, /Create PinnedImageSet worker-prepull/);
  assert.match(text, /Patch MachineConfigPool worker: add worker-prepull to spec\.pinnedImageSets/);
  assert.match(text, /no node reboots or drains/);
  await dialog.getByRole('button', { name: 'Pre-pull' }).click();

  const during = await until('the progress on the pool row', async () =>
    (await treeRows(page)).find((r) => /^worker pre-pull(ed \d\/2|ing…) · 2\/2 · Updated$/.test(r)),
  );
  await page.screenshot({ path: path.join(SHOTS, 'prepull-progress.png') });
  assert.ok(during);
  const done = await notification(page, /is on all 2 nodes of pool worker/, 120_000);
  assert.ok(done.text.includes(IMAGE));
  await until('the row without progress', async () => (await treeRows(page)).some((r) => /^worker 2\/2 · Updated$/.test(r)));
  const sets = (n: string) => (sim.store.get('machineconfignodes', n)!['status'] as { pinnedImageSets?: unknown[] }).pinnedImageSets;
  assert.deepEqual(sets('worker-0'), [{ name: 'worker-prepull', desiredGeneration: 1, currentGeneration: 1 }]);
  assert.deepEqual(sets('worker-1'), [{ name: 'worker-prepull', desiredGeneration: 1, currentGeneration: 1 }]);
});

/**
 * Pre-pull Image to Pool… in a real VS Code (the packaged .vsix in code-server, headless Chromium) against a
 * 4.19 simulator: from the pool row's context menu, the image typed, the modal that says what is written and
 * that no node reboots or drains, then the pool row shows the progress until every node pulled, and says so.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand, runMenuItem, notification, treeRows, answerInput } from '../harness/workbench';
import type { Simulator } from '../harness/cluster-sim/main';
import { startSession, SHOTS } from '../harness/e2eSession';
import type { Session } from '../harness/e2eSession';

const IMAGE = `quay.io/example/layered@sha256:${'c'.repeat(64)}`;
let s: Session;
let sim: Simulator;
let page: Page;

before(async () => {
  s = await startSession({
    name: 'prepull',
    cluster: { nodes: { worker: 2, master: 1 }, speed: 2, ocpVersion: '4.19' },
    files: { 'machineconfigs/README.md': 'pre-pull\n' },
    settings: ({ sim }) => ({ 'rhcosLayering.ocpVersion': '4.19', 'rhcosLayering.kubeconfig': sim!.kubeconfig }),
  });
  ({ sim, page } = s);
});

after(async () => {
  await s?.stop();
});

const pane = () => s.pane();
const until = <T>(what: string, f: () => Promise<T | undefined | false>, ms?: number) => s.until(what, f, ms);

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

/**
 * "Why is this node degraded?" in a real VS Code (the packaged .vsix in code-server, headless
 * Chromium) against the simulator: a drain blocked by a PodDisruptionBudget, as MCO reports it (the
 * node's reason annotation, the MCD's FailedToDrain Event), explained from the Rollouts view's
 * context menu with the cause, the next step and the command to copy; the degraded-pool
 * notification offers the same answer. The simulator injects the failure (`fail: worker-1=drain-pdb`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runMenuItem, notification, treeRows } from '../harness/workbench';
import { parseFailures } from '../harness/cluster-sim/failures';
import { startSession, SHOTS } from '../harness/e2eSession';
import type { Session } from '../harness/e2eSession';
import type { Simulator } from '../harness/cluster-sim/main';

const ANN = 'machineconfiguration.openshift.io/';
const REASON = 'failed to drain node: worker-1 after 1 hour. Please see machine-config-controller logs for more information';
let s: Session;
let sim: Simulator;
let page: Page;

before(async () => {
  s = await startSession({
    name: 'explain',
    cluster: { nodes: { worker: 2, master: 1 }, speed: 10, fail: parseFailures('worker-1=drain-pdb') },
    files: {
      'machineconfigs/99-worker-file.yaml':
        'apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-worker-file\n  labels:\n' +
        '    machineconfiguration.openshift.io/role: worker\nspec: {}\n',
    },
    settings: { 'rhcosLayering.ocpVersion': '4.16' },
  });
  ({ sim, page } = s);
});

after(async () => {
  await s?.stop();
});

const pane = () => s.pane();
const until = <T>(what: string, f: () => Promise<T | undefined | false>, ms?: number) => s.until(what, f, ms);

test('a drain blocked by a PodDisruptionBudget, explained from the node row: cause, next step, command copied', async () => {
  await s.openRollouts(/^worker 2\/2 · Updated$/);
  await pane()
    .locator('.monaco-list-row', { hasText: /^\s*worker/ })
    .first()
    .click();
  await until('the workers', async () => (await treeRows(page)).filter((r) => /^worker-\d Done$/.test(r)).length === 2);

  // An image update: worker-1's drain is blocked by a PodDisruptionBudget (injected), as MCO reports it.
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: '99-worker-os', labels: { [`${ANN}role`]: 'worker' } },
    spec: { osImageURL: 'quay.io/example/custom@sha256:' + '5'.repeat(64) },
  });
  const toast = await notification(page, /Pool worker is degraded/, 180_000);
  await until('worker-1 degraded', async () => (await treeRows(page)).some((r) => /^worker-1 Degraded/.test(r)), 120_000);

  const row = pane()
    .locator('.monaco-list-row', { hasText: /^\s*worker-1/ })
    .first();
  await row.click({ button: 'right' });
  await runMenuItem(page, 'Why Is This Node Degraded?');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
    await page.screenshot({ path: path.join(SHOTS, 'failure-explain.png') });
    throw e;
  });
  const text = await dialog.innerText();
  await page.screenshot({ path: path.join(SHOTS, 'explain-modal.png') });
  assert.match(text, /Why is worker-1 degraded\? The node cannot be drained: a PodDisruptionBudget/);
  assert.match(text, /Next step: Find the PodDisruptionBudget/);
  assert.match(text, /Command: oc get pdb -A/);
  assert.ok(text.includes(`Matched in the node reason: ${REASON}`), text);
  await dialog.getByRole('button', { name: 'Copy Command' }).click();
  await page.locator('.statusbar', { hasText: 'copied oc get pdb -A' }).waitFor({ timeout: 10_000 });

  // The degraded-pool notification offers the same answer.
  await toast.click('Why?');
  await dialog.waitFor({ timeout: 60_000 });
  assert.match(await dialog.innerText(), /Why is worker-1 degraded\? The node cannot be drained/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

/**
 * Apply Containerfile to Pool (on-cluster build) in a real VS Code (the packaged .vsix in code-server,
 * headless Chromium) against an OpenShift 4.19 simulator: from the palette, through the whole wizard
 * (pool, push spec, push secret, pull secret, with Back; read-only diff, modal), to the MachineOSConfig on the
 * cluster and its first MachineOSBuild. The note records the time from the Apply click to that build.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { quickOpen, runCommand, runMenuItem, answerInput, notification } from '../harness/workbench';
import type { Simulator } from '../harness/cluster-sim/main';
import type { WatchEvent } from '../harness/cluster-sim/store';
import { startSession, SHOTS } from '../harness/e2eSession';
import type { Session } from '../harness/e2eSession';

const PUSH = 'image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image-infra:latest';
const CONTAINERFILE = 'FROM configs AS final\nRUN dnf install -y tree && \\\n    dnf clean all && \\\n    ostree container commit\n';
let s: Session;
let sim: Simulator;
let page: Page;

before(async () => {
  s = await startSession({
    name: 'image-mode',
    cluster: { ocpVersion: '4.19', nodes: { master: 1, worker: 1, infra: 2 }, speed: 2 },
    files: { 'image-mode/Containerfile': CONTAINERFILE },
    settings: { 'rhcosLayering.ocpVersion': '4.19' },
  });
  ({ sim, page } = s);
});

after(async () => {
  await s?.stop();
});

const until = <T>(what: string, f: () => T | undefined | null | false, ms?: number) => s.until(what, f, ms);

/** The focused row of the open quick pick, once its title says which step it is. */
async function step(title: RegExp): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: title }).waitFor({ timeout: 30_000 });
}

test('Apply Containerfile to Pool from the palette: the wizard, a read-only diff, the modal, then the MachineOSConfig and its first build', async () => {
  await quickOpen(page, 'image-mode/Containerfile');
  await page.waitForTimeout(1500); // the first lint of the file
  await runCommand(page, 'RHCOS Layering: Apply Containerfile to Pool (on-cluster build)…');
  await step(/Apply Containerfile to Pool: pool \(1\/4\)/);
  await answerInput(page, 'infra');
  await step(/where MCO pushes the built image \(2\/4\)/);
  // Back to the pool, and forward again: one QuickInput, steps kept.
  await page.locator('.quick-input-widget').getByRole('button', { name: 'Back' }).click();
  await step(/Apply Containerfile to Pool: pool \(1\/4\)/);
  await answerInput(page, 'infra');
  await step(/where MCO pushes the built image \(2\/4\)/);
  assert.ok(await page.locator('.quick-input-list .monaco-list-row', { hasText: 'the internal image registry' }).count());
  await answerInput(page, 'os-image-infra');
  await step(/push secret \(3\/4\)/);
  await answerInput(page, 'builder-dockercfg-sim7x');
  await step(/pull secret for the base image \(4\/4\)/);
  await answerInput(page, 'MCO default');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  const text = await dialog.innerText();
  assert.match(
    text,
    /MCO builds an image for pool infra in a Job in openshift-machine-config-operator, then 2 nodes of pool infra are cordoned, drained and rebooted/,
  );
  assert.match(text, /This creates the first MachineOSConfig of pool infra .* \(the server accepted it in a dry run\)/);
  // The review: a read-only diff of nothing on the cluster against the MachineOSConfig to apply.
  const tab = page.locator('.tabs-container .tab', { hasText: 'MachineOSConfig infra' });
  assert.ok(await tab.count(), 'the review diff is open');
  await page.screenshot({ path: path.join(SHOTS, 'image-mode-apply-review.png') });
  assert.equal(sim.store.get('machineosconfigs', 'infra'), undefined, 'nothing written before Apply');
  // When the simulator saw the MachineOSConfig, its first MachineOSBuild and the build's first log line.
  const seen: Record<string, number> = {};
  const onEvent = (e: WatchEvent) => {
    if (e.type === 'ADDED' && (e.plural === 'machineosconfigs' || e.plural === 'machineosbuilds')) seen[e.plural] ??= Date.now();
  };
  sim.store.on('event', onEvent);
  const write = sim.logs.write.bind(sim.logs);
  sim.logs.write = (...args: Parameters<typeof write>) => ((seen['log'] ??= Date.now()), write(...args));
  const clicked = Date.now();
  await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
  const mosb = await until('the first MachineOSBuild', () => sim.store.list('machineosbuilds')[0], 60_000);
  await until('the first build log line', () => seen['log'], 60_000);
  sim.store.off('event', onEvent);
  sim.logs.write = write;
  const mosc = sim.store.get('machineosconfigs', 'infra')!;
  assert.deepEqual(mosc['spec'], {
    machineConfigPool: { name: 'infra' },
    imageBuilder: { imageBuilderType: 'Job' },
    renderedImagePushSecret: { name: 'builder-dockercfg-sim7x' },
    renderedImagePushSpec: PUSH,
    containerFile: [{ containerfileArch: 'NoArch', content: CONTAINERFILE }],
  });
  assert.match(mosb.metadata.name, /^infra-[0-9a-f]{32}$/);
  const done = await notification(page, /created MachineOSConfig infra/, 30_000);
  assert.equal(
    done.text,
    'RHCOS Layering: created MachineOSConfig infra; MCO is building the image for pool infra. Follow it in the Rollouts view.',
  );
  console.log(
    `# note: from the Apply click: MachineOSConfig created at ${seen['machineosconfigs']! - clicked} ms, first MachineOSBuild at ` +
      `${seen['machineosbuilds']! - clicked} ms, first build log line at ${seen['log']! - clicked} ms (simulator speed 2)`,
  );
});

test('Apply Containerfile to Pool from a pool row with no Containerfile in the editor: the workspace’s Containerfiles come first, with Back', async () => {
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  const pool = page
    .locator('.pane', { hasText: 'Rollouts' })
    .locator('.monaco-list-row', { hasText: /^\s*worker/ })
    .first();
  await pool.waitFor({ timeout: 30_000 });
  await pool.click({ button: 'right' });
  await runMenuItem(page, 'Apply Containerfile to Pool (on-cluster build)…');
  // The pool is the row's: the Containerfile, then push spec and the two secrets.
  await step(/Apply Containerfile to Pool: Containerfile \(1\/4\)/);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'image-mode/Containerfile' }).first();
  await row.waitFor({ timeout: 30_000 });
  assert.match(await row.innerText(), /FROM configs: written for on-cluster builds/);
  await answerInput(page, 'image-mode/Containerfile');
  await step(/where MCO pushes the built image \(2\/4\)/);
  await page.locator('.quick-input-widget').getByRole('button', { name: 'Back' }).click();
  await step(/Apply Containerfile to Pool: Containerfile \(1\/4\)/);
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  assert.equal(sim.store.get('machineosconfigs', 'worker'), undefined, 'Escape: nothing written');
});

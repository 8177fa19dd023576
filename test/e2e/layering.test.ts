/**
 * The whole layering loop in a real VS Code: Build Layered Image (real podman, a registry on
 * 127.0.0.1, the stand-in base image), Push Layered Image, the pushed digest shown with its
 * buttons, then Apply to Pool… against the cluster simulator and the Rollouts tree following the
 * nodes from Working to Done.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from '../harness/codeServer';
import { openBrowser } from '../harness/browser';
import {
  waitForWorkbench,
  quickOpen,
  runCommand,
  runMenuItem,
  notification,
  answerInput,
  waitForProblems,
  goTo,
  treeRows as rolloutRows,
} from '../harness/workbench';
import { startLab, skopeoDigest } from '../harness/imageLab';
import type { Lab } from '../harness/imageLab';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
let lab: Lab;
let cs: Instance;
let ctx: BrowserContext;
let page: Page;
let blocked: string[];
let ws: string;
let sim: Simulator;
let pushedRef = '';

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  lab = await startLab();
  sim = await startSimulator(options({ kubeconfig: path.join(lab.dir, 'kubeconfig'), speed: 1.5 }));
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-build-'));
  fs.mkdirSync(path.join(ws, 'layered'));
  fs.writeFileSync(
    path.join(ws, 'layered', 'Containerfile'),
    `# A layered image on the stand-in RHCOS base\nFROM ${lab.plain}/rhcos-standin@${lab.baseDigest}\nRUN rpm-ostree install firewalld && \\\n    rpm-ostree cleanup -m && \\\n    ostree container commit\n`,
  );
  fs.mkdirSync(path.join(ws, 'failing'));
  fs.writeFileSync(
    path.join(ws, 'failing', 'Containerfile'),
    `FROM ${lab.plain}/rhcos-standin@${lab.baseDigest}\nRUN rpm-ostree install firewalld && rpm-ostree kargs --append=nosmt\nRUN echo about-to-fail && exit 3\n`,
  );
  fs.mkdirSync(path.join(ws, 'machineconfigs'));
  fs.mkdirSync(path.join(ws, '.vscode'));
  fs.writeFileSync(
    path.join(ws, '.vscode', 'tasks.json'),
    JSON.stringify(
      {
        version: '2.0.0',
        tasks: [
          {
            type: 'rhcos-layering-build',
            label: 'build layered from tasks.json',
            containerfile: 'layered/Containerfile',
            tag: `${lab.plain}/layered:tasks-json`,
            noCache: true,
          },
        ],
      },
      null,
      2,
    ),
  );
  const extraEnv = Object.fromEntries(Object.entries(lab.env).filter(([k, v]) => v !== undefined && process.env[k] !== v)) as Record<
    string,
    string
  >;
  cs = await startCodeServer({
    settings: {
      'rhcosLayering.ocpVersion': '4.16',
      'rhcosLayering.buildTool': 'podman',
      'terminal.integrated.gpuAcceleration': 'off',
      'rhcosLayering.kubeconfig': sim.kubeconfig,
      // VS Code for the web saves after a delay by default; desktop does not, and the dirty-document test needs what desktop does.
      'files.autoSave': 'off',
    },
    env: extraEnv,
  });
  ({ ctx, page, blocked } = await openBrowser());
  await page.goto(cs.url(ws));
  await waitForWorkbench(page, 'layered');
});

after(async () => {
  await ctx?.close();
  await cs?.stop();
  await lab?.stop();
  await sim?.stop();
});

test('with a kubeconfig, the cluster-aware rules work from the first file, before the Rollouts view is ever opened', async () => {
  await quickOpen(page, 'layered/Containerfile');
  // The stand-in base differs from the simulator's baseOSContainerImage: a warning with the cluster's image.
  const ps = await waitForProblems(page, (p) => p.some((x) => x.code === 'from-not-cluster-base'), 60_000);
  const w = ps.find((x) => x.code === 'from-not-cluster-base')!;
  assert.deepEqual([w.file, w.line, w.severity], ['layered/Containerfile', 2, 'warning']);
  assert.match(w.message, /rhcos-layering-sim/);
  const status = page.locator('.statusbar-item[id$="rhcosLayering.context"]').first();
  await status.waitFor({ timeout: 30_000 });
  assert.match(await status.innerText(), /rhcos-layering-sim/);
});

test('Build, then Push, then the pushed digest is shown and matches the registry', async () => {
  await quickOpen(page, 'layered/Containerfile');
  await runCommand(page, 'RHCOS Layering: Build Layered Image…');
  const tag = `${lab.plain}/layered:e2e`;
  await answerInput(page, tag);
  const built = await notification(page, /built 127\.0\.0\.1/, 120_000);
  assert.equal(built.text, `RHCOS Layering: built ${tag}.`);
  // The build's output went to the task terminal.
  const terminal = await page.locator('.xterm-rows').first().innerText();
  assert.match(terminal, /STEP 2\/2: RUN rpm-ostree install firewalld/);
  assert.match(terminal, /\[stand-in rpm-ostree\] install firewalld/);
  assert.match(terminal, new RegExp(`Built ${tag.replace(/\./g, '\\.')}`));
  await page.screenshot({ path: path.join(SHOTS, 'build-terminal.png') });
  await built.click('Push');
  const pushed = await notification(page, /Pushed \S+@sha256|push failed/, 120_000);
  const m = /^Pushed (\S+@sha256:[0-9a-f]{64})$/.exec(pushed.text);
  assert.ok(m, pushed.text);
  assert.equal(m[1]!.split('@')[0], `${lab.plain}/layered`);
  assert.equal(skopeoDigest(lab, m[1]!), m[1]!.split('@')[1]);
  await page.screenshot({ path: path.join(SHOTS, 'pushed-digest.png') });
  pushedRef = m[1]!;
  await pushed.click('Apply to Pool…');
});

/** The Rollouts view's rows: label and description. */
const treeRows = () => rolloutRows(page);

/** Waits until the quick input's title says which step it shows, e.g. `image by digest (2/3)`. */
async function step(title: RegExp): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: title }).waitFor({ timeout: 30_000 });
}

test('Apply to Pool… from the push: pool, digest, review, dry run, modal; the tree shows the nodes go Working to Done', async () => {
  assert.ok(pushedRef, 'the push test ran first');
  // 1. the pool QuickPick, with node counts and state
  const input = page.locator('.quick-input-widget');
  try {
    await input.locator('.monaco-list-row', { hasText: 'worker' }).first().waitFor({ timeout: 60_000 });
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, 'failure-apply.png') });
    throw e;
  }
  const rows = await input
    .locator('.monaco-list-row')
    .evaluateAll((rs) =>
      rs.map((r) =>
        ['.label-name', '.label-description']
          .map((c) => (r.querySelector(c) as unknown as { innerText: string } | null)?.innerText.trim() ?? '')
          .join(' '),
      ),
    );
  assert.deepEqual(rows, ['master 3 nodes · Updated', 'worker 3 nodes · Updated']);
  await step(/Apply Layered Image to Pool: pool \(1\/3\)/);
  await answerInput(page, 'worker');
  // 2. the digest, prefilled from the push
  await step(/Apply Layered Image to Pool: image by digest \(2\/3\)/);
  assert.equal(await page.locator('.quick-input-widget input').inputValue(), pushedRef);
  await page.keyboard.press('Enter');
  // 3. the name, os-layer-worker by default
  await step(/Apply Layered Image to Pool: MachineConfig name \(3\/3\)/);
  assert.equal(await page.locator('.quick-input-widget input').inputValue(), 'os-layer-worker');
  await page.keyboard.press('Enter');
  // 4-5. the review document and, after the server's dry run, the modal
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), /worker, 3 nodes: reboot \(osImageURL changed: an OS image change always reboots\)/);
  const review = (await page.locator('.monaco-editor .view-lines').last().innerText()).replace(/\u00a0/g, ' ');
  assert.match(
    review,
    /role: worker\n.*managed-by: rhcos-layering-vscode\nspec:\n {2}osImageURL: 127\.0\.0\.1:\d+\/layered@sha256:[0-9a-f]{64}/,
  );
  assert.equal(sim.store.get('machineconfigs', 'os-layer-worker'), undefined, 'the dry run stored nothing');
  await page.screenshot({ path: path.join(SHOTS, 'apply-modal.png') });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  // 6. created; the Rollouts view opens and follows the rollout live
  await notification(page, /created MachineConfig os-layer-worker/, 30_000);
  const mc = sim.store.get('machineconfigs', 'os-layer-worker')!;
  assert.equal((mc['spec'] as { osImageURL: string }).osImageURL, pushedRef);
  assert.equal(mc.metadata.labels?.['app.kubernetes.io/managed-by'], 'rhcos-layering-vscode');
  await page
    .locator('.pane', { hasText: 'Rollouts' })
    .locator('.monaco-list-row', { hasText: 'worker' })
    .first()
    .waitFor({ timeout: 30_000 });
  await page
    .locator('.pane', { hasText: 'Rollouts' })
    .locator('.monaco-list-row', { hasText: /^\s*worker/ })
    .first()
    .click();
  const seen = new Set<string>();
  const badges = new Set<string>();
  // The activity bar badge of the Rollouts container counts the nodes not Done.
  const badge = page
    .locator('.activitybar .action-item', { has: page.locator('[aria-label^="RHCOS Layering"]') })
    .locator('.badge-content');
  let shot = false;
  const end = Date.now() + 90_000;
  for (;;) {
    const r = await treeRows();
    for (const x of r) if (/^worker-\d/.test(x)) seen.add(x.replace(/^worker-\d /, ''));
    if (await badge.count()) badges.add((await badge.first().innerText()).trim());
    if (!shot && r.some((x) => /^worker-\d (Working|Rebooting)/.test(x))) {
      await page.screenshot({ path: path.join(SHOTS, 'rollouts-tree.png') });
      shot = true;
    }
    if (r.some((x) => /^worker 3\/3 · Updated/.test(x)) && r.filter((x) => /^worker-\d Done$/.test(x)).length === 3) break;
    assert.ok(Date.now() < end, `rollout never finished in the tree; last rows: ${r.join(' | ')}`);
    await page.waitForTimeout(100);
  }
  assert.ok(
    [...seen].some((s) => s.startsWith('Working · cordoned')),
    [...seen].join(', '),
  );
  assert.ok(
    [...seen].some((s) => s.startsWith('Rebooting · cordoned')),
    [...seen].join(', '),
  );
  assert.ok(
    [...badges].some((b) => /^[1-3]$/.test(b)),
    `badge while nodes update: ${[...badges].join(', ')}`,
  );
  assert.match(
    await page
      .locator('.pane-header', { hasText: /rollouts/i })
      .first()
      .innerText(),
    /rhcos-layering-sim/,
  );
  await notification(page, /Pool worker finished updating: 3\/3 nodes/, 30_000);
  await page.screenshot({ path: path.join(SHOTS, 'rollouts-done.png') });
  assert.deepEqual(blocked, []);
});

test('Apply Layered Image to Pool…: Back from the digest to the pool, another pool picked, the typed digest kept', async () => {
  const input = page.locator('.quick-input-widget');
  const box = input.locator('input');
  await runCommand(page, 'RHCOS Layering: Apply Layered Image to Pool…');
  await step(/Apply Layered Image to Pool: pool \(1\/3\)/);
  await input.locator('.monaco-list-row', { hasText: 'worker' }).first().waitFor({ timeout: 30_000 });
  await answerInput(page, 'worker');
  await step(/image by digest \(2\/3\)/);
  assert.equal(await box.inputValue(), pushedRef, 'prefilled from the last push');
  const typed = `${lab.plain}/another@sha256:${'a'.repeat(64)}`;
  await box.fill(typed);
  await input.getByRole('button', { name: 'Back' }).click();
  await step(/Apply Layered Image to Pool: pool \(1\/3\)/);
  // The pool picked before is the focused row again.
  await input.locator('.monaco-list-row.focused', { hasText: 'worker' }).waitFor({ timeout: 10_000 });
  await answerInput(page, 'master');
  await step(/image by digest \(2\/3\)/);
  assert.equal(await box.inputValue(), typed, 'the digest typed before going Back');
  await page.keyboard.press('Enter');
  await step(/MachineConfig name \(3\/3\)/);
  assert.equal(await box.inputValue(), 'os-layer-master', 'the default name follows the pool');
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden' });
  assert.equal(sim.store.get('machineconfigs', 'os-layer-master'), undefined, 'Escape: nothing applied');
});

test('Roll Back Layered Image from the palette: confirm with the node count, the pool returns to the base image', async () => {
  const targetOf = () => (sim.store.get('machineconfigpools', 'worker')!['spec'] as { configuration: { name: string } }).configuration.name;
  const layeredTarget = targetOf();
  await runCommand(page, 'RHCOS Layering: Roll Back Layered Image…');
  const input = page.locator('.quick-input-widget');
  await input.locator('.monaco-list-row', { hasText: 'os-layer-worker' }).first().waitFor({ timeout: 30_000 });
  const first = await input.locator('.monaco-list-row').first().locator('.label-description').innerText();
  assert.match(first, /worker · applied from VS Code/);
  await page.keyboard.press('Enter');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), /worker, 3 nodes: reboot \(osImageURL changed: an OS image change always reboots\)/);
  await dialog.getByRole('button', { name: 'Delete and roll back' }).click();
  await notification(page, /deleted os-layer-worker; the pool is rolling back/, 30_000);
  assert.equal(sim.store.get('machineconfigs', 'os-layer-worker'), undefined);
  for (let i = 0; targetOf() === layeredTarget; i++) {
    assert.ok(i < 100, 'MCO rendered a new config after the delete');
    await page.waitForTimeout(100);
  }
  await notification(page, new RegExp(`Pool worker finished updating: 3/3 nodes on ${targetOf()}`), 90_000);
  const base = (
    sim.store.get('configmaps', 'machine-config-osimageurl', 'openshift-machine-config-operator')!['data'] as {
      baseOSContainerImage: string;
    }
  ).baseOSContainerImage;
  for (const n of ['worker-0', 'worker-1', 'worker-2'])
    assert.equal(sim.store.get('nodes', n)!.metadata.annotations?.['machineconfiguration.openshift.io/currentImage'], base);
});

test('lint errors ask before building; Build anyway; the failing RUN is reported at its line in Problems', async () => {
  await quickOpen(page, 'failing/Containerfile');
  await waitForProblems(page, (p) => p.some((x) => x.file === 'failing/Containerfile' && x.code === 'rpm-ostree-unsupported-verb'));
  await runCommand(page, 'RHCOS Layering: Build Layered Image…');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  const text = await dialog.innerText();
  assert.match(text, /Containerfile has 1 lint error; the image may not boot or the build may fail\./);
  assert.match(text, /line 2: `rpm-ostree kargs` fails in a container build/);
  await dialog.getByRole('button', { name: 'Build anyway' }).click();
  await answerInput(page, `${lab.plain}/layered:fail`);
  const failed = await notification(page, /build failed/, 120_000);
  assert.equal(
    failed.text,
    'RHCOS Layering: build failed. RUN echo about-to-fail && exit 3 at line 3 exited with status 3. Its output is in the terminal above; fix the command and build again.',
  );
  const ps = await waitForProblems(page, (p) =>
    p.some((x) => x.file === 'failing/Containerfile' && /exited with status 3/.test(x.message)),
  );
  const build = ps.find((x) => /exited with status 3/.test(x.message))!;
  assert.deepEqual([build.severity, build.line, build.column], ['error', 3, 1]);
  await page.screenshot({ path: path.join(SHOTS, 'build-failed.png') });
  // Every error notification offers Show Output, and the error is in the RHCOS Layering channel.
  await failed.click('Show Output');
  const channel = page.locator('.part.panel .view-lines', { hasText: 'error: RHCOS Layering: build failed' }).first();
  await channel.waitFor({ timeout: 15_000 });
  // The editor renders spaces as no-break spaces and wraps long lines.
  const shown = (await channel.innerText()).replace(/\s+/g, ' ');
  assert.match(shown, /error: RHCOS Layering: build failed\. RUN echo about-to-fail && exit 3 at line 3 exited with status 3/);
});

test('Apply MachineConfig from the editor: the modal says which osImageURL wins when another MachineConfig sets one', async () => {
  const other = 'quay.io/example/other@sha256:' + '9'.repeat(64);
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: 'zz-worker-other', labels: { 'machineconfiguration.openshift.io/role': 'worker' } },
    spec: { osImageURL: other },
  });
  const file = path.join(ws, 'machineconfigs', '99-worker-layer.yaml');
  fs.writeFileSync(
    file,
    `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-worker-layer\n  labels:\n    machineconfiguration.openshift.io/role: worker\nspec:\n  osImageURL: ${pushedRef}\n`,
  );
  await quickOpen(page, 'machineconfigs/99-worker-layer.yaml');
  await page.waitForTimeout(1500); // the first lint of the file
  await runCommand(page, 'RHCOS Layering: Apply MachineConfig…');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  const text = await dialog.innerText();
  assert.match(text, /worker, 3 nodes: no change to the rendered config, nothing rolls out/);
  assert.match(text, /This will create MachineConfig 99-worker-layer on rhcos-layering-sim \(the server accepted it in a dry run\)/);
  assert.match(text, /MachineConfig zz-worker-other also sets osImageURL for pool worker/);
  assert.match(text, /zz-worker-other wins over 99-worker-layer/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(sim.store.get('machineconfigs', '99-worker-layer'), undefined, 'cancelled: nothing applied');
  sim.store.delete('machineconfigs', 'zz-worker-other');
});

test('Apply MachineConfig on an edited, unsaved document applies what the editor shows; the file on disk stays as it was', async () => {
  const file = path.join(ws, 'machineconfigs', '99-worker-layer.yaml');
  const onDisk = fs.readFileSync(file, 'utf8');
  await quickOpen(page, 'machineconfigs/99-worker-layer.yaml');
  await goTo(page, 4, 24); // after `  name: 99-worker-layer`
  await page.keyboard.type('-edited');
  await page.waitForTimeout(1500); // the lint of the edit
  await runCommand(page, 'RHCOS Layering: Apply MachineConfig…');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), /This will create MachineConfig 99-worker-layer-edited on rhcos-layering-sim/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(sim.store.get('machineconfigs', '99-worker-layer-edited'), undefined, 'cancelled: nothing applied');
  assert.equal(fs.readFileSync(file, 'utf8'), onDisk, 'the file was not saved behind the user');
  await runCommand(page, 'File: Revert File');
});

test('Rollouts item actions: pause and resume a pool, open its rendered MachineConfig read-only', async () => {
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  const pane = page.locator('.pane', { hasText: 'Rollouts' });
  const pool = pane.locator('.monaco-list-row', { hasText: /^\s*worker/ }).first();
  await pool.waitFor({ timeout: 30_000 });
  await pool.hover();
  await pool.getByRole('button', { name: 'Pause Pool' }).click();
  await pane
    .locator('.monaco-list-row', { hasText: /worker.*Paused/ })
    .first()
    .waitFor({ timeout: 30_000 });
  assert.equal((sim.store.get('machineconfigpools', 'worker')!['spec'] as { paused: boolean }).paused, true);
  await pool.hover();
  await pool.getByRole('button', { name: 'Resume Pool' }).click();
  await pane
    .locator('.monaco-list-row', { hasText: /worker.*Updated/ })
    .first()
    .waitFor({ timeout: 30_000 });
  assert.equal((sim.store.get('machineconfigpools', 'worker')!['spec'] as { paused: boolean }).paused, false);
  await pool.click({ button: 'right' });
  await runMenuItem(page, 'Open Rendered MachineConfig');
  const target = (sim.store.get('machineconfigpools', 'worker')!['spec'] as { configuration: { name: string } }).configuration.name;
  await page
    .locator('.tabs-container .tab.active', { hasText: `${target}.yaml` })
    .waitFor({ timeout: 30_000 })
    .catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(SHOTS, 'failure-rendered.png') });
      throw e;
    });
  const text = (await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText()).replace(
    /\u00a0/g,
    ' ',
  );
  assert.match(text, new RegExp(`# MachineConfig ${target} on rhcos-layering-sim \\(read-only`));
  assert.match(text, /kind: MachineConfig/);
  await page.screenshot({ path: path.join(SHOTS, 'rendered-machineconfig.png') });
});

test('Filter Rollouts…: only the nodes whose name matches, said in the view title; Clear brings them back', async () => {
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  const workers = async () => (await treeRows()).filter((r) => /^worker-\d/.test(r)).map((r) => r.split(' ')[0]);
  for (let i = 0; i < 50 && (await workers()).length < 3; i++) await page.waitForTimeout(200);
  assert.deepEqual(await workers(), ['worker-0', 'worker-1', 'worker-2']);
  await runCommand(page, 'RHCOS Layering: Filter Rollouts…');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Node name contains…' }).first().click();
  await answerInput(page, 'worker-1');
  for (let i = 0; i < 50 && (await workers()).length !== 1; i++) await page.waitForTimeout(200);
  assert.deepEqual(await workers(), ['worker-1']);
  assert.match(
    await page
      .locator('.pane-header', { hasText: /rollouts/i })
      .first()
      .innerText(),
    /filter: "worker-1"/,
  );
  await runCommand(page, 'RHCOS Layering: Clear Rollouts Filter');
  for (let i = 0; i < 50 && (await workers()).length !== 3; i++) await page.waitForTimeout(200);
  assert.deepEqual(await workers(), ['worker-0', 'worker-1', 'worker-2']);
});

test('a protected context asks for its name before any write: Escape changes nothing, the name pauses and resumes', async () => {
  const settings = path.join(ws, '.vscode', 'settings.json');
  fs.writeFileSync(settings, JSON.stringify({ 'rhcosLayering.protectedContexts': ['rhcos-layering-*'] }));
  await page.waitForTimeout(1500); // VS Code reads the workspace settings file
  const paused = () => (sim.store.get('machineconfigpools', 'worker')!['spec'] as { paused?: boolean }).paused === true;
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  const pane = page.locator('.pane', { hasText: 'Rollouts' });
  const pool = pane.locator('.monaco-list-row', { hasText: /^\s*worker/ }).first();
  await pool.waitFor({ timeout: 30_000 });
  const box = page.locator('.quick-input-widget');
  await pool.hover();
  await pool.getByRole('button', { name: 'Pause Pool' }).click();
  await box.waitFor();
  assert.match(await box.innerText(), /rhcos-layering-sim is a protected context/);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(1000);
  assert.equal(paused(), false, 'not typed: nothing written');
  await pool.hover();
  await pool.getByRole('button', { name: 'Pause Pool' }).click();
  await answerInput(page, 'rhcos-layering-sim');
  for (let i = 0; i < 100 && !paused(); i++) await page.waitForTimeout(100);
  assert.equal(paused(), true);
  await pane
    .locator('.monaco-list-row', { hasText: /worker.*Paused/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await pool.hover();
  await pool.getByRole('button', { name: 'Resume Pool' }).click();
  await answerInput(page, 'rhcos-layering-sim');
  for (let i = 0; i < 100 && paused(); i++) await page.waitForTimeout(100);
  assert.equal(paused(), false);
  fs.rmSync(settings);
});

test('a rhcos-layering-build task from tasks.json builds the image', async () => {
  await runCommand(page, 'Tasks: Run Task');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'build layered from tasks.json' })
    .first()
    .waitFor({ timeout: 30_000 });
  await answerInput(page, 'build layered from tasks.json');
  await page
    .locator('.xterm-rows', { hasText: `Built ${lab.plain}/layered:tasks-json` })
    .first()
    .waitFor({ timeout: 120_000 });
  const id = execFileSync('podman', ['image', 'inspect', '--format', '{{.Id}}', `${lab.plain}/layered:tasks-json`], {
    env: lab.env,
    encoding: 'utf8',
  }).trim();
  assert.match(id, /^[0-9a-f]{64}$/);
});

test('Build Layered Image… with no Containerfile in the editor: the file, then its tag; Back keeps the file focused and the tag typed', async () => {
  const input = page.locator('.quick-input-widget');
  const box = input.locator('input');
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'RHCOS Layering: Build Layered Image…');
  await step(/Build Layered Image: which Containerfile\? \(1\/2\)/);
  await input.locator('.monaco-list-row', { hasText: 'failing/Containerfile' }).first().waitFor({ timeout: 30_000 });
  await answerInput(page, 'layered/Containerfile');
  await step(/image name and tag for layered\/Containerfile \(2\/2\)/);
  const typed = `${lab.plain}/layered:kept`;
  await box.fill(typed);
  await input.getByRole('button', { name: 'Back' }).click();
  await step(/Build Layered Image: which Containerfile\? \(1\/2\)/);
  await input.locator('.monaco-list-row.focused', { hasText: 'layered/Containerfile' }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await step(/image name and tag for layered\/Containerfile \(2\/2\)/);
  assert.equal(await box.inputValue(), typed, 'the tag typed before going Back');
  await page.keyboard.press('Escape');
  await input.waitFor({ state: 'hidden' });
});

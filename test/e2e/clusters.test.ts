/**
 * Many clusters and cluster documents in a real VS Code, against two cluster simulators: the
 * known-kubeconfigs list of Select Cluster Context…, the context remembered per workspace, pool
 * notifications muted by rhcosLayering.poolNotifications, a pool opened as read-only YAML with links
 * and Refresh, and the Apply to pool CodeLens above a MachineConfig file (and its setting).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from '../harness/codeServer';
import { openBrowser } from '../harness/browser';
import { waitForWorkbench, quickOpen, runCommand, runMenuItem, recordToasts, statusBarItem, typeInFileDialog } from '../harness/workbench';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
let dir: string;
let a: Simulator;
let b: Simulator;
let fileB: string;
let ws1: string;
let ws2: string;
let cs: Instance;
let ctx: BrowserContext;
let page: Page;

const MC = `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 99-worker-ssh
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  config:
    ignition:
      version: 3.4.0
`;

type Kc = {
  clusters: { name: string }[];
  users: { name: string }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
};

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-e2e-clusters-'));
  a = await startSimulator(options({ kubeconfig: path.join(dir, 'a.kubeconfig'), speed: 20 }));
  b = await startSimulator(options({ kubeconfig: path.join(dir, 'b-sim.kubeconfig'), speed: 20, nodes: { worker: 2, master: 3 } }));
  // A second kubeconfig: cluster-b (simulator B, its current-context) and cluster-b2 (simulator A).
  const ka = parse(fs.readFileSync(a.kubeconfig, 'utf8')) as Kc;
  const kb = parse(fs.readFileSync(b.kubeconfig, 'utf8')) as Kc;
  const rename = (k: Kc, suffix: string) => {
    for (const x of [...k.clusters, ...k.users]) x.name += suffix;
    for (const c of k.contexts) c.context = { cluster: c.context.cluster + suffix, user: c.context.user + suffix };
  };
  rename(ka, '-a');
  rename(kb, '-b');
  fileB = path.join(dir, 'b.kubeconfig');
  fs.writeFileSync(
    fileB,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [...kb.clusters, ...ka.clusters],
      users: [...kb.users, ...ka.users],
      contexts: [
        { name: 'cluster-b', context: kb.contexts[0]!.context },
        { name: 'cluster-b2', context: ka.contexts[0]!.context },
      ],
      'current-context': 'cluster-b',
    }),
    { mode: 0o600 },
  );
  ws1 = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-one-'));
  ws2 = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-two-'));
  for (const w of [ws1, ws2]) {
    fs.writeFileSync(path.join(w, '99-worker-ssh.yaml'), MC);
    fs.mkdirSync(path.join(w, '.vscode'));
  }
  cs = await startCodeServer({ settings: { 'rhcosLayering.kubeconfig': a.kubeconfig, 'files.autoSave': 'off' } });
  ({ ctx, page } = await openBrowser());
  await page.goto(cs.url(ws1));
  await waitForWorkbench(page, '99-worker-ssh.yaml');
});

after(async () => {
  await ctx?.close();
  await cs?.stop();
  await a?.stop();
  await b?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const box = () => page.locator('.quick-input-widget');

/** Filters the open quick pick and accepts the first match. */
async function pick(text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

async function statusIs(text: RegExp, timeoutMs = 30_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = (await statusBarItem(page)).text;
    if (text.test(s)) return s;
    if (Date.now() > end) assert.fail(`status bar: ${s}, expected ${String(text)}`);
    await page.waitForTimeout(200);
  }
}

/** The status bar item runs Select Cluster Context…. */
async function selectContext(): Promise<void> {
  const item = page.locator('.statusbar-item[id$="rhcosLayering.context"]').first();
  await item.waitFor({ timeout: 30_000 });
  await item.click();
}

test('Select Cluster Context…: choose another kubeconfig file, then the file used before is offered as a known kubeconfig', async () => {
  await quickOpen(page, '99-worker-ssh.yaml');
  await selectContext();
  await box().getByText('rhcos-layering-sim').first().waitFor();
  await pick('Choose a kubeconfig file');
  // code-server's open dialog is a path box in the quick input.
  await typeInFileDialog(page, fileB);
  await box().getByText('cluster-b2').first().waitFor({ timeout: 60_000 });
  await pick('cluster-b2');
  await statusIs(/cluster-b2/);

  await selectContext();
  await box().getByText('cluster-b2').first().waitFor();
  const listed = await box().innerText();
  assert.ok(listed.includes(a.kubeconfig), `the kubeconfig used before is offered: ${listed}`);
  assert.match(listed, /cluster-b2[\s\S]*\(current\)/);
  await page.screenshot({ path: path.join(SHOTS, 'select-context-known.png') });
  await page.keyboard.press('Escape');
});

test('the chosen context is remembered per workspace; another workspace uses the kubeconfig’s current-context', async () => {
  await page.goto(cs.url(ws2));
  await waitForWorkbench(page, '99-worker-ssh.yaml');
  await quickOpen(page, '99-worker-ssh.yaml');
  await statusIs(/cluster-b(?!2)/);
  await page.goto(cs.url(ws1));
  await waitForWorkbench(page, '99-worker-ssh.yaml');
  await quickOpen(page, '99-worker-ssh.yaml');
  await statusIs(/cluster-b2/);
});

test('a pool opens as read-only YAML with links to its rendered config, and Refresh reads it again', async () => {
  if (!page.url().includes(encodeURIComponent(ws1)) && !page.url().includes(ws1)) {
    await page.goto(cs.url(ws1));
    await waitForWorkbench(page, '99-worker-ssh.yaml');
  }
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  const pane = page.locator('.pane', { hasText: 'Rollouts' });
  const pool = pane.locator('.monaco-list-row', { hasText: /^\s*worker/ }).first();
  await pool.waitFor({ timeout: 30_000 });
  await pool.click({ button: 'right' });
  await runMenuItem(page, 'Open YAML (read-only)');
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  // Monaco renders spaces as U+00A0, which \s matches.
  await editor
    .getByText(/#\sMachineConfigPool\sworker\son\scluster-b2/)
    .waitFor({ timeout: 60_000 })
    .catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(SHOTS, 'failure-pool-yaml.png') });
      throw e;
    });
  const link = editor.locator('.detected-link', { hasText: /^rendered-worker-/ }).first();
  await link.waitFor({ timeout: 15_000 });
  const rendered = (await link.innerText()).trim();
  await page.screenshot({ path: path.join(SHOTS, 'pool-yaml-links.png') });

  // Read-only: typing changes nothing.
  await editor.click();
  await page.keyboard.type('zzz');
  assert.ok(!(await editor.innerText()).includes('zzz'), 'the cluster document is read-only');
  await page.keyboard.press('Escape');

  a.store.mutate('machineconfigpools', 'worker', (p) => ((p.metadata.labels = { ...p.metadata.labels, 'refreshed-by': 'e2e' }), p));
  await page.locator('.editor-actions [aria-label^="Refresh from Cluster"]').first().click();
  await editor.getByText(/refreshed-by:\se2e/).waitFor({ timeout: 15_000 });

  await link.click({ modifiers: ['Control'] });
  await page.locator('.tab', { hasText: `${rendered}.yaml` }).waitFor({ timeout: 15_000 });
  await page
    .locator('.editor-group-container.active .monaco-editor')
    .first()
    .getByText(new RegExp(`#\\sMachineConfig\\s${rendered}\\son\\scluster-b2`))
    .waitFor({ timeout: 30_000 });
});

test('Apply to pool worker (3 nodes) above the MachineConfig file, gone when rhcosLayering.codeLens.apply is off', async () => {
  // The previous test leaves cluster documents open with the focus in one: start from a clean editor area.
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  await quickOpen(page, '99-worker-ssh.yaml').catch(async (e: unknown) => {
    await page.screenshot({ path: path.join(SHOTS, 'failure-codelens-open.png') });
    throw e;
  });
  const lens = page.locator('.codelens-decoration', { hasText: 'Apply to pool worker (3 nodes)' });
  await lens.waitFor({ timeout: 30_000 });
  await page.screenshot({ path: path.join(SHOTS, 'apply-codelens.png') });
  fs.writeFileSync(path.join(ws1, '.vscode', 'settings.json'), JSON.stringify({ 'rhcosLayering.codeLens.apply': false }));
  await lens.waitFor({ state: 'hidden', timeout: 30_000 });
});

test('rhcosLayering.poolNotifications: off mutes a finished rollout, all announces it', async () => {
  const toasts = await recordToasts(page);
  const settings = path.join(ws1, '.vscode', 'settings.json');
  const rollOut = async (name: string) => {
    a.store.create('machineconfigs', {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfig',
      metadata: { name, labels: { 'machineconfiguration.openshift.io/role': 'worker' } },
      spec: { kernelArguments: [name] },
    });
    const pool = () => a.store.get('machineconfigpools', 'worker')!['status'] as { conditions?: { type: string; status: string }[] };
    const updated = () => pool().conditions?.find((c) => c.type === 'Updated')?.status === 'True';
    for (let i = 0; i < 300 && updated(); i++) await page.waitForTimeout(50); // it starts updating
    for (let i = 0; i < 600 && !updated(); i++) await page.waitForTimeout(100);
    assert.ok(updated(), `${name}: the worker pool finished updating`);
    await page.waitForTimeout(3000); // the watch event and the notification
  };
  fs.writeFileSync(settings, JSON.stringify({ 'rhcosLayering.poolNotifications': 'off' }));
  await page.waitForTimeout(1500);
  await rollOut('99-worker-muted');
  assert.deepEqual(
    (await toasts()).filter((t) => /finished updating/.test(t.text)),
    [],
    'off: no notification',
  );
  fs.writeFileSync(settings, JSON.stringify({ 'rhcosLayering.poolNotifications': 'all' }));
  await page.waitForTimeout(1500);
  await rollOut('99-worker-heard');
  assert.ok(
    (await toasts()).some((t) => /Pool worker finished updating/.test(t.text)),
    JSON.stringify(await toasts()),
  );
});

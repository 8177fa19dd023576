/**
 * The plan before a write, in a real VS Code (the packaged .vsix in code-server, headless Chromium),
 * against the cluster simulator (OpenShift 4.19, three workers): Apply MachineConfig on a file-only
 * MachineConfig opens the server's dry run in a read-only diff editor (no Untitled buffer), and the
 * modal states the plan (here a reboot: /etc/foo.conf has no disruption policy). The write and the plan
 * are in the "RHCOS Layering: Cluster" log.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from '../harness/codeServer';
import { openBrowser } from '../harness/browser';
import { waitForWorkbench, quickOpen, runCommand } from '../harness/workbench';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
let sim: Simulator;
let cs: Instance;
let ctx: BrowserContext;
let page: Page;
let ws: string;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-e2e-plan-'));
  sim = await startSimulator(
    options({ kubeconfig: path.join(dir, 'kubeconfig'), nodes: { worker: 3, master: 1 }, speed: 5, ocpVersion: '4.19' }),
  );
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-plan-'));
  fs.mkdirSync(path.join(ws, 'machineconfigs'));
  fs.writeFileSync(
    path.join(ws, 'machineconfigs', '99-worker-foo.yaml'),
    [
      'apiVersion: machineconfiguration.openshift.io/v1',
      'kind: MachineConfig',
      'metadata:',
      '  name: 99-worker-foo',
      '  labels:',
      '    machineconfiguration.openshift.io/role: worker',
      'spec:',
      '  config:',
      '    ignition:',
      '      version: 3.4.0',
      '    storage:',
      '      files:',
      '        - path: /etc/foo.conf',
      '          mode: 420',
      '          overwrite: true',
      '          contents:',
      '            source: data:,hello%20plan',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(ws, 'machineconfigs', '99-worker-bar.yaml'),
    fs
      .readFileSync(path.join(ws, 'machineconfigs', '99-worker-foo.yaml'), 'utf8')
      .replace(/foo/g, 'bar')
      .replace('hello%20plan', 'reload'),
  );
  cs = await startCodeServer({ settings: { 'rhcosLayering.ocpVersion': '4.19', 'rhcosLayering.kubeconfig': sim.kubeconfig } });
  ({ ctx, page } = await openBrowser());
  await page.goto(cs.url(ws));
  await waitForWorkbench(page, 'machineconfigs');
});

after(async () => {
  await ctx?.close();
  await cs?.stop();
  await sim?.stop();
});

test('Apply MachineConfig: a read-only dry-run diff, no Untitled buffer, and a modal that states the plan', async () => {
  await quickOpen(page, 'machineconfigs/99-worker-foo.yaml');
  // The palette offers the command once the language server has told the editor this is a MachineConfig
  // file, which on a cold, loaded machine takes a while after the first open.
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand(page, 'RHCOS Layering: Apply MachineConfig…');
      break;
    } catch (e) {
      if (attempt === 4) throw e;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(5000);
    }
  }
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const text = (await dialog.innerText()).replace(/\u00a0/g, ' ');
  await page.screenshot({ path: path.join(SHOTS, 'plan-modal.png') });
  assert.match(text, /rhcos-layering-sim: worker, 3 nodes: reboot \(\/etc\/foo\.conf has no disruption policy\)/);
  assert.match(text, /worker: 3 waves of up to 1 node \(maxUnavailable\)/);
  assert.match(text, /Plan from node disruption policies from MachineConfiguration\/cluster\./);
  assert.match(text, /This will create MachineConfig 99-worker-foo on rhcos-layering-sim \(the server accepted it in a dry run\)/);
  // Behind the modal: the diff editor with the server's dry run on the right, an empty left side (create).
  const diff = page.locator('.monaco-diff-editor').first();
  await diff.waitFor({ state: 'attached', timeout: 10_000 });
  const tabs = (await page.locator('.tabs-container .tab').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  assert.ok(
    tabs.some((t) => /MachineConfig 99-worker-foo on rhcos-layering-sim: new \(server dry run, read-only\)/.test(t)),
    tabs.join(' | '),
  );
  assert.ok(!tabs.some((t) => /Untitled/.test(t)), `no Untitled buffer: ${tabs.join(' | ')}`);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  // The MachineConfig is on the cluster now.
  for (let i = 0; !sim.store.get('machineconfigs', '99-worker-foo'); i++) {
    assert.ok(i < 300, 'the MachineConfig was created');
    await page.waitForTimeout(100);
  }
  // The right side is the dry-run object, read-only: typing into it changes nothing and marks nothing dirty.
  const modified = diff.locator('.editor.modified .view-lines');
  const right = (await modified.innerText()).replace(/\u00a0/g, ' ');
  assert.match(right, /name: 99-worker-foo[\s\S]*path: \/etc\/foo\.conf[\s\S]*source: data:,hello%20plan/);
  await modified.click();
  await page.keyboard.type('typed');
  await page.waitForTimeout(500);
  assert.doesNotMatch(await modified.innerText(), /typed/);
  assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0);
  // The plan and the writes are in the cluster log.
  await runCommand(page, 'Output: Show Output Channels...');
  await page.keyboard.type('RHCOS Layering: Cluster');
  await page.keyboard.press('Enter');
  const log = page.locator('.part.panel .view-lines', { hasText: 'verb=plan-apply' }).first();
  await log.waitFor({ timeout: 15_000 });
  // The panel wraps long lines; a wrap may fall anywhere, so spaces are taken out before matching.
  const shown = (await log.innerText()).replace(/\s+/g, '');
  assert.match(
    shown,
    /verb=plan-applyobject=machineconfigs\/99-worker-foo.*plan="worker,3nodes:reboot\(\/etc\/foo\.confhasnodisruptionpolicy\)/,
  );
  assert.match(shown, /verb=createobject=machineconfigs\/99-worker-foodry-runresult=ok/);
  assert.match(shown, /verb=createobject=machineconfigs\/99-worker-fooresult=ok/);
  await page.screenshot({ path: path.join(SHOTS, 'plan-log.png') });
});

test('a file covered by a Reload policy: the modal says no drain and no reboot, and no worker is cordoned or goes NotReady', async () => {
  sim.store.mutate('machineconfigurations', 'cluster', (m) => {
    m['spec'] = {
      ...(m['spec'] ?? {}),
      nodeDisruptionPolicy: { files: [{ path: '/etc/bar.conf', actions: [{ type: 'Reload', reload: { serviceName: 'crio.service' } }] }] },
    };
    return m;
  });
  // Wait for the previous rollout to end, so this one is measured alone.
  const workers = () => sim.store.list('nodes').filter((n) => n.metadata.name.startsWith('worker'));
  const target = () =>
    ((sim.store.get('machineconfigpools', 'worker')!.spec as { configuration?: { name?: string } }).configuration ?? {}).name;
  const doneOn = (t: string | undefined) =>
    workers().every(
      (n) =>
        n.metadata.annotations?.['machineconfiguration.openshift.io/currentConfig'] === t &&
        n.metadata.annotations?.['machineconfiguration.openshift.io/state'] === 'Done',
    );
  for (let i = 0; !doneOn(target()); i++) {
    assert.ok(i < 1200, 'the first rollout ended');
    await page.waitForTimeout(100);
  }
  const disrupted = new Set<string>();
  const onEvent = (e: {
    object: { kind?: string; metadata: { name: string }; spec?: Record<string, unknown>; status?: Record<string, unknown> };
  }) => {
    const n = e.object;
    if (n.kind !== 'Node' || !n.metadata.name.startsWith('worker')) return;
    const ready = (n.status?.['conditions'] as { type: string; status: string }[] | undefined)?.find((c) => c.type === 'Ready');
    if (n.spec?.['unschedulable'] === true || (ready && ready.status !== 'True')) disrupted.add(n.metadata.name);
  };
  sim.store.on('event', onEvent);
  try {
    await quickOpen(page, 'machineconfigs/99-worker-bar.yaml');
    for (let attempt = 1; ; attempt++) {
      try {
        await runCommand(page, 'RHCOS Layering: Apply MachineConfig…');
        break;
      } catch (e) {
        if (attempt === 4) throw e;
        await page.keyboard.press('Escape');
        await page.waitForTimeout(5000);
      }
    }
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    const text = (await dialog.innerText()).replace(/\u00a0/g, ' ');
    await page.screenshot({ path: path.join(SHOTS, 'plan-modal-reload.png') });
    assert.match(text, /rhcos-layering-sim: worker, 3 nodes: reload crio\.service, no drain, no reboot/);
    const before = target();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    for (let i = 0; target() === before || !doneOn(target()); i++) {
      assert.ok(i < 1200, 'the workers updated to the new rendered config');
      await page.waitForTimeout(100);
    }
    assert.deepEqual([...disrupted], [], 'no worker was cordoned or NotReady');
  } finally {
    sim.store.off('event', onEvent);
  }
});

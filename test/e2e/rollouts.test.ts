/**
 * The Rollouts view in a real VS Code (the packaged .vsix in code-server, headless Chromium), against
 * two cluster simulators and a server that accepts TCP and never answers, all in one kubeconfig:
 * - after Apply MachineConfig, "Pool worker finished updating" appears once, and only after the
 *   simulator's last worker is Done (issue 12: it came 0.1–0.4 s after every apply);
 * - Select Cluster Context clears the previous cluster's pools at once, says it is not connected (welcome content),
 *   and the status bar never shows the connected icon meanwhile;
 * - in Restricted Mode nothing talks to a cluster (the simulator counts zero requests, the
 *   kubeconfig's exec plugin never runs), the view shows its welcome text, and linting still works.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from '../harness/codeServer';
import { openBrowser } from '../harness/browser';
import {
  waitForWorkbench,
  quickOpen,
  runCommand,
  answerInput,
  waitForProblems,
  recordToasts,
  treeRows,
  statusBarItem,
  welcomeText,
} from '../harness/workbench';
import { startSimulator, options } from '../harness/cluster-sim/main';
import type { Simulator } from '../harness/cluster-sim/main';
import type { WatchEvent } from '../harness/cluster-sim/store';
import { silentServer } from '../harness/silentServer';
import { Cluster } from '../../client/src/cluster/cluster';
import type { SilentServer } from '../harness/silentServer';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
const ANN = 'machineconfiguration.openshift.io/';
const IMAGE = 'quay.io/example/layered@sha256:' + 'e'.repeat(64);
let dir: string;
let a: Simulator;
let b: Simulator;
let hung: SilentServer;
let kubeconfig: string;
let cs: Instance;
let ctx: BrowserContext;
let page: Page;
let ws: string;

type Kubeconfig = {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  'current-context'?: string;
};

/** One kubeconfig with a context per server: cluster-a, cluster-b and hung (accepts TCP, never answers). */
function mergedKubeconfig(file: string, parts: { name: string; from: string; server?: string }[]): void {
  const out: Kubeconfig & { apiVersion: string; kind: string } = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [],
    users: [],
    contexts: [],
    'current-context': parts[0]!.name,
  };
  for (const p of parts) {
    const k = yaml.load(fs.readFileSync(p.from, 'utf8')) as Kubeconfig;
    out.clusters.push({ name: p.name, cluster: { ...k.clusters[0]!.cluster, ...(p.server ? { server: p.server } : {}) } });
    out.users.push({ name: p.name, user: k.users[0]!.user });
    out.contexts.push({ name: p.name, context: { cluster: p.name, user: p.name } });
  }
  fs.writeFileSync(file, yaml.dump(out), { mode: 0o600 });
}

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-e2e-rollouts-'));
  // Slow enough that a rollout of 3 workers takes several seconds: an early notification is visible as early.
  a = await startSimulator(options({ kubeconfig: path.join(dir, 'a'), nodes: { worker: 3, master: 1 }, speed: 1.5 }));
  b = await startSimulator(options({ kubeconfig: path.join(dir, 'b'), nodes: { worker: 2, master: 1 }, speed: 1.5 }));
  hung = await silentServer();
  kubeconfig = path.join(dir, 'kubeconfig');
  mergedKubeconfig(kubeconfig, [
    { name: 'cluster-a', from: a.kubeconfig },
    { name: 'cluster-b', from: b.kubeconfig },
    { name: 'hung', from: a.kubeconfig, server: `https://127.0.0.1:${hung.port}` },
  ]);
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-rollouts-'));
  fs.mkdirSync(path.join(ws, 'machineconfigs'));
  fs.writeFileSync(
    path.join(ws, 'machineconfigs', '99-worker-layer.yaml'),
    `apiVersion: machineconfiguration.openshift.io/v1\nkind: MachineConfig\nmetadata:\n  name: 99-worker-layer\n  labels:\n` +
      `    machineconfiguration.openshift.io/role: worker\nspec:\n  osImageURL: ${IMAGE}\n`,
  );
  cs = await startCodeServer({ settings: { 'rhcosLayering.ocpVersion': '4.16', 'rhcosLayering.kubeconfig': kubeconfig } });
  ({ ctx, page } = await openBrowser());
  await page.goto(cs.url(ws));
  await waitForWorkbench(page, 'machineconfigs');
});

after(async () => {
  await ctx?.close();
  await cs?.stop();
  await a?.stop();
  await b?.stop();
  await hung?.close();
});

const pane = () => page.locator('.pane', { hasText: 'Rollouts' });

async function until<T>(what: string, f: () => Promise<T | undefined | false> | T | undefined | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) {
      last = await treeRows(page).catch(() => []);
      await page.screenshot({ path: path.join(SHOTS, `failure-${what.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      throw new Error(`timed out waiting for ${what}; Rollouts rows: ${JSON.stringify(last)}`);
    }
    await page.waitForTimeout(100);
  }
}

test('after Apply MachineConfig, "Pool worker finished updating" appears once, only after the last worker is Done', async () => {
  await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
  await until('the pools of cluster-a', async () => (await treeRows(page)).some((r) => /^worker 3\/3 · Updated$/.test(r)));
  // The pools' rows expanded, so the view also follows the nodes (as a user watching the rollout would).
  await pane()
    .locator('.monaco-list-row', { hasText: /^\s*worker/ })
    .first()
    .click();
  await until('the workers', async () => (await treeRows(page)).filter((r) => /^worker-\d Done$/.test(r)).length === 3);
  const toasts = await recordToasts(page);
  // When the simulator's last worker became Done on the new config, and when its pool said Updated.
  let lastDoneAt = 0;
  let target = '';
  const onEvent = (e: WatchEvent) => {
    if (e.plural === 'machineconfigpools' && e.object.metadata.name === 'worker')
      target = ((e.object['spec'] as { configuration?: { name?: string } }).configuration?.name ?? target) || target;
    if (e.plural !== 'nodes' || !e.object.metadata.name.startsWith('worker-')) return;
    const an = e.object.metadata.annotations ?? {};
    if ((an[`${ANN}state`] ?? 'Done') === 'Done' && an[`${ANN}currentConfig`] === target && target) lastDoneAt = Date.now();
  };
  a.store.on('event', onEvent);
  try {
    await quickOpen(page, 'machineconfigs/99-worker-layer.yaml');
    await page.waitForTimeout(1500); // the first lint of the file
    await runCommand(page, 'RHCOS Layering: Apply MachineConfig…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /worker, 3 nodes: reboot \(osImageURL changed: an OS image change always reboots\)/);
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const appliedAt = Date.now();
    const allDone = () =>
      a.store
        .list('nodes')
        .filter((n) => n.metadata.name.startsWith('worker-'))
        .every(
          (n) =>
            n.metadata.annotations?.[`${ANN}currentConfig`] === target && (n.metadata.annotations?.[`${ANN}state`] ?? 'Done') === 'Done',
        );
    await until('the rollout on the simulator', () => target !== '' && allDone(), 90_000);
    const doneAt = lastDoneAt;
    // The toast comes from the watch that saw the pool become Updated: give it time, then a while more for a second one.
    await until('the notification', async () => (await toasts()).some((t) => /Pool worker finished updating/.test(t.text)), 30_000);
    await page.waitForTimeout(3_000);
    const finished = (await toasts()).filter((t) => /Pool worker finished updating/.test(t.text));
    console.log(
      `apply at 0 ms; last worker Done on the simulator at ${doneAt - appliedAt} ms; ` +
        `"finished updating" at ${finished.map((t) => `${t.at - appliedAt} ms`).join(', ')}`,
    );
    assert.equal(finished.length, 1, `one notification, not ${finished.length}: ${JSON.stringify(finished)}`);
    assert.match(finished[0]!.text, new RegExp(`Pool worker finished updating: 3/3 nodes on ${target}`));
    assert.ok(doneAt > appliedAt + 2_000, 'the rollout took seconds on the simulator (so an early notification shows as early)');
    assert.ok(finished[0]!.at >= doneAt, `the notification came ${doneAt - finished[0]!.at} ms before the last worker was Done`);
    await page.screenshot({ path: path.join(SHOTS, 'rollout-finished-once.png') });
  } finally {
    a.store.off('event', onEvent);
  }
});

/** Samples the view and the status bar about every 100 ms for `ms`. */
async function sample(ms: number): Promise<{ at: number; rows: string[]; status: { text: string; connectedIcon: boolean } }[]> {
  const out: { at: number; rows: string[]; status: { text: string; connectedIcon: boolean } }[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await page.waitForTimeout(100))
    out.push({ at: Date.now(), rows: await treeRows(page), status: await statusBarItem(page) });
  return out;
}

test('Select Cluster Context: the old pools go at once, a silent server is shown as not connected, the status bar never says connected', async () => {
  await until('cluster-a connected in the status bar', async () => {
    const s = await statusBarItem(page);
    return s.connectedIcon && s.text.includes('cluster-a');
  });
  const connectionsToA = () => a.connections();
  // 1. to a server that accepts TCP and never answers
  await runCommand(page, 'RHCOS Layering: Select Cluster Context…');
  await answerInput(page, 'hung');
  const switchedAt = Date.now();
  const toHung = await sample(8_000);
  await page.screenshot({ path: path.join(SHOTS, 'context-hung.png') });
  const leftovers = toHung.filter((s) => s.rows.some((r) => /^(worker|master)\b/.test(r)));
  // VS Code repaints the tree asynchronously: the old rows may stay for a moment, not for seconds.
  const lastLeft = leftovers.at(-1);
  assert.ok(
    !lastLeft || lastLeft.at - switchedAt < 1_500,
    `cluster-a's pools were still on screen ${lastLeft ? lastLeft.at - switchedAt : 0} ms after switching: ${JSON.stringify(lastLeft)}`,
  );
  const last = toHung.at(-1)!;
  // No rows, and the welcome content that says so (connecting, or cannot reach once the request times out).
  const welcome = await welcomeText(page);
  assert.ok(
    last.rows.length === 0 && /^(Connecting to the cluster|Cannot reach the cluster)/.test(welcome),
    `the view says it is not connected: ${JSON.stringify(last.rows)} ${JSON.stringify(welcome)}`,
  );
  // From the first sign of the switch (in the view or the status bar) on, never the connected icon.
  const from = toHung.findIndex((s) => s.status.text.includes('hung') || !s.rows.some((r) => /^(worker|master)\b/.test(r)));
  assert.ok(from >= 0, 'the switch showed');
  const said = toHung.slice(from).filter((s) => s.status.connectedIcon);
  assert.deepEqual(said, [], 'the status bar never shows the connected icon while the cluster does not answer');
  assert.ok(last.status.text.includes('hung'), `the status bar names the context: ${last.status.text}`);
  await until('no socket left to cluster-a', () => connectionsToA() === 0, 10_000);
  // 2. to another simulator: its pools, never cluster-a's
  await runCommand(page, 'RHCOS Layering: Select Cluster Context…');
  await answerInput(page, 'cluster-b');
  await until('the pools of cluster-b', async () => (await treeRows(page)).some((r) => /^worker 2\/2 · Updated$/.test(r)), 30_000);
  const rows = await treeRows(page);
  assert.ok(!rows.some((r) => /^worker 3\/3/.test(r)), `no row of cluster-a: ${JSON.stringify(rows)}`);
  await until('cluster-b connected in the status bar', async () => {
    const s = await statusBarItem(page);
    return s.connectedIcon && s.text.includes('cluster-b');
  });
  assert.equal(hung.sockets(), 0, 'nothing kept talking to the silent server after switching away');
  await page.screenshot({ path: path.join(SHOTS, 'context-b.png') });
});

test('Restricted Mode: no request reaches the cluster, the exec plugin never runs, the view explains, linting works', async () => {
  const sim = await startSimulator(options({ kubeconfig: path.join(dir, 'restricted'), nodes: { worker: 2, master: 1 } }));
  // A kubeconfig whose credentials come from an exec plugin that leaves a mark when it runs.
  const marker = path.join(dir, 'exec-ran');
  const plugin = path.join(dir, 'credential-plugin.sh');
  const token = /token: (\S+)/.exec(fs.readFileSync(sim.kubeconfig, 'utf8'))![1]!;
  fs.writeFileSync(
    plugin,
    `#!/bin/sh\necho ran >> '${marker}'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${token}"}}'\n`,
    { mode: 0o755 },
  );
  const k = yaml.load(fs.readFileSync(sim.kubeconfig, 'utf8')) as Kubeconfig;
  k.users[0]!.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } };
  const execKubeconfig = path.join(dir, 'restricted-exec');
  fs.writeFileSync(execKubeconfig, yaml.dump(k), { mode: 0o600 });
  // The plugin works, and leaves its mark, when the cluster module uses this kubeconfig (so no mark below means it never ran).
  const check = await Cluster.connect({ explicit: execKubeconfig });
  assert.deepEqual((await check.list('machineconfigpools')).items.map((x) => x.metadata.name).sort(), ['master', 'worker']);
  check.close();
  assert.ok(fs.existsSync(marker), 'the exec plugin ran for the check');
  fs.rmSync(marker);
  const before = sim.requests();
  const restricted = await startCodeServer({
    trust: true,
    settings: { 'rhcosLayering.ocpVersion': '4.16', 'rhcosLayering.kubeconfig': execKubeconfig },
  });
  const br = await openBrowser();
  const p = br.page;
  try {
    const untrusted = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-untrusted-'));
    fs.cpSync(path.join(ROOT, 'examples'), untrusted, { recursive: true });
    await p.goto(restricted.url(untrusted));
    await p.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    const no = p.getByRole('button', { name: /No, I don.t trust the authors/ });
    await no.waitFor({ timeout: 60_000 });
    await no.click();
    await p.getByRole('treeitem', { name: 'hotfix' }).first().waitFor({ timeout: 60_000 });
    await p.getByText('Restricted Mode').first().waitFor({ timeout: 30_000 });
    // The Rollouts view: its welcome text, no rows.
    await runCommand(p, 'RHCOS Layering: Focus on Rollouts View');
    const view = p.locator('.pane', { hasText: 'Rollouts' });
    await view.getByText('Rollouts need a trusted workspace').waitFor({ timeout: 30_000 });
    // Linting still works, for a Containerfile and for a MachineConfig.
    await quickOpen(p, 'hotfix/Containerfile');
    await waitForProblems(p, (ps) => ps.some((x) => x.file === 'hotfix/Containerfile' && x.code === 'src-rpm-install'));
    await quickOpen(p, 'machineconfigs/os-layer-custom.yaml');
    await waitForProblems(p, (ps) => ps.some((x) => x.file === 'machineconfigs/os-layer-custom.yaml' && x.code === 'mc-role-label'));
    await p.screenshot({ path: path.join(SHOTS, 'restricted-rollouts.png') });
    await p.waitForTimeout(2_000); // anything late would arrive now
    assert.equal(sim.requests() - before, 0, 'requests the simulator received from an untrusted workspace');
    assert.equal(fs.existsSync(marker), false, 'the exec credential plugin ran in Restricted Mode');
  } finally {
    await br.ctx.close();
    await restricted.stop();
    await sim.stop();
  }
});

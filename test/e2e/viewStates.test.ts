/**
 * The Rollouts view's states in a real VS Code (the packaged .vsix in code-server, headless Chromium),
 * as a user meets them, in one session:
 * - no kubeconfig: the welcome view with Select Cluster Context… and Choose kubeconfig…, no rows;
 *   Choose kubeconfig… (the file dialog) then connects;
 * - a read-only identity (the simulator's read-only user): "read-only" in the description and the
 *   message, no Pause Pool on a pool, no Apply Layered Image to Pool… in the title bar or the palette;
 *   the admin context of the same kubeconfig offers them (so their absence is the access reviews');
 * - a pool that degrades: the notification's Show Failing Node reveals and selects the failing node.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import type { Page } from 'playwright-core';
import { answerInput, runCommand, treeRows, typeInFileDialog, viewDescription, viewMessage, welcomeText } from '../harness/workbench';
import { startSession, SHOTS } from '../harness/e2eSession';
import type { Session } from '../harness/e2eSession';
import type { Simulator } from '../harness/cluster-sim/main';

let s: Session;
let sim: Simulator;
let kubeconfig: string;
let page: Page;

type Kubeconfig = {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
};

before(async () => {
  s = await startSession({
    name: 'states',
    cluster: { nodes: { worker: 3, master: 1 }, speed: 3 },
    files: { 'README.md': 'view states\n' },
    prepare({ sim, dir }) {
      // One kubeconfig, two identities on the same cluster: read-only (current) and admin.
      const admin = yaml.load(fs.readFileSync(sim!.kubeconfig, 'utf8')) as Kubeconfig;
      const ro = yaml.load(fs.readFileSync(`${sim!.kubeconfig}.readonly`, 'utf8')) as Kubeconfig;
      kubeconfig = path.join(dir, 'two-identities');
      fs.writeFileSync(
        kubeconfig,
        yaml.dump({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'sim', cluster: admin.clusters[0]!.cluster }],
          users: [
            { name: 'viewer', user: ro.users[0]!.user },
            { name: 'admin', user: admin.users[0]!.user },
          ],
          contexts: [
            { name: 'viewer', context: { cluster: 'sim', user: 'viewer' } },
            { name: 'admin', context: { cluster: 'sim', user: 'admin' } },
          ],
          'current-context': 'viewer',
        }),
        { mode: 0o600 },
      );
    },
    // The setting names a kubeconfig that does not exist (so KUBECONFIG and ~/.kube are not looked at).
    settings: ({ dir }) => ({ 'rhcosLayering.kubeconfig': path.join(dir, 'missing-kubeconfig') }),
  });
  ({ sim, page } = s);
});

after(async () => {
  await s?.stop();
});

const pane = () => s.pane();
const until = <T>(what: string, f: () => Promise<T | undefined | false> | T | undefined | false, ms?: number) => s.until(what, f, ms);

/** Whether the pool row offers Pause Pool (an inline action, shown on hover). A row's text runs label and description together: `worker3/3 · Updated`. */
async function offersPause(pool: string): Promise<boolean> {
  const row = pane()
    .locator('.monaco-list-row', { hasText: new RegExp(`^\\s*${pool}(?!-)`) })
    .first();
  await row.hover();
  await page.waitForTimeout(300);
  return (await row.locator('.action-label[aria-label^="Pause Pool"]').count()) > 0;
}

/** The view's title-bar actions (in the container's title while Rollouts is its only view). */
async function titleOffers(title: string): Promise<boolean> {
  await page.waitForTimeout(300);
  const sel = (where: string) => `.part.sidebar ${where} .action-label[aria-label^="${title}"]`;
  return (await page.locator(`${sel('.title-actions')}, ${sel('.pane-header')}`).count()) > 0;
}

const description = () => viewDescription(page);

async function paletteOffers(title: string): Promise<boolean> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.waitForTimeout(800);
  const n = await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).count();
  await page.keyboard.press('Escape');
  return n > 0;
}

test('no kubeconfig: a welcome view with Select Cluster Context… and Choose kubeconfig…, no rows; choosing one connects', async () => {
  // As a user does: the RHCOS Layering icon in the activity bar.
  const icon = page.locator('.activitybar .action-item .action-label[aria-label^="RHCOS Layering"]');
  await icon.waitFor({ timeout: 90_000 });
  await icon.click();
  const welcome = await until('the no-kubeconfig welcome', async () => {
    const w = await welcomeText(page);
    return /No usable kubeconfig/.test(w) && w;
  });
  assert.match(welcome, /Select Cluster Context…/);
  assert.match(welcome, /Choose kubeconfig…/);
  assert.deepEqual(await treeRows(page), [], 'no status rows in the tree');
  await page.screenshot({ path: path.join(SHOTS, 'welcome-no-kubeconfig.png') });
  // Choose kubeconfig… opens the file dialog (VS Code's simple dialog in the browser): type the path.
  await pane().getByRole('button', { name: 'Choose kubeconfig…' }).click();
  await typeInFileDialog(page, kubeconfig);
  await until('the pools of the chosen kubeconfig', async () => (await treeRows(page)).some((r) => /^worker 3\/3 · Updated/.test(r)));
  assert.equal(await welcomeText(page), '', 'the welcome view is gone once there are pools');
});

test('a read-only identity sees a read-only view without write actions; the admin of the same cluster has them', async () => {
  // The kubeconfig's current context is the read-only user.
  await until('read-only in the description', async () => /^viewer · read-only$/.test(await description()));
  await until('the read-only message above the tree', async () =>
    /Read-only: the user of context "viewer" may watch rollouts but not apply, pause or roll back/.test(await viewMessage(page)),
  );
  assert.equal(await offersPause('worker'), false, 'Pause Pool on a pool row');
  assert.equal(await titleOffers('Apply Layered Image to Pool…'), false, 'Apply Layered Image to Pool… in the title bar');
  assert.equal(await paletteOffers('RHCOS Layering: Pause Pool'), false, 'Pause Pool in the command palette');
  await page.screenshot({ path: path.join(SHOTS, 'read-only-view.png') });
  // The admin context: the same actions are offered.
  await runCommand(page, 'RHCOS Layering: Select Cluster Context…');
  await answerInput(page, 'admin');
  await until('the admin view, not read-only', async () => {
    const d = await description();
    return d === 'admin' && (await treeRows(page)).some((r) => /^worker 3\/3/.test(r));
  });
  assert.equal(await viewMessage(page), '');
  await until('Pause Pool on the admin pool row', () => offersPause('worker'), 20_000);
  assert.equal(await titleOffers('Apply Layered Image to Pool…'), true);
  assert.equal(await paletteOffers('RHCOS Layering: Pause Pool'), true);
});

test('the "pool degraded" notification reveals and selects the failing node', async () => {
  // A layered image the registry does not have (a tag): MCO's daemon fails on the first worker.
  sim.store.create('machineconfigs', {
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: { name: 'os-layer-broken', labels: { 'machineconfiguration.openshift.io/role': 'worker' } },
    spec: { osImageURL: 'quay.io/example/missing:latest' },
  });
  const failing = await until(
    'a degraded worker on the simulator',
    () =>
      sim.store.list('nodes').find((n) => n.metadata.annotations?.['machineconfiguration.openshift.io/state'] === 'Degraded')?.metadata
        .name,
    90_000,
  );
  const toast = page.locator('.notification-toast', { hasText: 'Pool worker is degraded' });
  await toast.waitFor({ timeout: 60_000 });
  // The tree is collapsed: nothing shows the node until the action reveals it.
  assert.ok(!(await treeRows(page)).some((r) => r.startsWith(failing)), 'the node is not on screen before');
  await toast.getByRole('button', { name: 'Show Failing Node' }).click();
  const selected = await until('the failing node selected', async () => {
    const t = await pane()
      .locator('.monaco-list-row.selected')
      .first()
      .innerText()
      .catch(() => '');
    return t.includes(failing) && t;
  });
  assert.match(selected, /Degraded/);
  await page.screenshot({ path: path.join(SHOTS, 'reveal-degraded-node.png') });
});

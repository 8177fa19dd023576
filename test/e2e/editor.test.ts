/**
 * The packaged .vsix in a real VS Code (code-server) in headless Chromium: diagnostics in the
 * Problems panel, a quick fix, hover, Restricted Mode, and activation time. Screenshots go to
 * test-output/e2e/ (the README's are copied to docs/images/ by `npm run screenshots`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from '../harness/codeServer';
import { openBrowser } from '../harness/browser';
import { waitForWorkbench, quickOpen, goTo, waitForProblems, problems, applyCodeAction, runCommand } from '../harness/workbench';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
const KERNEL_OVERRIDE = [
  'error 3:6 from-not-digest-pinned',
  'error 5:7 kernel-incomplete-set',
  'error 6:7 kernel-version-mismatch',
  'error 8:16 rpm-ostree-unsupported-verb',
  'warning 4:1 missing-ostree-commit',
  'warning 4:5 rpm-ostree-no-cleanup',
  'warning 7:24 rpm-conflicts-machineconfig',
  'warning 7:39 rpm-conflicts-machineconfig',
  'warning 9:14 content-outside-usr',
];

let cs: Instance;
let ctx: BrowserContext;
let page: Page;
let blocked: string[];
let ws: string;
const timingFile = path.join(os.tmpdir(), `rhcos-timing-${process.pid}.jsonl`);

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-'));
  fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  // An application's Dockerfile beside the layering ones: no findings, no Build button.
  fs.mkdirSync(path.join(dir, 'app'));
  fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), 'FROM registry.access.redhat.com/ubi9/ubi\nRUN dnf install -y python3\n');
  return dir;
}

const summary = (ps: { severity: string; line: number; column: number; code: string }[]) =>
  ps.map((p) => `${p.severity} ${p.line}:${p.column} ${p.code}`);

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ws = workspace();
  cs = await startCodeServer({ settings: { 'rhcosLayering.ocpVersion': '4.16' }, env: { RHCOS_LAYERING_TIMING_FILE: timingFile } });
  ({ ctx, page, blocked } = await openBrowser());
  await page.goto(cs.url(ws));
  await waitForWorkbench(page, 'kernel-override');
});

after(async () => {
  await ctx?.close();
  await cs?.stop();
});

test('a Containerfile with known mistakes shows exactly its diagnostics in the Problems panel', async () => {
  await quickOpen(page, 'kernel-override/Containerfile');
  const ps = (
    await waitForProblems(page, (p) => p.filter((x) => x.file === 'kernel-override/Containerfile').length >= KERNEL_OVERRIDE.length)
  ).filter((x) => x.file === 'kernel-override/Containerfile');
  assert.deepEqual(summary(ps), KERNEL_OVERRIDE);
  assert.match(ps[0]!.message, /^FROM uses tag `4\.16`; RHCOS layering needs a digest/);
  assert.match(ps[6]!.message, /`kernel-rt-core` is the realtime kernel.*kernelType: realtime/);
  await page.screenshot({ path: path.join(SHOTS, 'problems-panel.png') });
});

test('hover over a diagnostic shows the rule: message, why, id and documentation link', async () => {
  await goTo(page, 8, 17);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:visible', { hasText: 'Rule documentation' }).first();
  await hover.waitFor({ timeout: 15_000 });
  const text = await hover.innerText();
  assert.match(text, /`?rpm-ostree kargs`? fails in a container build/);
  assert.match(text, /rpm-ostree command that fails in a container build/);
  assert.match(text, /rpm-ostree-unsupported-verb/);
  assert.match(text, /Rule documentation/);
  await page.screenshot({ path: path.join(SHOTS, 'hover.png') });
  await page.keyboard.press('Escape');
});

test('the `ostree container commit` quick fix removes the diagnostic and writes the right text', async () => {
  await goTo(page, 4, 1);
  await applyCodeAction(page, 'Append `&& ostree container commit`', path.join(SHOTS, 'quick-fix-menu.png'));
  await page.keyboard.press('Control+S');
  const file = path.join(ws, 'kernel-override', 'Containerfile');
  for (let i = 0; i < 40 && !fs.readFileSync(file, 'utf8').includes('commit'); i++) await page.waitForTimeout(250);
  assert.equal(fs.readFileSync(file, 'utf8').split('\n')[8], '    mkdir -p /var/lib/mytool && ostree container commit');
  const ps = (await waitForProblems(page, (p) => !p.some((x) => x.code === 'missing-ostree-commit'))).filter(
    (x) => x.file === 'kernel-override/Containerfile',
  );
  assert.deepEqual(
    summary(ps),
    // The commit also empties /var/cache, so the cleanup warning goes with it.
    KERNEL_OVERRIDE.filter((x) => !x.includes('missing-ostree-commit') && !x.includes('rpm-ostree-no-cleanup')),
  );
  await page.screenshot({ path: path.join(SHOTS, 'quick-fix-applied.png') });
});

test('a clean Containerfile has no problems; typing a mistake adds one', async () => {
  await quickOpen(page, 'good/Containerfile');
  const GOOD = 'good/Containerfile';
  await page.waitForTimeout(1000);
  assert.deepEqual(
    (await problems(page)).filter((x) => x.file === GOOD),
    [],
  );
  await goTo(page, 6, 1);
  await page.keyboard.type('RUN rpm-ostree kargs --append=nosmt');
  await page.keyboard.press('Escape');
  const ps = await waitForProblems(page, (p) => p.some((x) => x.file === GOOD && x.code === 'rpm-ostree-unsupported-verb'));
  const kargs = ps.find((x) => x.file === GOOD && x.code === 'rpm-ostree-unsupported-verb')!;
  assert.deepEqual([kargs.line, kargs.column, kargs.severity], [6, 16, 'error']);
  await page.screenshot({ path: path.join(SHOTS, 'typing.png') });
});

test('the Build button is on layering Containerfiles only, not on an application Dockerfile', async () => {
  const button = page.locator('.editor-actions [aria-label^="Build Layered Image"]');
  await quickOpen(page, 'good/Containerfile');
  await button.first().waitFor({ timeout: 15_000 });
  await quickOpen(page, 'app/Dockerfile');
  await page.waitForTimeout(1500); // its first lint
  assert.equal(await button.count(), 0);
  assert.deepEqual(
    (await problems(page)).filter((x) => x.file === 'app/Dockerfile'),
    [],
  );
  await quickOpen(page, 'good/Containerfile');
  await button.first().waitFor({ timeout: 15_000 });
});

/** The text of the language status hover (the `{}` item in the status bar), opened and closed again. */
async function languageStatus(): Promise<string> {
  const item = page.locator('[id="status.languageStatus"]').first();
  await item.waitFor({ timeout: 15_000 });
  await item.click();
  const hover = page.locator('.monaco-hover:visible', { hasText: 'OpenShift' }).first();
  await hover.waitFor({ timeout: 15_000 });
  const text = await hover.innerText();
  await page.keyboard.press('Escape');
  return text;
}

test('the language status says which OpenShift version the rules read; Set OpenShift Version… changes it for the workspace', async () => {
  let text = await languageStatus();
  assert.match(text, /OpenShift 4\.16/);
  assert.match(text, /from the setting/);
  assert.match(text, /No cluster/);
  await runCommand(page, 'RHCOS Layering: Set OpenShift Version…');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: /^4\.18/ }).first();
  await row.waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-widget input').fill('4.18');
  await page.keyboard.press('Enter');
  const settingsFile = path.join(ws, '.vscode', 'settings.json');
  for (let i = 0; i < 40 && !(fs.existsSync(settingsFile) && fs.readFileSync(settingsFile, 'utf8').includes('4.18')); i++)
    await page.waitForTimeout(250);
  assert.equal((JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)['rhcosLayering.ocpVersion'], '4.18');
  for (let i = 0; i < 20 && !/OpenShift 4\.18/.test(text); i++) {
    await page.waitForTimeout(250);
    text = await languageStatus();
  }
  assert.match(text, /OpenShift 4\.18/);
  await page.screenshot({ path: path.join(SHOTS, 'language-status.png') });
  fs.rmSync(settingsFile);
});

test('a MachineConfig YAML shows its diagnostics, including the Containerfile inside a MachineOSConfig', async () => {
  // Close the other editors: the server withdraws their diagnostics, so the Problems panel has room.
  await runCommand(page, 'View: Close All Editors');
  await page.keyboard.press('Tab'); // "Don't Save" if VS Code asks about the edited file
  await page.keyboard.press('Enter');
  await quickOpen(page, 'machineconfigs/os-layer-custom.yaml');
  await page.screenshot({ path: path.join(SHOTS, 'machineconfig.png') });
  // The Problems list only renders the rows it shows: give it the whole window.
  await runCommand(page, 'View: Toggle Maximized Panel');
  const FILE = 'machineconfigs/os-layer-custom.yaml';
  const ps = (await waitForProblems(page, (p) => p.filter((x) => x.file === FILE).length >= 14)).filter((x) => x.file === FILE);
  await runCommand(page, 'View: Toggle Maximized Panel');
  assert.deepEqual(summary(ps).slice(0, 5), [
    'error 5:9 mc-role-label',
    'error 8:15 mc-kernel-type',
    'error 11:7 mc-unknown-extension',
    'error 12:3 mc-schema',
    'error 25:16 mc-ignition-version',
  ]);
  assert.ok(
    ps.some((x) => x.code === 'rpm-ostree-unsupported-verb' && x.line === 56 && x.column === 24),
    'the embedded Containerfile is linted in place',
  );
});

test('activation time is reported by VS Code and by the extension', async () => {
  const lines = fs.existsSync(timingFile) ? fs.readFileSync(timingFile, 'utf8').trim().split('\n') : [];
  assert.ok(lines.length >= 1, 'the extension did not report its activation');
  const t = JSON.parse(lines[0]!) as { loadMs: number; activateMs: number; clientLoadMs: number };
  console.log(
    `# activation: loading ${t.loadMs} ms, activate() ${t.activateMs} ms; language client loaded afterwards in ${t.clientLoadMs} ms`,
  );
  assert.ok(Number.isFinite(t.loadMs) && Number.isFinite(t.activateMs) && Number.isFinite(t.clientLoadMs));
  // VS Code's own measure: Developer: Show Running Extensions.
  await runCommand(page, 'Developer: Show Running Extensions');
  // The list is sorted by activation time, slowest first: go to its end, where we are.
  const first = page.locator('.monaco-list-row', { has: page.locator('.extension .name') }).first();
  await first.waitFor({ timeout: 30_000 });
  await first.click();
  await page.keyboard.press('End');
  const row = page.locator('.monaco-list-row', { has: page.locator('.extension .name', { hasText: 'RHCOS Layering' }) }).first();
  await row.waitFor({ timeout: 30_000 }).catch(async (e) => {
    await page.screenshot({ path: path.join(SHOTS, 'failure-running-extensions.png') });
    throw e;
  });
  const text = await row.innerText();
  console.log(`# running extensions: ${JSON.stringify(text)}`);
  await page.screenshot({ path: path.join(SHOTS, 'running-extensions.png') });
  const ms = /Activation:\s*(\d+)\s*ms/.exec(text);
  assert.ok(ms, `no activation time shown in ${JSON.stringify(text)}`);
  console.log(`# VS Code reports activation: ${ms[1]} ms`);
  await page.keyboard.press('Control+W');
});

test("the extension's details page shows the README with its pictures, from the installed extension", async () => {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+X');
  const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'RHCOS Layering' }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  // The README renders in a webview: nested frames; find the one that holds it.
  let images: { src: string; width: number }[] = [];
  for (let i = 0; i < 120; i++) {
    for (const f of page.frames()) {
      // Runs in the page (a string: the test's tsconfig has no DOM types).
      const found = await f
        .evaluate<{ src: string; width: number }[] | null>(
          `document.body && document.body.innerText.includes('Privacy: no telemetry is collected')
            ? [...document.images].map((img) => ({ src: (img.getAttribute('src') || '').slice(0, 60), width: img.complete ? img.naturalWidth : 0 }))
            : null`,
        )
        .catch(() => null);
      if (found && found.length && found.every((x) => x.width > 0)) images = found;
      else if (found && found.length && !images.length && i === 119) images = found;
    }
    if (images.length && images.every((x) => x.width > 0)) break;
    await page.waitForTimeout(250);
  }
  await page.screenshot({ path: path.join(SHOTS, 'extension-details.png') });
  assert.ok(images.length >= 5, `README pictures in the details page: ${JSON.stringify(images)}`);
  assert.deepEqual(
    images.filter((x) => x.width === 0).map((x) => x.src),
    [],
    'every picture loads',
  );
  await page.keyboard.press('Control+W');
});

test('the browser talked to 127.0.0.1 only', () => {
  assert.deepEqual(blocked, []);
});

test('Restricted Mode (untrusted workspace) still lints', async () => {
  const restricted = await startCodeServer({ trust: true });
  const b = await openBrowser();
  try {
    const dir = workspace();
    await b.page.goto(restricted.url(dir));
    await b.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    const no = b.page.getByRole('button', { name: /No, I don.t trust the authors/ });
    await no.waitFor({ timeout: 60_000 });
    await no.click();
    await b.page.getByRole('treeitem', { name: 'hotfix' }).first().waitFor({ timeout: 60_000 });
    await b.page.getByText('Restricted Mode').first().waitFor({ timeout: 30_000 });
    await quickOpen(b.page, 'hotfix/Containerfile');
    const ps = await waitForProblems(b.page, (p) => p.some((x) => x.code === 'src-rpm-install'));
    assert.deepEqual(ps.map((x) => x.file + ' ' + x.code).slice(0, 3), [
      'hotfix/Containerfile from-placeholder-digest',
      'hotfix/Containerfile from-release-payload',
      'hotfix/Containerfile src-rpm-install',
    ]);
    await b.page.screenshot({ path: path.join(SHOTS, 'restricted-mode.png') });
  } finally {
    await b.ctx.close();
    await restricted.stop();
  }
});

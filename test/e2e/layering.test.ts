/**
 * The whole layering loop in a real VS Code: Build Layered Image (real podman, a registry on
 * 127.0.0.1, the stand-in base image), Push Layered Image, and the pushed digest shown with its
 * buttons.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, ROOT, Instance } from './codeServer';
import { openBrowser } from './browser';
import { waitForWorkbench, quickOpen, runCommand, notification, answerInput } from './workbench';
import { startLab, skopeoDigest } from '../build/lab';
import type { Lab } from '../build/lab';

const SHOTS = path.join(ROOT, 'test-output', 'e2e');
let lab: Lab;
let cs: Instance;
let ctx: BrowserContext;
let page: Page;
let blocked: string[];
let ws: string;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  lab = await startLab();
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-ws-build-'));
  fs.mkdirSync(path.join(ws, 'layered'));
  fs.writeFileSync(path.join(ws, 'layered', 'Containerfile'), `# A layered image on the stand-in RHCOS base\nFROM ${lab.plain}/rhcos-standin@${lab.baseDigest}\nRUN rpm-ostree install firewalld && \\\n    rpm-ostree cleanup -m && \\\n    ostree container commit\n`);
  const extraEnv = Object.fromEntries(Object.entries(lab.env).filter(([k, v]) => v !== undefined && process.env[k] !== v)) as Record<string, string>;
  cs = await startCodeServer({ settings: { 'rhcosLayering.ocpVersion': '4.16', 'rhcosLayering.buildTool': 'podman', 'terminal.integrated.gpuAcceleration': 'off' }, env: extraEnv });
  ({ ctx, page, blocked } = await openBrowser());
  await page.goto(cs.url(ws));
  await waitForWorkbench(page, 'layered');
});

after(async () => {
  await ctx?.close();
  await cs?.stop();
  await lab?.stop();
});

test('Build, then Push, then the pushed digest is shown and matches the registry', async () => {
  await quickOpen(page, 'layered/Containerfile');
  await runCommand(page, 'RHCOS Layering: Build Layered Image');
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
  assert.deepEqual(blocked, []);
});

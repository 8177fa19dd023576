/**
 * One e2e session as most of test/e2e/ needs it: a simulated cluster, a workspace with a few files,
 * code-server with the packaged .vsix and the cluster's kubeconfig in the settings, headless Chromium
 * on the workbench; plus the waits those tests share (`until`, the Rollouts pane and its first rows).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startCodeServer, ROOT } from './codeServer';
import type { Instance } from './codeServer';
import { openBrowser } from './browser';
import { runCommand, treeRows, viewMessage, waitForWorkbench, welcomeText } from './workbench';
import { startSimulator, options } from './cluster-sim/main';
import type { Args, Simulator } from './cluster-sim/main';

/** Where screenshots go (failures, and the ones the README uses: `npm run screenshots` copies those). */
export const SHOTS = path.join(ROOT, 'test-output', 'e2e');

/** Where the README's pictures live. */
export const README_IMAGES = path.join(ROOT, 'docs', 'images');

/**
 * A picture for the README, taken only when SCREENSHOTS=1 (never in CI by default), at the browser's
 * fixed viewport (browser.ts), optionally clipped to a part of the page; made smaller with ImageMagick's
 * `convert` (256 colours, stripped) when it is installed. Returns the file written, or undefined.
 */
export async function readmeScreenshot(
  page: Page,
  name: string,
  clip?: { x: number; y: number; width: number; height: number },
): Promise<string | undefined> {
  if (process.env.SCREENSHOTS !== '1') return undefined;
  fs.mkdirSync(README_IMAGES, { recursive: true });
  const file = path.join(README_IMAGES, name);
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  const small = `${file}.small.png`;
  const r = spawnSync('convert', [file, '-strip', '-colors', '256', '-define', 'png:compression-level=9', small], { stdio: 'ignore' });
  if (r.status === 0 && fs.existsSync(small) && fs.statSync(small).size < fs.statSync(file).size) fs.renameSync(small, file);
  else fs.rmSync(small, { force: true });
  return file;
}

export interface SessionOptions {
  /** A short name for temporary folders and failure screenshots. */
  name: string;
  /** The simulator's options (its kubeconfig is made in the session's folder); `false` for no cluster. */
  cluster?: Omit<Partial<Args>, 'kubeconfig'> | false;
  /** Workspace files by relative path. */
  files?: Record<string, string>;
  /** Runs after the simulator started, before code-server (demo set-up, extra kubeconfigs). */
  prepare?: (s: { sim: Simulator | undefined; dir: string; ws: string }) => Promise<void> | void;
  /**
   * User settings. By default `rhcosLayering.kubeconfig` names the simulator's kubeconfig; a function
   * sees the simulator and the session's folder (after `prepare`).
   */
  settings?: Record<string, unknown> | ((s: { sim: Simulator | undefined; dir: string }) => Record<string, unknown>);
  /** An entry of the Explorer that says the workspace is open (default: the first file's top folder or name). */
  waitFor?: string;
}

export interface Session {
  /** A temporary folder for the session's own files (kubeconfigs). */
  dir: string;
  /** The workspace folder. */
  ws: string;
  sim: Simulator;
  cs: Instance;
  ctx: BrowserContext;
  page: Page;
  /** The Rollouts view's pane. */
  pane(): Locator;
  /**
   * Polls `f` until it returns something truthy; on a timeout, a screenshot and an error that says what
   * the Rollouts view showed (rows, welcome, message).
   */
  until<T>(what: string, f: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms?: number): Promise<T>;
  /** Focuses the Rollouts view from the palette and waits for a row matching `row`. */
  openRollouts(row: RegExp, ms?: number): Promise<void>;
  /** Reloads the window (as Developer: Reload Window does) and waits for the workbench and its status bar again. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSession(o: SessionOptions): Promise<Session> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rhcos-e2e-${o.name}-`));
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), `rhcos-ws-${o.name}-`));
  const files = o.files ?? { 'README.md': `${o.name}\n` };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  const waitFor = o.waitFor ?? Object.keys(files)[0]!.split('/')[0]!;
  let sim: Simulator | undefined;
  let cs: Instance | undefined;
  let browser: { ctx: BrowserContext; page: Page } | undefined;
  const stop = async () => {
    await browser?.ctx.close().catch(() => undefined);
    await cs?.stop();
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (o.cluster !== false) sim = await startSimulator(options({ ...o.cluster, kubeconfig: path.join(dir, 'kubeconfig') }));
    await o.prepare?.({ sim, dir, ws });
    const settings =
      typeof o.settings === 'function'
        ? o.settings({ sim, dir })
        : { ...(sim ? { 'rhcosLayering.kubeconfig': sim.kubeconfig } : {}), ...o.settings };
    cs = await startCodeServer({ settings });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(cs.url(ws));
    await waitForWorkbench(page, waitFor);
    const pane = () => page.locator('.pane', { hasText: 'Rollouts' });
    const until: Session['until'] = async (what, f, ms = 60_000) => {
      const end = Date.now() + ms;
      for (;;) {
        const v = await f();
        if (v) return v;
        if (Date.now() > end) {
          await page.screenshot({ path: path.join(SHOTS, `failure-${o.name}-${what.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
          throw new Error(
            `timed out waiting for ${what}; Rollouts rows ${JSON.stringify(await treeRows(page).catch(() => []))}, welcome ${JSON.stringify(
              await welcomeText(page).catch(() => ''),
            )}, message ${JSON.stringify(await viewMessage(page).catch(() => ''))}`,
          );
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    return {
      dir,
      ws,
      get sim() {
        if (!sim) throw new Error('this session has no simulated cluster');
        return sim;
      },
      cs,
      ctx: browser.ctx,
      page,
      pane,
      until,
      async openRollouts(row, ms = 60_000) {
        await runCommand(page, 'RHCOS Layering: Focus on Rollouts View');
        await until(`a Rollouts row ${row.source}`, async () => (await treeRows(page)).some((r) => row.test(r)), ms);
      },
      async reload() {
        await page.reload();
        // The side bar shows what it showed before (not necessarily the Explorer).
        await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 90_000 });
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

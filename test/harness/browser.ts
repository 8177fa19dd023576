/** Headless Debian Chromium through playwright-core, allowed to talk to 127.0.0.1 only. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function openBrowser(): Promise<{ ctx: BrowserContext; page: Page; blocked: string[] }> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium), or set CHROMIUM`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhcos-chrome-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-breakpad',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir },
    viewport: { width: 1400, height: 860 },
  });
  const blocked: string[] = [];
  await ctx.route(
    (u) => !/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(u.href) && !/^(data|blob):/.test(u.href),
    (route) => {
      blocked.push(route.request().url());
      return route.abort();
    },
  );
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page, blocked };
}

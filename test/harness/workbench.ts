/** Small, readable steps on the VS Code workbench in the browser. */
import type { Page } from 'playwright-core';

export async function waitForWorkbench(page: Page, fileInExplorer: string): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.getByRole('treeitem', { name: fileInExplorer }).first().waitFor({ timeout: 90_000 });
}

export async function quickOpen(page: Page, relPath: string): Promise<void> {
  await openQuickAccess(page, 'Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill(relPath);
  const dir = relPath.split('/').slice(0, -1).join('/');
  // The file itself, not a recently opened neighbour in the same folder.
  const base = relPath.split('/').pop()!;
  const rows = page.locator('.quick-input-list .monaco-list-row');
  // Wait for the search to settle on a row in the right folder, then open it.
  for (let i = 0; i < 100; i++) {
    const focused =
      (await page
        .locator('.quick-input-list .monaco-list-row.focused')
        .getAttribute('aria-label')
        .catch(() => null)) ?? '';
    if (focused.includes(dir) && focused.includes(base)) break;
    const labels = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') ?? ''));
    if (labels.some((l) => l.includes(dir) && l.includes(base))) await page.keyboard.press('ArrowDown');
    else await page.waitForTimeout(100);
  }
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  await page
    .locator('.tabs-container .tab.active', { hasText: relPath.split('/').pop()! })
    .waitFor()
    .catch(async (e: unknown) => {
      // What the workbench showed instead: a dialog, a picker, another tab.
      await page.screenshot({ path: `test-output/e2e/failure-quickopen-${relPath.replace(/[^\w.-]/g, '_')}.png` }).catch(() => undefined);
      throw e;
    });
}

/**
 * Opens quick access with `keys`; a key press can be lost where the focus is (a webview such as a walkthrough's
 * media, a terminal): then the title bar's command center opens quick access too.
 */
async function openQuickAccess(page: Page, keys: string): Promise<void> {
  await page.keyboard.press(keys);
  const input = page.locator('.quick-input-widget input');
  const opened = await input.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!opened) await page.locator('.command-center-center').first().click();
  await input.waitFor();
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await openQuickAccess(page, 'Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  // Enter runs the focused row, which is not always the one named exactly `title`.
  const exact = (l: string | null) => l === title || (l ?? '').startsWith(`${title},`);
  for (let i = 0; i < 20; i++) {
    if (
      exact(
        await page
          .locator('.quick-input-list .monaco-list-row.focused')
          .getAttribute('aria-label')
          .catch(() => null),
      )
    )
      break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  // Typing before the widget has closed and the cursor has moved lands somewhere else under load.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page
    .locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col ${column}$`) })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
}

export interface Problem {
  file: string;
  severity: string;
  message: string;
  code: string;
  line: number;
  column: number;
}

/** The rows of the Problems panel, parsed from their accessible labels. */
export async function problems(page: Page): Promise<Problem[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
  }
  const rows = await page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((rs) =>
      rs.map((r) => ({ label: r.getAttribute('aria-label') ?? '', text: (r as unknown as { innerText: string }).innerText })),
    );
  const out: Problem[] = [];
  let file = '';
  for (const { label, text } of rows) {
    // File rows: "10 problems in file Containerfile of folder kernel-override"
    const f = /problems? in file (.+?)(?: of folder (.+))?$/.exec(label.trim());
    if (f) {
      file = f[2] ? `${f[2]}/${f[1]}` : f[1]!;
      continue;
    }
    // e.g. "Error: FROM uses tag ... at line 3 and character 6. generated by rhcos-lint"
    const m = /^(Error|Warning|Info): ([\s\S]*) at line (\d+) and character (\d+)\. generated by/.exec(label.trim());
    const code = /rhcos-lint\s*\(?\s*([a-z0-9-]+)/.exec(text)?.[1] ?? '';
    if (m && !code && text.includes('rhcos-lint')) console.error(`# no rule id in Problems row text: ${JSON.stringify(text)}`);
    if (m) out.push({ file, severity: m[1]!.toLowerCase(), message: m[2]!, line: Number(m[3]), column: Number(m[4]), code });
  }
  return out;
}

/** Waits until the Problems panel satisfies `pred`, polling. */
export async function waitForProblems(page: Page, pred: (p: Problem[]) => boolean, timeoutMs = 60_000): Promise<Problem[]> {
  const end = Date.now() + timeoutMs;
  let last: Problem[] = [];
  while (Date.now() < end) {
    last = await problems(page);
    if (pred(last)) return last;
    await page.waitForTimeout(250);
  }
  await page.screenshot({ path: 'test-output/e2e/failure-problems.png' }).catch(() => undefined);
  const raw = await page
    .locator('.markers-panel .monaco-list-row')
    .evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')))
    .catch(() => []);
  console.error(`# Problems rows: ${JSON.stringify(raw).slice(0, 2000)}`);
  throw new Error(
    `Problems panel never matched; last seen:\n${last.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`).join('\n')}`,
  );
}

/** Opens the quick-fix menu at the cursor and applies the action with this title. */
export async function applyCodeAction(page: Page, title: string, screenshot?: string): Promise<void> {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.first().waitFor({ timeout: 15_000 });
  const titles = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') ?? ''));
  const index = titles.indexOf(title);
  if (index < 0) throw new Error(`no code action "${title}"; offered: ${titles.join(' | ')}`);
  if (screenshot) await page.screenshot({ path: screenshot });
  for (let i = 0; i < titles.length; i++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label');
    if (focused === title) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** Waits for a notification toast whose text matches, and returns it. */
export async function notification(
  page: Page,
  text: RegExp,
  timeoutMs = 60_000,
): Promise<{ text: string; click(button: string): Promise<void> }> {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout: timeoutMs });
  return {
    text: (await toast.locator('.notification-list-item-message').innerText()).trim(),
    click: (button: string) => toast.getByRole('button', { name: button, exact: true }).click(),
  };
}

/** Types into the open input box (QuickInput) and accepts it. */
export async function answerInput(page: Page, value: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(value);
  await page.waitForTimeout(150); // validation runs on input
  await page.keyboard.press('Enter');
}

/** The rows of a tree view (Rollouts by default): label and description, as one line each. */
export async function treeRows(page: Page, view = 'Rollouts'): Promise<string[]> {
  return page
    .locator('.pane', { hasText: view })
    .locator('.monaco-list-row')
    .evaluateAll((rs) =>
      rs.map((r) =>
        ['.label-name', '.label-description']
          .map((c) => (r.querySelector(c) as unknown as { innerText: string } | null)?.innerText.trim() ?? '')
          .join(' ')
          .trim(),
      ),
    );
}

/**
 * Starts recording every notification toast that appears (its text and when, by the clock of this
 * machine), and returns a function that reads the record. A toast VS Code drops as a duplicate of one
 * still on screen is not recorded: compare the times, not only the count.
 */
export async function recordToasts(page: Page): Promise<() => Promise<{ text: string; at: number }[]>> {
  // A string runs in the page as is (this project compiles without the DOM library).
  await page.evaluate(`(() => {
    if (window.__toasts) return;
    const seen = new WeakSet();
    const log = (window.__toasts = []);
    setInterval(() => {
      for (const el of document.querySelectorAll('.notification-toast .notification-list-item-message')) {
        const text = el.innerText.trim();
        if (!text || seen.has(el)) continue;
        seen.add(el);
        log.push({ text, at: Date.now() });
      }
    }, 25);
  })()`);
  return () => page.evaluate<{ text: string; at: number }[]>('[...(window.__toasts ?? [])]');
}

/** The extension's status bar item (the cluster context): its text, and whether it shows the connected icon. */
export async function statusBarItem(page: Page, id = 'rhcosLayering.context'): Promise<{ text: string; connectedIcon: boolean }> {
  return page.evaluate<{ text: string; connectedIcon: boolean }>(`(() => {
    const el = document.querySelector('.statusbar-item[id$=${JSON.stringify(id)}]');
    return el
      ? { text: el.innerText.trim(), connectedIcon: !!el.querySelector('.codicon-server-environment') }
      : { text: '', connectedIcon: false };
  })()`);
}

/** The welcome content a view shows when it has nothing to list (empty when it lists rows). */
export async function welcomeText(page: Page, view = 'Rollouts'): Promise<string> {
  const w = page.locator('.pane', { hasText: view }).locator('.welcome-view-content');
  if (!(await w.count())) return '';
  return (
    await w
      .first()
      .innerText()
      .catch(() => '')
  ).trim();
}

/** The message line a tree view shows above its rows (TreeView.message), empty when none. */
export async function viewMessage(page: Page, view = 'Rollouts'): Promise<string> {
  const m = page.locator('.pane', { hasText: view }).locator('.tree-explorer-viewlet-tree-view > .message:not(.hide)');
  if (!(await m.count())) return '';
  return (
    await m
      .first()
      .innerText()
      .catch(() => '')
  ).trim();
}

/**
 * Runs an item of the open context menu. A click that lands while the menu is still settling is
 * sometimes lost (the item stays highlighted, the menu open); Enter then runs the highlighted item.
 */
export async function runMenuItem(page: Page, label: string): Promise<void> {
  const item = page.locator('.context-view .action-label', { hasText: label });
  await item.waitFor({ timeout: 10_000 });
  await item.click();
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(500);
    if (!(await page.locator('.context-view .monaco-menu').isVisible())) return;
    await item.hover();
    await page.keyboard.press('Enter');
  }
}

/**
 * Types a path into VS Code's simple file dialog (the browser's open dialog: a path box in the quick
 * input) and accepts it. The dialog fills in the folder it has listed once the listing arrives, which
 * under load may come after our typing and replace it: the path is typed again until the box holds it.
 */
export async function typeInFileDialog(page: Page, file: string, timeoutMs = 60_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: timeoutMs });
  const end = Date.now() + timeoutMs;
  // Wait for the dialog's own prefill (a folder path) before typing over it.
  while ((await input.inputValue()) === '' && Date.now() < end) await page.waitForTimeout(200);
  await page.waitForTimeout(500);
  for (;;) {
    await input.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText(file);
    await page.waitForTimeout(400);
    if ((await input.inputValue()) === file) break;
    if (Date.now() > end) throw new Error(`the file dialog did not keep the path ${file} (it holds ${await input.inputValue()})`);
  }
  // Enter again only while the dialog still shows the path (a lost key press): the next quick input a
  // command opens after the dialog (a context picker) must not get it.
  await page.keyboard.press('Enter');
  for (let i = 0; i < 2; i++) {
    await page.waitForTimeout(800);
    if (!(await page.locator('.quick-input-widget').isVisible()) || (await input.inputValue()) !== file) break;
    await page.keyboard.press('Enter');
  }
}

/** A view's description (TreeView.description), whether its header is shown or merged into the container's. */
export async function viewDescription(page: Page, view = 'Rollouts'): Promise<string> {
  return (
    (await page
      .locator('.pane', { hasText: view })
      .locator('.pane-header span.description')
      .first()
      .textContent()
      .catch(() => '')) ?? ''
  ).trim();
}

/**
 * The badge on a view container's activity bar icon (a view's TreeView.badge shows there): its text as
 * drawn (`7`, `2K+` above 999), empty when none, and the icon's hover title, which carries the badge's tooltip.
 */
export async function activityBadge(page: Page, container = 'RHCOS Layering'): Promise<{ text: string; title: string }> {
  return page.evaluate<{ text: string; title: string }>(`(() => {
    const label = [...document.querySelectorAll('.activitybar .action-item .action-label')].find((l) =>
      (l.getAttribute('aria-label') ?? '').startsWith(${JSON.stringify(container)}));
    const item = label?.closest('.action-item');
    const badge = item?.querySelector('.badge');
    const content = item?.querySelector('.badge-content');
    const shown = !!badge && getComputedStyle(badge).display !== 'none' && !!content;
    return {
      text: shown ? content.textContent.trim() : '',
      title: (label?.getAttribute('aria-label') ?? '') + ' | ' + (item?.getAttribute('title') ?? label?.getAttribute('title') ?? ''),
    };
  })()`);
}

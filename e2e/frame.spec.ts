// The page's frame: the Content-Security-Policy of the built page, the UI language and theme
// switches (remembered), the foldable lesson panel, and copy/paste in the terminal.
import { expect, test, type Page } from '@playwright/test';

const PROMPT = '[root@master01 ~]#';

async function screen(page: Page): Promise<string> {
  const rows = await page.locator('[data-testid=active-terminal] .xterm-rows > div').allTextContents();
  return rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd()).join('\n').trimEnd();
}

/** Pastes `text` into the shown terminal as the browser would: a paste event on xterm's textarea. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate(`{
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    const area = document.querySelector('[data-testid=active-terminal] textarea');
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }`);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
});

async function ready(page: Page): Promise<void> {
  await expect.poll(() => screen(page), { timeout: 20_000 }).toContain(PROMPT);
  await page.locator('[data-testid=active-terminal]').click();
}

test('the built page runs under its Content-Security-Policy: terminal and editor work, nothing is blocked', async ({ page }) => {
  const problems: string[] = [];
  await page.addInitScript(
    "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))",
  );
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  await ready(page);

  await page.keyboard.type('echo under csp > csp.txt; cat csp.txt');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/\nunder csp\n/);

  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.locator('[data-testid=monaco][data-ready=true] textarea')).toBeAttached({ timeout: 10_000 });
  await page.getByRole('navigation', { name: 'files in /root' }).getByRole('button', { name: 'csp.txt' }).click();
  await expect(page.locator('[data-testid=monaco] .view-line').first()).toHaveText('under csp');
  expect(problems).toEqual([]);
});

test('switching the language changes the top bar, time controls, lesson and editor; it is remembered', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'pause' })).toHaveText('‖ Pause');
  await page.getByRole('button', { name: '中文' }).click();

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.locator('.tagline')).toHaveText('在浏览器里运行的 Kubernetes 练习场');
  await expect(page.getByRole('button', { name: '暂停' })).toHaveText('‖ 暂停');
  await expect(page.getByRole('button', { name: '快进到空闲' })).toBeVisible();
  const lesson = page.getByRole('complementary', { name: '课程' });
  await expect(lesson.locator('.lesson-step').first()).toContainText('步骤 1');
  await expect(page.getByRole('button', { name: '新终端' })).toBeVisible();
  await page.getByRole('button', { name: '编辑器' }).click();
  await expect(page.getByRole('navigation', { name: '/root 中的文件' })).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.editor-title')).toHaveText('未打开文件');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.getByRole('button', { name: '编辑器' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Editor' })).toBeVisible();
});

test('the dark theme: page, terminal and editor follow the toggle, and it is remembered', async ({ page }) => {
  const background = (selector: string): Promise<string> => page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).backgroundColor`);
  await page.goto('/');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background('body')).toBe('rgb(246, 247, 249)');
  expect(await background('[data-testid=active-terminal] .xterm-viewport')).toBe('rgb(255, 255, 255)');
  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.locator('[data-testid=monaco] .monaco-editor')).toHaveClass(/\bvs\b/, { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/frame-light-1280x720.png' });

  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background('body')).toBe('rgb(15, 17, 21)');
  await expect.poll(() => background('[data-testid=active-terminal] .xterm-viewport')).toBe('rgb(22, 24, 29)');
  await expect(page.locator('[data-testid=monaco] .monaco-editor')).toHaveClass(/\bvs-dark\b/);
  await page.screenshot({ path: 'test-results/frame-dark-1280x720.png' });

  // The choice outlives a reload, and wins over the system's light scheme.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await ready(page);
  expect(await background('[data-testid=active-terminal] .xterm-viewport')).toBe('rgb(22, 24, 29)');
});

test('the lesson panel folds, the terminal widens, and it stays folded after a reload', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  const lesson = page.getByRole('complementary', { name: 'lesson' });
  const terminalWidth = () => page.locator('[data-testid=active-terminal]').evaluate((e) => e.getBoundingClientRect().width);
  const before = await terminalWidth();
  await lesson.getByRole('button', { expanded: true }).click();
  await expect.poll(terminalWidth).toBeGreaterThan(before + 200);
  await page.reload();
  await ready(page);
  await expect(lesson.getByRole('button', { expanded: false })).toHaveAttribute('title', 'Show the lesson');
  expect(await terminalWidth()).toBeGreaterThan(before + 200);
});

test('a pasted two-line command waits for Enter, then both lines run; a pasted TAB is kept', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await paste(page, 'echo first\necho second\n');
  await expect.poll(() => screen(page)).toContain(`${PROMPT} echo first\necho second`);
  expect(await screen(page)).not.toMatch(/^first$/m);
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/^first\nsecond\n\[root@master01 ~\]#$/m);

  // Typed, the TAB would ask for completions; pasted, it is the middle of a three-character word.
  await paste(page, 'v="a\tb"; echo "length ${#v}"');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/^length 3$/m);
});

test('Ctrl-Shift-C copies the terminal selection', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await ready(page);
  await page.keyboard.type('echo copy-me');
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/^copy-me$/m);
  // Double-click selects the word under the pointer.
  await page.locator('[data-testid=active-terminal] .xterm-rows > div').nth(1).getByText('copy-me').dblclick();
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('copy-me');
  // The shell did not see a Ctrl-C: no ^C on the screen.
  expect(await screen(page)).not.toContain('^C');
});

import { expect, test, type Page } from '@playwright/test';
import { openPlayground, screen, typeLine } from './playground';

const PROMPT = '[root@master01 ~]# ';

/** The terminal panel's tabs (the diagram panel has tabs too). */
const terminalTabs = (page: Page) => page.getByRole('region', { name: 'terminal' }).getByRole('tab');

const prompts = (text: string): number => text.split(PROMPT.trimEnd()).length - 1;

test.beforeEach(async ({ page }) => {
  await openPlayground(page);
  await page.locator('[data-testid=active-terminal]').click();
});

test('a root shell on master01: the prompt, kubectl get nodes, echo', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  expect((await screen(page)).split('\n')[0]).toBe(PROMPT.trimEnd());

  await typeLine(page, 'kubectl get nodes');
  await expect.poll(() => screen(page)).toMatch(/NAME +STATUS +ROLES +AGE +VERSION/);
  const text = await screen(page);
  expect(text).toMatch(/^master01 +Ready +control-plane +\S+ +v1\.30\.\d+$/m);
  expect(text).toMatch(/^worker01 +Ready +<none> +\S+ +v1\.30\.\d+$/m);
  expect(text).toMatch(/^worker02 +Ready +<none> +\S+ +v1\.30\.\d+$/m);

  await typeLine(page, 'echo hello');
  await expect.poll(() => screen(page)).toMatch(/echo hello\nhello\n\[root@master01 ~\]#$/);
  expect(errors).toEqual([]);
  await page.screenshot({ path: 'test-results/terminal-1280x720.png' });
});

test('a second tab is a second session; both work, and exit closes a tab', async ({ page }) => {
  await typeLine(page, 'echo first');
  await expect.poll(() => screen(page)).toContain('\nfirst\n');

  await page.getByRole('button', { name: 'new terminal' }).click();
  await expect(terminalTabs(page)).toHaveText(['master01', 'master01 (2)']);
  await expect.poll(() => screen(page)).toBe(PROMPT.trimEnd());
  await typeLine(page, 'echo second');
  await expect.poll(() => screen(page)).toContain('\nsecond\n');
  expect(await screen(page)).not.toContain('first');

  await terminalTabs(page).first().click();
  await typeLine(page, 'echo again');
  await expect.poll(() => screen(page)).toContain('\nagain\n');
  expect(await screen(page)).not.toContain('second');

  await typeLine(page, 'exit');
  await expect(terminalTabs(page)).toHaveCount(1);
  await expect.poll(() => screen(page)).toContain('\nsecond\n');
});

test('Ctrl-C stops sleep 100 and gives the prompt back', async ({ page }) => {
  await typeLine(page, 'sleep 100');
  await page.waitForTimeout(500);
  expect(prompts(await screen(page))).toBe(1);
  await page.keyboard.press('Control+C');
  await expect.poll(async () => prompts(await screen(page))).toBe(2);
  expect(await screen(page)).toMatch(/sleep 100\n\^C\n\[root@master01 ~\]#$/);
});

test('a flood of output keeps the page answering: Ctrl-C stops it and the shell is back', async ({ page }) => {
  await typeLine(page, 'while :; do echo kubeplay; done');
  await expect.poll(() => screen(page)).toMatch(/kubeplay\nkubeplay\nkubeplay$/);
  await page.waitForTimeout(1000);
  // The worker still answers during the flood: a new session opens and gets its prompt.
  await page.getByRole('button', { name: 'new terminal' }).click();
  await expect.poll(() => screen(page), { timeout: 3000 }).toBe(PROMPT.trimEnd());
  await terminalTabs(page).first().click();
  await page.keyboard.press('Control+C');
  // The echoed ^C may land amid the loop's last line, as on a real terminal.
  await expect.poll(() => screen(page), { timeout: 5000 }).toMatch(/\^C[^]*\n\[root@master01 ~\]#$/);
  await typeLine(page, 'echo after');
  await expect.poll(() => screen(page)).toMatch(/\nafter\n\[root@master01 ~\]#$/);
});

test('the terminal fits its box: folding the lesson widens it, and programs see the new width', async ({ page }) => {
  const widest = async (): Promise<number> => {
    // ps cuts its lines at the terminal's width; the shims' long command lines reach it.
    await typeLine(page, 'clear; ps aux');
    await expect.poll(() => screen(page)).toMatch(/containerd-shim[^]*\[root@master01 ~\]#$/);
    return Math.max(...(await screen(page)).split('\n').map((line) => line.length));
  };
  const before = await widest();
  await page.getByRole('complementary', { name: 'lesson' }).getByRole('button', { expanded: true }).click();
  await page.locator('[data-testid=active-terminal]').click();
  await expect.poll(widest).toBeGreaterThan(before + 20);
});

test("a lesson's command, clicked, lands on the shown terminal's command line without running", async ({ page }) => {
  const command = page.getByRole('complementary', { name: 'lesson' }).locator('.lesson-commands button').first();
  const text = (await command.textContent())!;
  await command.click();
  // A long command wraps onto the next row: the rows are joined back.
  await expect.poll(async () => (await screen(page)).replace(/\n/g, '')).toBe(`${PROMPT}${text}`.trimEnd());
  await page.keyboard.press('Enter');
  await expect.poll(async () => prompts(await screen(page))).toBe(2);
});

test('Ctrl-C stops a while loop in a busybox shell inside a pod, and its prompt comes back', async ({ page }) => {
  test.setTimeout(90_000);
  await typeLine(page, 'kubectl run client -it --image=busybox --restart=Never');
  await expect.poll(() => screen(page), { timeout: 60_000 }).toMatch(/\n\/ # $|\n\/ #$/);
  await typeLine(page, 'while true; do echo tick; sleep 1; done');
  await expect.poll(() => screen(page), { timeout: 10_000 }).toMatch(/tick\ntick$/);
  await page.keyboard.press('Control+C');
  await expect.poll(() => screen(page), { timeout: 5000 }).toMatch(/\^C\n\/ #$/);
  await typeLine(page, 'echo back');
  await expect.poll(() => screen(page)).toMatch(/\nback\n\/ #$/);
});

test('text from an input method reaches the shell: a composed word between typed letters', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await page.keyboard.type('echo a');
  // A composition (compositionstart, updates, then the committed text), as a pinyin input method makes it.
  await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: 'nihao', selectionStart: 5, selectionEnd: 5 });
  await cdp.send('Input.insertText', { text: '你好' });
  await page.waitForTimeout(50); // a person's pause: the commit is handled before the next key
  await page.keyboard.type('b');
  await expect.poll(() => screen(page)).toMatch(/echo a你好b$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => screen(page)).toMatch(/echo a你好b\na你好b\n\[root@master01 ~\]#$/);
});

import { expect, test, type Page } from '@playwright/test';

const PROMPT = '[root@master01 ~]#';

/** The shown terminal's screen as lines of text (xterm's DOM renderer draws one div a row). */
async function screen(page: Page): Promise<string> {
  const rows = await page.locator('[data-testid=active-terminal] .xterm-rows > div').allTextContents();
  return rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd()).join('\n').trimEnd();
}

async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid=active-terminal]').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** What Monaco shows, line by line (its view draws one `.view-line` per line). */
async function editorText(page: Page): Promise<string> {
  const lines = await page.locator('[data-testid=monaco] .view-line').allTextContents();
  return lines.map((line) => line.replace(/\u00a0/g, ' ')).join('\n');
}

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: editor-pod', 'spec:', '  containers:', '  - name: web', '    image: nginx', ''].join('\n');

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect.poll(() => screen(page), { timeout: 20_000 }).toContain(PROMPT);
});

test('the editor: new pod.yaml, save, cat it in the terminal, Apply creates the pod; a file from the shell opens', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const monacoRequests: string[] = [];
  page.on('request', (r) => monacoRequests.push(r.url()));
  expect(monacoRequests.some((url) => url.includes('EditorPanel'))).toBe(false);

  // ui.monaco_ready_ms: from the click on "Editor" to an editor that lists the files and takes keys.
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.locator('[data-testid=monaco][data-ready=true] textarea')).toBeAttached({ timeout: 10_000 });
  await expect(page.getByRole('navigation', { name: 'files in /root' })).toBeVisible();
  const readyMs = Date.now() - clicked;
  console.log(`ui.monaco_ready_ms ${readyMs}`);
  expect(monacoRequests.some((url) => url.includes('EditorPanel'))).toBe(true);

  page.once('dialog', (dialog) => void dialog.accept('pod.yaml'));
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.locator('.editor-title')).toHaveText('pod.yaml');
  await page.locator('[data-testid=monaco] .view-lines').click();
  // Pasted, as a learner brings a manifest from a tutorial (typing it would be auto-indented).
  await page.evaluate((text) => navigator.clipboard.writeText(text), POD);
  await page.keyboard.press('Control+v');
  await expect(page.locator('.editor-title')).toHaveText('pod.yaml •');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Saved /root/pod.yaml');
  await expect(page.locator('.editor-title')).toHaveText('pod.yaml');

  await typeInTerminal(page, 'cat pod.yaml');
  await expect.poll(() => screen(page)).toContain(`cat pod.yaml\n${POD}${PROMPT}`);

  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => screen(page)).toContain(`${PROMPT} kubectl apply -f pod.yaml\npod/editor-pod created\n${PROMPT}`);

  await typeInTerminal(page, 'echo hi > a.txt');
  await page.getByRole('button', { name: 'refresh files' }).click();
  await page.getByRole('navigation', { name: 'files in /root' }).getByRole('button', { name: 'a.txt' }).click();
  await expect(page.locator('.editor-title')).toHaveText('a.txt');
  await expect.poll(() => editorText(page)).toBe('hi\n');
  await page.screenshot({ path: 'test-results/editor-1280x720.png' });
  expect(errors).toEqual([]);
});

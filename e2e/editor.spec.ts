import { expect, test, type Page } from '@playwright/test';
import { PROMPT, openPlayground, screen, typeLine } from './playground';

/** The URLs the page has fetched so far. */
const fetchedUrls = (page: Page): Promise<string[]> => page.evaluate(`performance.getEntriesByType('resource').map((e) => e.name)`);

/** What Monaco shows, line by line (its view draws one `.view-line` per line). */
async function editorText(page: Page): Promise<string> {
  const lines = await page.locator('[data-testid=monaco] .view-line').allTextContents();
  return lines.map((line) => line.replace(/\u00a0/g, ' ')).join('\n');
}

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: editor-pod', 'spec:', '  containers:', '  - name: web', '    image: nginx', ''].join('\n');

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
});

test('the editor: new pod.yaml, save, cat it in the terminal, Apply creates the pod; a file from the shell opens', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Monaco reports a worker it cannot start on the console, then limps on without it.
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // Monaco is not part of the first screen (it is fetched in the background once the page settles).
  expect((await fetchedUrls(page)).filter((url) => url.includes('EditorPanel'))).toEqual([]);

  // ui.monaco_ready_ms: from the click on "Editor" to an editor that lists the files and takes keys.
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.locator('[data-testid=monaco][data-ready=true] textarea')).toBeAttached({ timeout: 10_000 });
  await expect(page.getByRole('navigation', { name: 'files in /root' })).toBeVisible();
  const readyMs = Date.now() - clicked;
  console.log(`ui.monaco_ready_ms ${readyMs}`);
  expect((await fetchedUrls(page)).some((url) => url.includes('EditorPanel'))).toBe(true);

  page.once('dialog', (dialog) => void dialog.accept('pod.yaml'));
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.locator('.editor-title')).toHaveText('pod.yaml');
  await page.locator('[data-testid=monaco] .view-lines').click();
  // Pasted, as a learner brings a manifest from a tutorial (typing it would be auto-indented).
  // (A string expression: e2e is typechecked without the DOM library.)
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(POD)})`);
  await page.keyboard.press('Control+v');
  await expect(page.locator('.editor-title')).toHaveText('pod.yaml •');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status')).toHaveText('Saved /root/pod.yaml');
  await expect(page.locator('.editor-title')).toHaveText('pod.yaml');

  await typeLine(page, 'cat pod.yaml');
  await expect.poll(() => screen(page)).toContain(`cat pod.yaml\n${POD}${PROMPT}`);

  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => screen(page)).toContain(`${PROMPT} kubectl apply -f pod.yaml\npod/editor-pod created\n${PROMPT}`);

  await typeLine(page, 'echo hi > a.txt');
  await page.getByRole('button', { name: 'refresh files' }).click();
  await page.getByRole('navigation', { name: 'files in /root' }).getByRole('button', { name: 'a.txt' }).click();
  await expect(page.locator('.editor-title')).toHaveText('a.txt');
  await expect.poll(() => editorText(page)).toBe('hi\n');

  // Changed in the terminal while open: a refresh shows the new text.
  await typeLine(page, 'echo there >> a.txt');
  await page.getByRole('button', { name: 'refresh files' }).click();
  await expect.poll(() => editorText(page)).toBe('hi\nthere\n');
  await page.screenshot({ path: 'test-results/editor-1280x720.png' });

  // The theme follows the system's colour scheme.
  await expect(page.locator('[data-testid=monaco] .monaco-editor')).toHaveClass(/\bvs\b/);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('[data-testid=monaco] .monaco-editor')).toHaveClass(/\bvs-dark\b/);
  await page.screenshot({ path: 'test-results/editor-dark-1280x720.png' });
  expect(errors).toEqual([]);
});

test('unsaved edits are kept across hiding the editor, and opening another file asks first', async ({ page }) => {
  await typeLine(page, 'echo one > one.txt; echo two > two.txt');
  await page.getByRole('button', { name: 'Editor' }).click();
  const files = page.getByRole('navigation', { name: 'files in /root' });
  await files.getByRole('button', { name: 'one.txt' }).click();
  await expect.poll(() => editorText(page)).toBe('one\n');
  await page.locator('[data-testid=monaco] .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('more');
  await expect(page.locator('.editor-title')).toHaveText('one.txt •');

  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.locator('[data-testid=monaco]')).toBeHidden();
  await page.getByRole('button', { name: 'Editor' }).click();
  await expect.poll(() => editorText(page)).toBe('one\nmore');

  page.once('dialog', (dialog) => void dialog.dismiss());
  await files.getByRole('button', { name: 'two.txt' }).click();
  await expect(page.locator('.editor-title')).toHaveText('one.txt •');
  page.once('dialog', (dialog) => void dialog.accept());
  await files.getByRole('button', { name: 'two.txt' }).click();
  await expect(page.locator('.editor-title')).toHaveText('two.txt');
  await expect.poll(() => editorText(page)).toBe('two\n');

  // Nothing was saved: the shell still reads the old text.
  await typeLine(page, 'cat one.txt');
  await expect.poll(() => screen(page)).toContain(`cat one.txt\none\n${PROMPT}`);
});

test('once the page has settled, Monaco is fetched in the background but runs only when the editor opens', async ({ page }) => {
  await expect.poll(async () => (await fetchedUrls(page)).some((url) => /EditorPanel-[^/]*\.js$/.test(url)), { timeout: 15_000 }).toBe(true);
  await expect(page.locator('[data-testid=monaco]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Editor' }).click();
  await expect(page.locator('[data-testid=monaco][data-ready=true] textarea')).toBeAttached({ timeout: 10_000 });
});

// `vim`, `vi` and `kubectl edit` typed in the browser's terminal open the file in the editor panel;
// the Kubernetes schema completes and checks manifests as they are typed.
import { expect, test, type Page } from '@playwright/test';
import { PROMPT, openPlayground, screen, typeLine } from './playground';


/** The screen with its rows joined: a line longer than the terminal is wide reads as one. */
async function flatScreen(page: Page): Promise<string> {
  return (await screen(page)).replace(/\n/g, '');
}

/** The edit tab's text as Monaco draws it (one `.view-line` per visible line). */
async function editText(page: Page): Promise<string> {
  const lines = await page.locator('[data-testid=monaco-edit] .view-line').allTextContents();
  return lines.map((line) => line.replace(/\u00a0/g, ' ')).join('\n');
}

/** Replaces the whole text of the focused Monaco editor by pasting (typing would be auto-indented). */
async function replaceText(page: Page, edit: (text: string) => string): Promise<void> {
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  const text = (await page.evaluate('navigator.clipboard.readText()')) as string;
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(edit(text))})`);
  await page.keyboard.press('Control+v');
}

const tab = (page: Page, name: string | RegExp) => page.getByRole('tablist', { name: 'open files' }).getByRole('tab', { name });

let errors: string[];
test.beforeEach(async ({ page, context }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
});

test.afterEach(() => expect(errors).toEqual([]));

test('vim pod.yaml opens the file in the editor; Save & close writes it, as cat then shows', async ({ page }) => {
  await typeLine(page, `printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: vim-pod\\n' > pod.yaml`);
  await typeLine(page, 'vim pod.yaml');
  await expect(tab(page, 'vim pod.yaml')).toHaveAttribute('aria-selected', 'true', { timeout: 10_000 });
  await expect.poll(() => editText(page)).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: vim-pod\n');
  // The terminal says where the file went, and waits.
  await expect.poll(() => flatScreen(page)).toContain(`${PROMPT} vim pod.yaml(vim pod.yaml: open in the editor beside; Ctrl-C cancels)`);
  await page.screenshot({ path: 'test-results/vim-1280x720.png' });

  await page.keyboard.press('Control+End');
  await page.keyboard.type('# edited in the browser');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('tablist', { name: 'open files' })).toBeHidden();
  await expect.poll(() => flatScreen(page)).toMatch(/Ctrl-C cancels\)\[root@master01 ~\]#$/);

  await typeLine(page, 'cat pod.yaml');
  await expect.poll(() => screen(page)).toContain(`cat pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: vim-pod\n# edited in the browser${PROMPT}`);
  // The file browser shows the same file.
  await expect(page.getByRole('navigation', { name: 'files in /root' }).getByRole('button', { name: 'pod.yaml' })).toBeVisible();
});

test('Close without saving leaves the file alone; Ctrl-C in the terminal closes the tab', async ({ page }) => {
  await typeLine(page, 'echo keep > keep.txt');
  await typeLine(page, 'vi keep.txt');
  await expect(tab(page, 'vi keep.txt')).toBeVisible({ timeout: 10_000 });
  await page.keyboard.type('lost ');
  await page.getByRole('button', { name: 'Close without saving' }).click();
  await expect(page.getByRole('tablist', { name: 'open files' })).toBeHidden();
  await typeLine(page, 'cat keep.txt');
  await expect.poll(() => screen(page)).toContain(`cat keep.txt\nkeep\n${PROMPT}`);

  await typeLine(page, 'vi new.txt');
  await expect(tab(page, 'vi new.txt')).toBeVisible({ timeout: 10_000 });
  await page.locator('[data-testid=active-terminal]').click();
  await page.keyboard.press('Control+c');
  await expect(page.getByRole('tablist', { name: 'open files' })).toBeHidden();
  await expect.poll(() => flatScreen(page)).toMatch(/Ctrl-C cancels\)\^C\[root@master01 ~\]#$/);
});

test('kubectl edit of a deployment: the replicas saved in the editor are applied', async ({ page }) => {
  await typeLine(page, 'kubectl create deployment web --image=nginx');
  await expect.poll(() => screen(page)).toContain('deployment.apps/web created');
  await typeLine(page, 'kubectl edit deployment/web');
  await expect(tab(page, /^vi \/tmp\/kubectl-edit-\d+\.yaml$/)).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => editText(page)).toContain('# Please edit the object below.');
  await replaceText(page, (text) => text.replace(/^ {2}replicas: 1$/m, '  replicas: 3'));
  await page.keyboard.press('Control+s');
  await expect.poll(() => screen(page)).toMatch(/cancels\)\ndeployment\.apps\/web edited\n\[root@master01 ~\]#$/);
  await typeLine(page, "kubectl get deployment web -o jsonpath='{.spec.replicas}'");
  await expect.poll(() => screen(page)).toContain(`'\n3${PROMPT}`);
});

test('the schema: completion offers containers under spec of a Pod, an unknown field is marked, hovers explain', async ({ page }) => {
  await typeLine(page, `printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: p\\nspec:\\n' > schema.yaml`);
  await typeLine(page, 'vi schema.yaml');
  await expect(tab(page, 'vi schema.yaml')).toBeVisible({ timeout: 10_000 });
  // Keys go to the editor once it shows the file and has the focus (until then they reach vi in the terminal).
  await expect.poll(() => editText(page)).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n');
  await expect(page.getByRole('textbox', { name: 'Editor content' })).toBeFocused();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('  conta');
  // Asked again until the language server has started and has the schema.
  const containers = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'containers' }).first();
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(containers).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/schema-completion-1280x720.png' });
  await page.keyboard.press('Escape');

  await replaceText(page, () => 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: nginx\n    colour: red\n');
  const marker = page.locator('[data-testid=monaco-edit] .squiggly-warning');
  await expect(marker.first()).toBeAttached({ timeout: 10_000 });
  // A hover shows what was known when it opened: on a busy machine the marker's message may come later, so hover again.
  await expect(async () => {
    await page.mouse.move(0, 0);
    await page.locator('[data-testid=monaco-edit] .view-line', { hasText: 'colour' }).locator('span', { hasText: 'colour' }).first().hover();
    await expect(page.locator('.monaco-hover').filter({ hasText: 'Property colour is not allowed.' }).first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 25_000 });
  await page.screenshot({ path: 'test-results/schema-marker-1280x720.png' });

  // A description from kubectl explain on the field under the pointer.
  await page.mouse.move(0, 0);
  await page.locator('[data-testid=monaco-edit] .view-line', { hasText: 'image: nginx' }).locator('span', { hasText: 'image' }).first().hover();
  await expect(page.locator('.monaco-hover').filter({ hasText: 'Container image name' }).first()).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Close without saving' }).click();
});

import { expect, test, type Page } from '@playwright/test';
import { PROMPT, savedText, screen, typeLine } from './playground';
import { readFileSync } from 'node:fs';


/** Runs a command and waits for `expected` in what follows it on the screen. */
async function run(page: Page, line: string, expected: string, timeout = 20_000): Promise<void> {
  await typeLine(page, line);
  await expect.poll(async () => (await screen(page)).split(line).at(-1) ?? '', { timeout }).toContain(expected);
}

async function openPage(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain(PROMPT);
}

test('a reload brings back the deployment, its pods Running again, and the file', async ({ page }) => {
  test.setTimeout(90_000);
  await openPage(page);
  await run(page, 'kubectl create deployment web --image=nginx --replicas=2 && echo kept > /root/note.txt', 'deployment.apps/web created');
  await run(page, 'kubectl rollout status deployment web', 'successfully rolled out', 30_000);
  // The autosave has the deployment and the file before the reload.
  await expect.poll(() => savedText(page), { timeout: 15_000 }).toMatch(/"name":"web".*"path":"\/root\/note.txt"/s);

  await page.reload();
  await expect(page.getByRole('status')).toContainText('Restored your cluster from', { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText('containers were restarted, as after a node reboot');
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain(PROMPT);
  await page.screenshot({ path: 'test-results/persist-restored.png' });
  await run(page, 'cat /root/note.txt', 'kept');
  await run(page, 'kubectl rollout status deployment web', 'successfully rolled out', 30_000);
  await run(page, 'kubectl get pods -l app=web --no-headers | grep -c Running', '2');
});

test('after a reload, Up-arrow in the first tab brings back the commands typed before it', async ({ page }) => {
  test.setTimeout(90_000);
  await openPage(page);
  await run(page, 'echo typed-before-reload', 'typed-before-reload');
  // The snapshot's master01 disk holds the line in root's ~/.bash_history.
  await expect.poll(() => savedText(page), { timeout: 15_000 }).toMatch(/"path":"\/root\/.bash_history"[^}]*echo typed-before-reload/);

  await page.reload();
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain(PROMPT);
  await page.locator('[data-testid=active-terminal]').click();
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await screen(page)).split('\n').at(-1), { timeout: 10_000 }).toBe(`${PROMPT} echo typed-before-reload`);
});

test('a damaged save gives a notice and a fresh cluster that works', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  // First visit without the app's scripts, only to plant a save from a newer kubeplay.
  await page.route('**/*.js', (route) => route.abort());
  await page.goto('/');
  await page.evaluate(`new Promise((resolve) => {
    const open = indexedDB.open('kubeplay', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('saved');
    open.onsuccess = () => {
      const tx = open.result.transaction('saved', 'readwrite');
      tx.objectStore('saved').put({ snapshot: { format: 'kubeplay-snapshot', version: 99 }, savedAt: 0 }, 'cluster');
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  })`);
  await page.unroute('**/*.js');
  await openPage(page);
  await expect(page.getByRole('alert')).toHaveText(
    /Your saved cluster could not be read \(it was saved by a newer kubeplay \(snapshot version 99; this page reads version 1\)\); started a fresh one\./,
  );
  await page.screenshot({ path: 'test-results/persist-unreadable.png' });
  await run(page, 'kubectl get nodes --no-headers | wc -l', '3');
});

test('a bad import is refused with its reason and leaves the cluster as it was', async ({ page }) => {
  await openPage(page);
  await run(page, 'kubectl create namespace keep-me', 'namespace/keep-me created');
  const picker = page.getByTestId('snapshot-file');
  await picker.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"kubeplay-snapshot","version":1}') });
  await expect(page.getByRole('alert')).toHaveText(/broken\.json could not be imported \(the field "seed" is missing\); your cluster is unchanged\./);
  await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toHaveText(/notes\.txt could not be imported \(it is not JSON\)/);
  await run(page, 'kubectl get namespace keep-me --no-headers', 'keep-me');
});

test('a refused import says why in the page language, and again in the other after a switch', async ({ page }) => {
  await openPage(page);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByTestId('snapshot-file').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"kubeplay-snapshot","version":7}') });
  await expect(page.getByRole('alert')).toHaveText(/无法导入 future\.json（它由更新版本的 kubeplay 保存（快照版本 7；本页面只能读取版本 1））；你的集群没有变化。/);
  await page.screenshot({ path: 'test-results/persist-import-refused-zh.png' });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('alert')).toHaveText(/future\.json could not be imported \(it was saved by a newer kubeplay \(snapshot version 7; this page reads version 1\)\); your cluster is unchanged\./);
});

test('export, reset, import: the exported cluster comes back', async ({ page }) => {
  test.setTimeout(90_000);
  await openPage(page);
  await run(page, 'echo round-trip > /root/rt.txt && kubectl create namespace exported', 'namespace/exported created');
  await page.getByText('Cluster', { exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export snapshot' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kubeplay-\d{4}-\d{2}-\d{2}\.json$/);
  const file = readFileSync((await download.path())!);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByText('Cluster', { exact: true }).click();
  await page.getByRole('button', { name: 'Reset cluster' }).click();
  await expect(page.getByRole('status')).toHaveText(/A fresh cluster has started\./);
  // The terminal logs in again to the new cluster.
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain(PROMPT);
  await run(page, 'cat /root/rt.txt; kubectl get namespace exported', 'namespaces "exported" not found');

  await page.getByTestId('snapshot-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
  await expect(page.getByRole('status')).toContainText(`Restored the cluster from ${download.suggestedFilename()}`, { timeout: 30_000 });
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain(PROMPT);
  await run(page, 'cat /root/rt.txt && kubectl get namespace exported --no-headers', 'exported');
});

test('settings go with the cluster: reload, export and import bring them back', async ({ page }) => {
  test.setTimeout(90_000);
  await openPage(page);
  await page.getByLabel('speed', { exact: true }).selectOption('5');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect.poll(() => savedText(page), { timeout: 15_000 }).toMatch(/"page":\{[^}]*"theme":"dark"[^}]*"speed":5/);

  await page.reload();
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain(PROMPT);
  await expect(page.getByLabel('speed', { exact: true })).toHaveValue('5');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.getByText('Cluster', { exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export snapshot' }).click();
  const exported = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8')) as { page: Record<string, unknown> };
  expect(exported.page).toMatchObject({ theme: 'dark', speed: 5 });

  const picker = page.getByTestId('snapshot-file');
  const withPage = (section: unknown) => Buffer.from(JSON.stringify({ ...exported, page: section }));
  await picker.setInputFiles({ name: 'bad-page.json', mimeType: 'application/json', buffer: withPage({ speed: 'fast' }) });
  await expect(page.getByRole('alert')).toHaveText(/bad-page\.json could not be imported \(the field "page\.speed" should be 0\|1\|2\|5\|10\|60\); your cluster is unchanged\./);

  await picker.setInputFiles({ name: 'chinese.json', mimeType: 'application/json', buffer: withPage({ ...exported.page, language: 'zh', theme: 'light', speed: 2, unknownSetting: true }) });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('status')).toContainText('已从 chinese.json 恢复集群', { timeout: 30_000 });
  await expect.poll(() => screen(page), { timeout: 30_000 }).toContain(PROMPT);
  await expect.poll(() => page.evaluate('localStorage.getItem("kubeplay.time.speed")')).toBe('2');
});

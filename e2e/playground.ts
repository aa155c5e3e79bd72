/** What every end-to-end test does with the playground: open it, read the terminal, type, run time. */
import { expect, type Page } from '@playwright/test';

export const PROMPT = '[root@master01 ~]#';

/** The shown terminal's screen as text: one line per row (xterm's DOM renderer draws a div a row). */
export async function screen(page: Page): Promise<string> {
  const rows = await page.locator('[data-testid=active-terminal] .xterm-rows > div').allTextContents();
  return rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd()).join('\n').trimEnd();
}

/** The last line is a bare prompt — master01's or a busybox client's: the command has finished. */
export const atPrompt = (text: string): boolean => /(^|\n)(\[root@master01 ~\]#|\/ #)$/.test(text);

/** Whether the terminal's text ends with `line` as typed. Compared without white space: a long line
 * wraps over rows, and rows are padded or trimmed. */
export const showsTyped = (text: string, line: string): boolean => text.replace(/\s/g, '').endsWith(line.replace(/\s/g, ''));

/**
 * Types a line into the shown terminal and presses Enter once the line shows, as a person would.
 * (Enter sooner, and a check for the next prompt could still see the previous one.)
 */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid=active-terminal]').click();
  await page.keyboard.type(line);
  await expect.poll(async () => showsTyped(await screen(page), line), { message: `the typed line shows: ${line}` }).toBe(true);
  await page.keyboard.press('Enter');
}

/** Types the lines, waits for the prompt to come back, and returns the screen. */
export async function run(page: Page, ...lines: string[]): Promise<string> {
  for (const line of lines) await typeLine(page, line);
  await expect.poll(async () => atPrompt(await screen(page)), { timeout: 30_000, message: lines[0] }).toBe(true);
  return screen(page);
}

export const controls = (page: Page) => page.getByRole('group', { name: 'time controls' });

/** Presses "until quiet" and waits for the cluster to settle. */
export async function fastForward(page: Page, timeout = 30_000): Promise<void> {
  await controls(page).getByRole('button', { name: 'fast-forward until quiet' }).click();
  await expect(controls(page).getByRole('status')).toHaveText('quiet', { timeout });
}

/** Opens the page at a laptop's size and waits for master01's prompt. */
export async function openPlayground(page: Page, timeout = 20_000): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await expect.poll(() => screen(page), { timeout }).toContain(PROMPT);
}

/**
 * What the autosave last wrote to IndexedDB, as JSON text ('' when nothing): the record with its
 * packed snapshot (UTF-8 JSON bytes) decoded. (A script: the e2e types have no DOM.)
 */
export const savedText = (page: Page): Promise<string> =>
  page.evaluate(`new Promise((resolve) => {
    const open = indexedDB.open('kubeplay', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('saved');
    open.onsuccess = () => {
      const get = open.result.transaction('saved').objectStore('saved').get('cluster');
      get.onsuccess = () => {
        const record = get.result;
        const snapshot = record && record.snapshot instanceof ArrayBuffer ? JSON.parse(new TextDecoder().decode(record.snapshot)) : record && record.snapshot;
        resolve(record ? JSON.stringify({ ...record, snapshot }) : '');
        open.result.close();
      };
    };
  })`);


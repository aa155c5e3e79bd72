/**
 * Boots a `vite preview` of a fresh production build and a headless Chromium page on it: the
 * harness the ui.* figures measured in a real browser share (ui.lcp_ms, ui.command_roundtrip_ms,
 * ui.monaco_ready_ms, and the diagrams' frame rate).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { chromiumPath } from '../e2e/chromium';
import { showsTyped } from '../e2e/playground';

export interface PreviewedPage {
  page: Page;
  url: string;
  /** A page of its own on the same preview (fresh storage), for one more measurement. */
  newPage(): Promise<Page>;
}

/** Builds once, serves it, runs `body` with a 1280×720 page, then takes everything down. */
export async function withPreviewPage<T>(body: (preview: PreviewedPage) => Promise<T>): Promise<T> {
  const outDir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-ui-'));
  let browser: Browser | undefined;
  const server = await (async () => {
    await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
    return preview({ logLevel: 'silent', build: { outDir }, preview: { port: 4190, strictPort: false } });
  })();
  try {
    const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4190/';
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
    const newPage = async (): Promise<Page> => (await browser!.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    return await body({ page: await newPage(), url, newPage });
  } finally {
    await browser?.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** `withPreviewPage`, with the page opened and its terminal at a prompt. */
export function withPlayground<T>(body: (page: Page) => Promise<T>): Promise<T> {
  return withPreviewPage(async ({ page, url }) => {
    await page.goto(url);
    await waitForPrompt(page);
    return body(page);
  });
}

/**
 * The median of `samples` first visits of one build, each in a page of its own (fresh storage),
 * closed before the next: one visit's figure here varies by hundreds of milliseconds.
 */
export function medianOfVisits(samples: number, visit: (page: Page, url: string) => Promise<number>): Promise<number> {
  return withPreviewPage(async ({ page, url, newPage }) => {
    const values: number[] = [];
    for (let next = page; ; next = await newPage()) {
      values.push(await visit(next, url));
      await next.context().close();
      if (values.length === samples) return percentile(values, 50);
    }
  });
}

export interface Stopwatch {
  /** The page event that starts it (the first one, in the capture phase)… */
  event: 'click' | 'keydown';
  /** …if this holds of it (a script expression over the event `e`). */
  startIf?: string;
  /** Where to watch DOM changes (a script expression); `done` may name it `root`. */
  root: string;
  /** What changes under `root` to watch (MutationObserver's options). */
  observe: { subtree?: boolean; childList?: boolean; attributes?: boolean; attributeFilter?: string[]; characterData?: boolean };
  /** A script expression: true once what is measured has happened. */
  done: string;
  /** Stop one animation frame after `done` holds: the frame that shows it has been painted. */
  painted?: boolean;
}

/**
 * Times something in the page, in page time: from the start event to the DOM change after which
 * `done` holds. Arm it, cause the start event, then await the returned read. (The page's CSP allows
 * no eval: the parts are script strings Playwright evaluates.)
 */
export async function startStopwatch(page: Page, watch: Stopwatch): Promise<() => Promise<number>> {
  // void: evaluate would otherwise wait for the promise, which needs the start event still to come.
  await page.evaluate(`{
    void (window.__stopwatch = new Promise((resolve) => {
      let start;
      document.addEventListener(${JSON.stringify(watch.event)}, (e) => { if (start === undefined && (${watch.startIf ?? 'true'})) start = performance.now(); }, { capture: true });
      const root = ${watch.root};
      const stop = () => resolve(performance.now() - start);
      const observer = new MutationObserver(() => {
        if (start === undefined || !(${watch.done})) return;
        observer.disconnect();
        ${watch.painted ? 'requestAnimationFrame(stop)' : 'stop()'};
      });
      observer.observe(root, ${JSON.stringify(watch.observe)});
    }));
  }`);
  return async () => Number(await page.evaluate('window.__stopwatch'));
}

/** The shown terminal's last non-empty row (xterm's DOM renderer: a div per row). */
export const LAST_TERMINAL_ROW = `(() => {
  const rows = [...document.querySelectorAll('[data-testid=active-terminal] .xterm-rows > div')].map((r) => r.textContent.replace(/\\u00a0/g, ' ').trimEnd());
  return rows.filter((r) => r !== '').at(-1) ?? '';
})()`;

/** The shown terminal's rows as one string (a long line wraps over several rows). */
const TERMINAL_TEXT = `[...document.querySelectorAll('[data-testid=active-terminal] .xterm-rows > div')].map((r) => r.textContent).join('')`;

/** Waits for a bare prompt on the terminal's last row. */
export function waitForPrompt(page: Page, timeout = 60_000): Promise<void> {
  return waitUntil(page, LAST_TERMINAL_ROW, (row) => row === '[root@master01 ~]#', timeout, 'a prompt');
}

/** Waits until the terminal shows `line` typed at its end. */
export function waitForTyped(page: Page, line: string, timeout = 10_000): Promise<void> {
  return waitUntil(page, TERMINAL_TEXT, (text) => showsTyped(text, line), timeout, `the typed line ${line}`);
}

/** Polls a script expression in the page until `test` holds of its value. (Polled from here: the
 * page's CSP forbids the string predicates waitForFunction would evaluate in it.) */
async function waitUntil(page: Page, expression: string, test: (value: string) => boolean, timeout: number, what: string): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!test(String(await page.evaluate(expression).catch(() => '')))) {
    if (performance.now() > deadline) throw new Error(`the terminal did not show ${what} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Types a line into the shown terminal, presses Enter once it shows (as a person would), and waits for the prompt. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid=active-terminal]').click();
  await page.keyboard.type(line);
  await waitForTyped(page, line);
  await page.keyboard.press('Enter');
  await waitForPrompt(page);
}

/**
 * A cluster with 1,000 pods: one Deployment of 1,000 replicas (the nodes hold a few hundred, the
 * rest wait for a node), run forward until quiet (or the fast-forward's 10 simulated minutes).
 */
export async function thousandPods(page: Page): Promise<void> {
  await typeLine(page, 'kubectl create deployment big --image=nginx:1.20-alpine --replicas=1000');
  await page.getByRole('button', { name: 'fast-forward until quiet' }).click();
  await page.getByRole('status').filter({ hasText: /^(quiet|still busy after 10 min)$/ }).waitFor({ timeout: 300_000 });
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

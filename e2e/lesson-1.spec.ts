// The first lesson, followed from start to finish in the browser as a learner does: every command
// is clicked in the lesson (which types it into the terminal), run with Enter, and each step's
// checks turn to ✓ before the next step.
import { expect, test, type Locator } from '@playwright/test';
import { atPrompt, openPlayground, screen } from './playground';

test('lesson 1 from start to finish: run, expose, curl the ClusterIP, a busybox client, resolv.conf, wget, dig', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPlayground(page);
  // Pulls and starts take simulated seconds: run the clock ten times as fast.
  await page.getByRole('group', { name: 'time controls' }).getByLabel('speed').selectOption('10');

  const lesson = page.getByRole('complementary', { name: 'lesson' });
  const steps = lesson.locator('.lesson-step');
  const transcript: string[] = [];
  for (let s = 0; s < (await steps.count()); s++) {
    const step = steps.nth(s);
    const commands = step.locator('.lesson-commands button');
    for (let c = 0; c < (await commands.count()); c++) {
      const command = (await commands.nth(c).textContent()) ?? '';
      await commands.nth(c).click();
      await expect.poll(async () => (await screen(page)).replace(/\n/g, '')).toContain(command);
      await page.keyboard.press('Enter');
      await expect.poll(async () => atPrompt(await screen(page)), { timeout: 30_000, message: `after ${command}` }).toBe(true);
      transcript.push(await screen(page));
    }
    // The step's checks pass on the cluster the commands built, and the step is marked done.
    const marks = step.locator('.check-mark');
    for (let m = 0; m < (await marks.count()); m++) await expect(marks.nth(m)).toHaveText('✓', { timeout: 20_000 });
    if ((await marks.count()) > 0) await expect(step.locator('.step-done')).toBeVisible();
  }

  const all = transcript.join('\n');
  expect(all).toContain('pod/nginx-deploy created');
  expect(all).toContain('service/nginx exposed');
  expect(all.match(/Welcome to nginx!/g)?.length).toBeGreaterThanOrEqual(2); // curl on master01, wget in the client
  expect(all).toMatch(/nameserver 10\.96\.0\.10/);
  expect(all).toMatch(/;; ANSWER SECTION:\nnginx\.default\.svc\.cluster\.local\.\s+\d+\s+IN\s+A\s+10\.\d+\.\d+\.\d+/);
  // The live diagrams the lesson embeds drew what happened: the pod on the map, the curl's path.
  await expect(lesson.getByRole('region', { name: 'Traffic' })).toContainText('default/nginx');
  const lessonMap = lesson.getByRole('region', { name: 'Cluster map' });
  const pod = lessonMap.getByRole('button', { name: /^Pod nginx-deploy: Running, 1\/1 ready, 0 restarts, on worker0\d$/ });
  await expect(pod).toBeVisible();
  // The lesson's map is named apart from the tab's: a page-wide look for "the cluster map" finds one.
  await expect(page.getByRole('group', { name: 'cluster map' })).toHaveCount(1);
  await expect(lessonMap.getByRole('group', { name: 'map of the cluster in this lesson' })).toBeVisible();

  // The pod clicked in the lesson's map opens the page's one object view, in full sight at 1280×720.
  await pod.click();
  const view = page.getByRole('dialog');
  await expect(view).toHaveCount(1);
  await expect(view).toHaveAccessibleName('Pod default/nginx-deploy');
  await expect(view.getByRole('region', { name: 'YAML' })).toContainText('name: nginx-deploy');
  await expect(view.getByLabel('spec')).toContainText('- image: nginx:1.20-alpine');
  await expect(view.getByLabel('status')).toContainText('phase: Running');
  await expect(view.getByRole('region', { name: 'Events' })).toContainText('Started');
  expect(await uncovered(view)).toBe(true);
  await page.screenshot({ path: 'test-results/lesson-1-object-view.png' });
  // Esc closes it and gives the focus back to the card that opened it.
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await expect(pod).toBeFocused();
  expect(errors).toEqual([]);
  await page.screenshot({ path: 'test-results/lesson-1-done.png' });
});

/** The element is inside the viewport and on top near its four corners and at its centre (no panel covers or clips it). */
async function uncovered(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    const page = el.ownerDocument;
    const box = el.getBoundingClientRect();
    const { clientWidth, clientHeight } = page.documentElement;
    if (box.left < 0 || box.top < 0 || box.right > clientWidth || box.bottom > clientHeight) return false;
    // Inside the rounded corners.
    const inset = 12;
    const points: [number, number][] = [
      [box.left + inset, box.top + inset],
      [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset],
      [box.right - inset, box.bottom - inset],
      [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
    ];
    return points.every(([x, y]) => el.contains(page.elementFromPoint(x, y)));
  });
}

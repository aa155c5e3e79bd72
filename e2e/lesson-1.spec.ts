// The first lesson, followed from start to finish in the browser as a learner does: every command
// is clicked in the lesson (which types it into the terminal), run with Enter, and each step's
// checks turn to ✓ before the next step.
import { expect, test } from '@playwright/test';
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
  // The live diagram the lesson embeds drew what happened: the curl's path.
  await expect(lesson.getByRole('region', { name: 'Traffic' })).toContainText('default/nginx');
  expect(errors).toEqual([]);
  await page.screenshot({ path: 'test-results/lesson-1-done.png' });
});

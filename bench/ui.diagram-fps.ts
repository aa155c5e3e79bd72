// ui.diagram_fps_1000: frames per second the page paints while the cluster map shows 1,000 pods
// that keep changing. One Deployment of 1,000 replicas (the nodes hold a few hundred; the rest wait
// for a node in the map's lane), settled by fast-forward; then `kubectl set image` rolls it at 10×
// while the page counts requestAnimationFrame callbacks for a few seconds.
import type { BenchCase } from './harness';
import { round } from './harness';
import { waitForPrompt, withPreviewPage } from './browser';

const MEASURE_MS = 5_000;

export const diagramFps: BenchCase = {
  name: 'ui.diagram_fps_1000',
  unit: 'fps',
  budget: { min: 50 },
  measure: () =>
    withPreviewPage(async ({ page, url }) => {
      await page.goto(url);
      await waitForPrompt(page);
      const typeLine = async (line: string) => {
        await page.locator('[data-testid=active-terminal]').click();
        await page.keyboard.type(line);
        await page.keyboard.press('Enter');
        await waitForPrompt(page);
      };
      await typeLine('kubectl create deployment big --image=nginx:1.20-alpine --replicas=1000');
      await page.getByRole('button', { name: 'fast-forward until quiet' }).click();
      await page.getByRole('status').filter({ hasText: /^(quiet|still busy after 10 min)$/ }).waitFor({ timeout: 300_000 });
      const shown = await page.getByRole('group', { name: 'cluster map' }).evaluate((map) => map.querySelectorAll('.pod-card, .pod-group').length);
      if (shown === 0) throw new Error('the cluster map shows no pods');

      // The rollout replaces every pod: cards and counts change on every batch the worker sends.
      await page.getByLabel('speed').selectOption('10');
      await typeLine('kubectl set image deployment/big nginx=nginx:1.25-alpine');
      const frames = Number(
        await page.evaluate(`new Promise((resolve) => {
          let frames = 0;
          const start = performance.now();
          const count = (now) => {
            frames++;
            if (now - start < ${MEASURE_MS}) requestAnimationFrame(count);
            else resolve(frames / ((now - start) / 1000));
          };
          requestAnimationFrame(count);
        })`),
      );
      return round(frames);
    }),
};

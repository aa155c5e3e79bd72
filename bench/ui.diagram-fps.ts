// ui.diagram_fps_1000: frames per second the page paints while the cluster map shows 1,000 pods
// that keep changing: 1,000 pods (thousandPods), then `kubectl set image` rolls it at 10×
// while the page counts requestAnimationFrame callbacks for a few seconds.
import type { BenchCase } from './harness';
import { round } from './harness';
import { thousandPods, typeLine, withPlayground } from './browser';

const MEASURE_MS = 5_000;

export const diagramFps: BenchCase = {
  name: 'ui.diagram_fps_1000',
  unit: 'fps',
  budget: { min: 50 },
  measure: () =>
    withPlayground(async (page) => {
      await thousandPods(page);
      const shown = await page.getByRole('group', { name: 'cluster map' }).evaluate((map) => map.querySelectorAll('.pod-card, .pod-group').length);
      if (shown === 0) throw new Error('the cluster map shows no pods');

      // The rollout replaces every pod: cards and counts change on every batch the worker sends.
      await page.getByLabel('speed').selectOption('10');
      await typeLine(page, 'kubectl set image deployment/big nginx=nginx:1.25-alpine');
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

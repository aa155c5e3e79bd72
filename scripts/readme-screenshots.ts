/**
 * Takes the README's screenshots (docs/screenshots/) from the built page: `npx vite build`, then
 * `npx tsx scripts/readme-screenshots.ts`. It plays the first lesson's commands and a rolling update
 * in a fresh cluster, as a learner would, and shoots each diagram at 1280×720. Chinese text needs a
 * CJK font on the machine (Debian: fonts-noto-cjk).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../e2e/chromium';

const PORT = 4390;
const OUT = 'docs/screenshots';

// Its own process group, so that stopping it stops vite too (npx runs vite as a child).
const preview = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US', colorScheme: 'light' });
  for (let i = 0; ; i++) {
    try {
      await page.goto(`http://127.0.0.1:${PORT}/`);
      break;
    } catch (error) {
      if (i > 40) throw error;
      await page.waitForTimeout(250);
    }
  }
  await page.getByText('[root@master01 ~]#').first().waitFor({ timeout: 60_000 });
  const type = async (line: string, settle = 800) => {
    await page.locator('[data-testid=active-terminal]').click();
    await page.keyboard.type(`${line}\n`);
    await page.waitForTimeout(settle);
  };
  const untilQuiet = async () => {
    await page.getByRole('button', { name: 'fast-forward until quiet' }).click();
    await page.getByRole('group', { name: 'time controls' }).getByRole('status').filter({ hasText: /quiet|busy/ }).waitFor({ timeout: 60_000 });
  };
  const tab = (name: string) => page.getByRole('tab', { name }).click();
  const shoot = (name: string) => page.screenshot({ path: `${OUT}/${name}.png` });

  await type('kubectl run nginx-deploy --image=nginx:1.20-alpine --port=80');
  await type('kubectl create deployment web --image=nginx:1.20 --replicas=3');
  await type('kubectl expose pod nginx-deploy --name=nginx --port=80');
  await untilQuiet();
  await type('kubectl get pods,svc');
  await shoot('lesson-and-map');

  await tab('Traffic');
  await type("curl -s $(kubectl get svc nginx -o jsonpath='{.spec.clusterIP}') | head -4", 2000);
  await shoot('traffic');

  await tab('Rollout');
  await type('kubectl set image deployment/web nginx=nginx:1.21', 300);
  await page.getByRole('group', { name: 'time controls' }).getByLabel('speed').selectOption('10');
  await page.waitForTimeout(5000);
  await shoot('rollout');

  await tab('Creation sequence');
  await type('kubectl run client --image=busybox -- sleep 3600', 6000);
  await shoot('sequence');

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('tab', { name: '集群地图' }).click();
  await page.waitForTimeout(800);
  await shoot('zh-dark');
} finally {
  await browser.close();
  process.kill(-preview.pid!);
}


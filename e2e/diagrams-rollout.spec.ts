// The Rollout and Pod timeline diagrams, driven from the terminal as a learner drives them:
// `kubectl set image` on a 3-replica deployment, then tutorial section 7's liveness exec pod.
import { expect, test, type Page } from '@playwright/test';
import { controls, fastForward, openPlayground, run } from './playground';


const diagram = (page: Page, name: string) => page.getByRole('tabpanel', { name });

test.beforeEach(async ({ page }) => {
  await openPlayground(page);
});

test('set image: two ReplicaSets, revision 2 at 3/3 and revision 1 at 0, the bounds in words', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  expect(await run(page, 'kubectl create deployment nginx --image=nginx --replicas=3')).toContain('deployment.apps/nginx created');
  await fastForward(page);
  expect(await run(page, 'kubectl set image deployment/nginx nginx=nginx:1.25')).toContain('deployment.apps/nginx image updated');
  await fastForward(page);

  await page.getByRole('tab', { name: 'Rollout' }).click();
  const rollout = diagram(page, 'Rollout');
  await expect(rollout.getByRole('combobox', { name: 'Deployment' }).locator('option:checked')).toHaveText('default/nginx');
  const sets = rollout.locator('.rollout-sets li');
  await expect(sets).toHaveCount(2);
  await expect(sets.nth(0)).toContainText('revision 1');
  await expect(sets.nth(0)).toContainText('nginx');
  await expect(sets.nth(0)).toContainText('desired 0 · current 0 · ready 0 · available 0');
  await expect(sets.nth(1)).toContainText('revision 2');
  await expect(sets.nth(1)).toContainText('nginx:1.25');
  await expect(sets.nth(1)).toContainText('desired 3 · current 3 · ready 3 · available 3');
  await expect(rollout.getByRole('status')).toHaveText('Rollout complete: 3 of 3 pods up to date and available');
  // 3 replicas, 25% each way: surge rounds up to 1, unavailable down to 0.
  await expect(rollout).toContainText('at most 4 pods = replicas 3 + maxSurge 1 (25% of 3, rounded up)');
  await expect(rollout).toContainText('at least 3 available = replicas 3 − maxUnavailable 0 (25% of 3, rounded down)');
  // The staircase: the last step holds revision 2's three pods only.
  const lastStep = rollout.locator('svg .step').last();
  await expect(lastStep.locator('rect')).toHaveCount(1);
  await expect(lastStep.locator('rect title')).toHaveText('revision 2: 3');
  await page.screenshot({ path: 'test-results/diagrams-rollout.png' });

  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('tabpanel', { name: '滚动更新' }).getByRole('status')).toHaveText('更新完成：3/3 个 Pod 已是新版本且可用');
  await page.getByRole('button', { name: 'English' }).click();
  expect(errors).toEqual([]);
});

test('a failing liveness probe: restarts and Unhealthy marks on the pod timeline', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await run(
    page,
    "cat > liveness-exec-pod.yaml <<'EOF'",
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: liveness-exec-container',
    '  namespace: default',
    'spec:',
    '  containers:',
    '  - name: liveness-exec-container',
    '    image: busybox:latest',
    '    imagePullPolicy: IfNotPresent',
    "    command: ['/bin/sh','-c','touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 3600']",
    '    livenessProbe:',
    '      exec:',
    "        command: ['test', '-e', '/tmp/healthy']",
    '      initialDelaySeconds: 2',
    '      periodSeconds: 3',
    'EOF',
  );
  // A fresh screen: with the here-document filling it to the last row, the next prompt did not show (see the report).
  await run(page, 'clear');
  expect(await run(page, 'kubectl create -f liveness-exec-pod.yaml')).toContain('pod/liveness-exec-container created');
  // Probes are background work (the cluster counts as quiet between them): let time run at 60× instead.
  await controls(page).getByLabel('speed').selectOption('60');

  await page.getByRole('tab', { name: 'Pod timeline' }).click();
  const timeline = diagram(page, 'Pod timeline');
  await timeline.getByRole('combobox', { name: 'Pod' }).selectOption({ label: 'default/liveness-exec-container' });
  const lane = timeline.locator('.lane[data-container=liveness-exec-container]');
  // Killed ~40 s in, after 30 s of grace the restart: about 70 simulated seconds.
  await expect(lane.locator('.restart').first()).toBeVisible({ timeout: 20_000 });
  await expect(lane.locator('.restart title').first()).toHaveText(/^restart #\d+ — the run before ended: Error, exit code 137$/);
  const unhealthy = lane.locator('.mark[data-reasons~=Unhealthy]');
  expect(await unhealthy.count()).toBeGreaterThanOrEqual(3);
  // Paused, the marks stop sliding left; Tab focus reads a mark as pointing at it does.
  await controls(page).getByRole('button', { name: 'pause' }).click();
  await unhealthy.first().focus();
  await expect(timeline.locator('.timeline-hover')).toContainText('Unhealthy');
  await expect(timeline.locator('.timeline-hover')).toContainText('Liveness probe failed');
  await expect(lane.locator('.mark[data-reasons~=Killing]').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/diagrams-timeline.png' });

  await timeline.getByRole('button', { name: '15 min' }).click();
  await expect(timeline.getByRole('button', { name: '15 min' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'test-results/diagrams-timeline-15min.png' });
  expect(errors).toEqual([]);
});

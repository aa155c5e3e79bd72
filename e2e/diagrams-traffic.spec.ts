// The traffic and creation-sequence diagrams, driven by commands typed in the terminal as a
// learner types them: a curl of a ClusterIP drawn from master01 through the Service's rules to a
// pod, and `kubectl run` drawn as the API calls that followed it.
import { expect, test, type Page } from '@playwright/test';
import { fastForward, openPlayground, run } from './playground';

/** The diagram panel above the terminal (lesson 1 embeds a Traffic diagram too). */
const panel = (page: Page) => page.getByRole('region', { name: 'diagrams' });

/** The Service's ClusterIP, as kubectl prints it. */
async function clusterIP(page: Page, service: string): Promise<string> {
  const text = await run(page, `echo IP=$(kubectl get svc ${service} -o jsonpath='{.spec.clusterIP}')`);
  const ip = [...text.matchAll(/IP=(\d+\.\d+\.\d+\.\d+)/g)].at(-1)?.[1];
  expect(ip, text).toBeTruthy();
  return ip!;
}

const openTab = (page: Page, name: string) => page.getByRole('tab', { name }).click();

test.beforeEach(async ({ page }) => {
  await openPlayground(page);
});

test('Traffic: curl of a ClusterIP from master01 goes through the Service rules to a web pod', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openTab(page, 'Traffic');
  const flows = panel(page).getByRole('region', { name: 'Recent requests (newest first)' }).getByRole('listitem');
  await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
  await run(page, 'kubectl expose deployment web --port=80');
  await fastForward(page);
  const ip = await clusterIP(page, 'web');
  await run(page, `curl -s ${ip} | head -4`);
  await expect(flows.filter({ hasText: 'default/web' }).first()).toHaveText(new RegExp(`^master01 → default/web ${ip.replace(/\./g, '\\.')}:80 → default/web-[a-z0-9]+-[a-z0-9]{5} 10\\.244\\.\\d+\\.\\d+:80$`));
  const figure = panel(page).getByRole('img', { name: 'The path of the selected request' });
  await expect(figure).toContainText('KUBE-SERVICES');
  await expect(figure).toContainText(/KUBE-SVC-[A-Z0-9]{16}/);
  await expect(figure).toContainText(/KUBE-SEP-[A-Z0-9]{16}/);
  // Repeated curls spread over both endpoints: each box counts the requests it took.
  for (let i = 0; i < 6; i++) await run(page, `curl -s -o /dev/null ${ip}`);
  // (kubectl's own connections to the apiserver, master01:6443, are in the list too.)
  await expect(flows.filter({ hasText: `master01 → default/web ${ip}:80 → default/web-` })).toHaveCount(7);
  const hits = await panel(page).locator('.traffic-server').allTextContents();
  expect(hits.map((h) => Number(/×(\d+)/.exec(h)?.[1] ?? 0)).reduce((a, b) => a + b, 0)).toBe(7);
  await page.screenshot({ path: 'test-results/diagrams-traffic-curl.png' });
  // A Service without endpoints is refused at the rules, in red, with the reason.
  await run(page, 'kubectl create service clusterip nobody --tcp=80:80');
  const nobody = await clusterIP(page, 'nobody');
  await run(page, `curl -s ${nobody}`);
  await expect(flows.filter({ hasText: 'nobody' }).first()).toHaveText(`master01 → default/nobody ${nobody}:80 — refused: the Service has no ready endpoints (kube-proxy REJECTs it)`);
  await page.screenshot({ path: 'test-results/diagrams-traffic-refused.png' });
  expect(errors).toEqual([]);
});

test('Sequence: kubectl run is drawn as the POST, the watch events, the binding, the CRI requests and the status updates', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await run(page, 'kubectl run x --image=nginx');
  await fastForward(page);
  // Opened after the command: the diagram shows what followed it.
  await openTab(page, 'Creation sequence');
  const figure = panel(page).getByRole('img', { name: 'API calls after the last kubectl command' });
  const texts = () => figure.locator('text').allTextContents();
  await expect.poll(texts).toEqual(expect.arrayContaining(['kubectl', 'apiserver', 'etcd', 'scheduler', 'POST pods/x 201', 'write /registry/pods/default/x', 'POST pods/x/binding 201']));
  expect(await texts()).toContainEqual(expect.stringMatching(/^kubelet\/worker0\d$/));
  expect(await texts()).toContainEqual(expect.stringMatching(/^containerd\/worker0\d$/));
  // Each arrow as 'from → to: label', top to bottom (its tooltip names the lanes).
  const arrows = await figure.locator('g.sequence-arrow').evaluateAll((groups) =>
    groups.map((g) => `${g.querySelector('title')?.textContent?.split(' · ')[0]}: ${g.querySelector('text')?.textContent}`),
  );
  const node = /kubelet\/(worker0\d) → containerd/.exec(arrows.join('\n'))?.[1];
  const expected = [
    'kubectl → apiserver: POST pods/x 201',
    'apiserver → scheduler: watch ADDED pods/x',
    'scheduler → apiserver: POST pods/x/binding 201',
    `apiserver → kubelet/${node}: watch ADDED pods/x`,
    `kubelet/${node} → containerd/${node}: RunPodSandbox x`,
    // nginx is nginx:latest, pulled each time (imagePullPolicy Always).
    `kubelet/${node} → containerd/${node}: PullImage nginx:latest`,
    `kubelet/${node} → containerd/${node}: CreateContainer x`,
    `kubelet/${node} → containerd/${node}: StartContainer x`,
  ];
  const at = expected.map((a) => arrows.indexOf(a));
  expect(at.every((i) => i >= 0), arrows.join('\n')).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  // The status update that reports the running container comes after it started.
  const status = arrows.findIndex((a, i) => i > at.at(-1)! && new RegExp(`^kubelet/${node} → apiserver: (PATCH|PUT) pods/x/status 200$`).test(a));
  expect(status, arrows.join('\n')).toBeGreaterThan(at.at(-1)!);
  await expect(figure.locator('g.sequence-arrow.watch line').first()).toHaveCSS('stroke-dasharray', /\d/);
  // (The arrows fade in one after another.)
  await figure.evaluate((svg) => Promise.all(svg.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)));
  await page.screenshot({ path: 'test-results/diagrams-sequence-run.png' });
  await figure.screenshot({ path: 'test-results/diagrams-sequence-figure.png' });
  expect(errors).toEqual([]);
});

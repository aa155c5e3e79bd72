/**
 * The strategies, patches and schema behind the real ApiServer: what kubectl would see.
 */
import { describe, expect, it } from 'vitest';
import type { Status } from 'kubernetes-types/meta/v1';
import { testServer } from '../testkit';

const messageOf = (body: unknown): string => (body as Status).message ?? '';

describe('through the apiserver', () => {
  it('creates a Job with a selector derived from its real uid', () => {
    const { call } = testServer();
    const res = call('POST', '/apis/batch/v1/namespaces/default/jobs', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
    });
    expect(res.status).toBe(201);
    const job = res.body as { metadata: { uid: string }; spec: { selector: { matchLabels: Record<string, string> } } };
    expect(job.spec.selector.matchLabels['batch.kubernetes.io/controller-uid']).toBe(job.metadata.uid);
  });

  it('rejects an invalid Deployment with the real message', () => {
    const { call } = testServer();
    const res = call('POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    expect(res.status).toBe(422);
    expect(messageOf(res.body)).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
  });

  it('reports unknown fields under strict field validation', () => {
    const { call } = testServer();
    const res = call(
      'POST',
      '/api/v1/namespaces/default/pods',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolicyy: 'Always' }] } },
      { query: { fieldValidation: 'Strict' } },
    );
    expect(res.status).toBe(400);
    expect(messageOf(res.body)).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"');
  });

  it('sets an image with a strategic merge patch and refuses other pod changes', () => {
    const { call } = testServer();
    expect(call('POST', '/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.24' }] } }).status).toBe(201);
    const strategic = { 'content-type': 'application/strategic-merge-patch+json' };
    const ok = call('PATCH', '/api/v1/namespaces/default/pods/p', { spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } }, { headers: strategic });
    expect(ok.status).toBe(200);
    expect((ok.body as { spec: { containers: { image: string }[] } }).spec.containers[0]!.image).toBe('nginx:1.25');
    const bad = call('PATCH', '/api/v1/namespaces/default/pods/p', { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } }, { headers: strategic });
    expect(bad.status).toBe(422);
    expect(messageOf(bad.body)).toMatch(/^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });

  it('gives a NodePort Service a node port and refuses a taken one', () => {
    const { call } = testServer();
    const svc = (name: string, nodePort?: number) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }] },
    });
    const first = call('POST', '/api/v1/namespaces/default/services', svc('a'));
    expect(first.status).toBe(201);
    const nodePort = (first.body as { spec: { ports: { nodePort: number }[] } }).spec.ports[0]!.nodePort;
    const second = call('POST', '/api/v1/namespaces/default/services', svc('b', nodePort));
    expect(second.status).toBe(422);
    expect(messageOf(second.body)).toBe(`Service "b" is invalid: spec.ports[0].nodePort: Invalid value: ${nodePort}: provided port is already allocated`);
  });
});

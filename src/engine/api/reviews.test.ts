import { describe, expect, it } from 'vitest';
import { testServer } from './testkit';

describe('review kinds answer questions and store nothing', () => {
  it.each([
    ['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'create', resource: 'pods' } } }, { allowed: true }],
    ['/apis/authorization.k8s.io/v1/subjectaccessreviews', { spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods' } } }, { allowed: false }],
    ['/apis/authentication.k8s.io/v1/selfsubjectreviews', {}, { userInfo: { username: 'kubernetes-admin' } }],
    ['/apis/authentication.k8s.io/v1/tokenreviews', { spec: { token: 'abc' } }, { authenticated: false }],
  ])('POST %s', (path, body, status) => {
    const { call } = testServer();
    const res = call('POST', path, body);
    expect(res.status).toBe(201);
    expect((res.body as { status: unknown }).status).toMatchObject(status);
    // Nothing to list or get afterwards: a review is not an object.
    expect(call('GET', path).status).toBe(405);
  });

  it('rejects a body that is not an object', () => {
    const { call } = testServer();
    expect(call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', 'yes').status).toBe(400);
  });
});

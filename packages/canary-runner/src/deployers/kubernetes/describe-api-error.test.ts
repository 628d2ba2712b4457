import { describe, expect, it } from 'vitest';
import { describeApiError } from './describe-api-error.js';

describe('describing an API error', () => {
  it('keeps the status message of other codes, bodies that are not JSON included', () => {
    expect(
      describeApiError({ code: 409, body: '{"message":"the object has been modified"}' }),
    ).toBe('409 the object has been modified');
    expect(describeApiError({ code: 500, body: 'upstream <html>' })).toBe('500 upstream <html>');
    expect(describeApiError({ code: 403, body: { message: 'forbidden by a webhook' } })).toBe(
      '403 forbidden by a webhook',
    );
    expect(describeApiError({ code: 401 })).toContain(
      '401 Unauthorized: the API server did not accept the credentials of the kubeconfig',
    );
  });

  it('names a cluster-scoped resource in a 403 and keeps the first line of anything else', () => {
    const body = {
      message:
        'namespaces is forbidden: User "bob" cannot list resource "namespaces" in API group "" at the cluster scope',
    };
    expect(describeApiError({ code: 403, body })).toBe(
      '403 Forbidden: user "bob" may not list namespaces at cluster scope; allow it with a Role rule {apiGroups: [""], resources: ["namespaces"], verbs: ["list"]} bound to that user (see deploy/kubernetes/base/canary-runner-rbac.yaml)',
    );
    expect(describeApiError(new Error('first line\nsecond'))).toBe('first line');
    expect(describeApiError('plain')).toBe('plain');
  });
});

import { describe, expect, it } from 'vitest';
import { CanaryError } from '../../../canary-error.js';
import { replaceWithRetry } from './replace-with-retry.js';

interface Obj {
  resourceVersion: number;
  weight: number;
  owner: string;
}

/** An object store that refuses a PUT of a stale resourceVersion with 409, as an API server does. */
function store(initial: Obj) {
  let current = { ...initial };
  const conflict = Object.assign(new Error('HTTP-Code: 409'), {
    code: 409,
    body: { message: 'the object has been modified' },
  });
  return {
    reads: 0,
    get: () => current,
    /** Another writer's edit, landing between this router's read and its PUT. */
    edit(change: Partial<Obj>) {
      current = { ...current, ...change, resourceVersion: current.resourceVersion + 1 };
    },
    async read() {
      this.reads++;
      return { ...current };
    },
    async replace(body: Obj) {
      if (body.resourceVersion !== current.resourceVersion) throw conflict;
      current = { ...body, resourceVersion: current.resourceVersion + 1 };
    },
  };
}

describe('replaceWithRetry', () => {
  it("redoes the change on the fresh object after a concurrent edit, keeping the other writer's edit", async () => {
    const s = store({ resourceVersion: 1, weight: 0, owner: 'ops' });
    let edits = 1;
    await replaceWithRetry<Obj>({
      where: 'Ingress trading/web-canary',
      read: () => s.read(),
      change: (obj) => {
        if (edits-- > 0) s.edit({ owner: 'kubectl-edit' });
        return { ...obj, weight: 25 };
      },
      replace: (body) => s.replace(body),
    });
    expect(s.get()).toEqual({ resourceVersion: 3, weight: 25, owner: 'kubectl-edit' });
    expect(s.reads).toBe(2);
  });

  it('gives up after three conflicts in a row with the one-line reason', async () => {
    const s = store({ resourceVersion: 1, weight: 0, owner: 'ops' });
    const attempt = replaceWithRetry<Obj>({
      where: 'HTTPRoute trading/web',
      read: () => s.read(),
      change: (obj) => {
        s.edit({ owner: 'a busy controller' });
        return { ...obj, weight: 5 };
      },
      replace: (body) => s.replace(body),
    });
    await expect(attempt).rejects.toThrow(
      new CanaryError(
        'E_DEPLOY_FAILED',
        'updating HTTPRoute trading/web: 409 the object has been modified',
      ),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'E_DEPLOY_FAILED' });
    expect(s.reads).toBe(3);
    expect(s.get().weight).toBe(0);
  });

  it('does not retry other failures, and keeps the wording of an error the read gives itself', async () => {
    const notFound = Object.assign(new Error('HTTP-Code: 404'), {
      code: 404,
      body: { message: 'web-canary not found' },
    });
    let reads = 0;
    await expect(
      replaceWithRetry({
        where: 'Ingress trading/web-canary',
        read: async () => {
          reads++;
          throw notFound;
        },
        change: (obj) => obj,
        replace: async () => {},
      }),
    ).rejects.toThrow('updating Ingress trading/web-canary: 404 web-canary not found');
    expect(reads).toBe(1);

    const own = new CanaryError('E_DEPLOY_FAILED', 'reading HTTPRoute trading/web: 403 Forbidden');
    await expect(
      replaceWithRetry({
        where: 'HTTPRoute trading/web',
        read: async () => {
          throw own;
        },
        change: (obj) => obj,
        replace: async () => {},
      }),
    ).rejects.toBe(own);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { CanaryError } from '../canary-error.js';
import { withRedactedErrors } from './redacted-errors.js';

const SECRET = 'hunter2-very-secret-value';

describe('withRedactedErrors', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('returns what the work returns when nothing is thrown', async () => {
    await expect(withRedactedErrors(async () => 'done')).resolves.toBe('done');
  });

  it('keeps the code of a CanaryError but masks a secret from the environment in its message', async () => {
    vi.stubEnv('DEPLOY_TOKEN', SECRET);
    const error = await withRedactedErrors(async () => {
      throw new CanaryError('E_LOCKED', `lock held by a run started with ${SECRET}`);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanaryError);
    expect((error as CanaryError).code).toBe('E_LOCKED');
    expect((error as CanaryError).message).toContain('lock held by a run started with');
    expect((error as CanaryError).message).not.toContain(SECRET);
  });

  it('turns a plain Error into a one-line E_DEPLOY_FAILED without the secret', async () => {
    vi.stubEnv('REGISTRY_PASSWORD', SECRET);
    const error = await withRedactedErrors(async () => {
      throw new Error(`login failed for ${SECRET}\n    at someFrame (file.js:1:1)`);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanaryError);
    expect((error as CanaryError).code).toBe('E_DEPLOY_FAILED');
    expect((error as CanaryError).message).toMatch(/^login failed for /);
    expect((error as CanaryError).message).not.toContain('\n');
    expect((error as CanaryError).message).not.toContain(SECRET);
  });

  it('turns a thrown non-error value into an E_DEPLOY_FAILED carrying its text, redacted', async () => {
    vi.stubEnv('API_KEY', SECRET);
    const error = await withRedactedErrors(async () => {
      throw `script said ${SECRET} and exit 3`;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CanaryError);
    expect((error as CanaryError).code).toBe('E_DEPLOY_FAILED');
    expect((error as CanaryError).message).toContain('and exit 3');
    expect((error as CanaryError).message).not.toContain(SECRET);
  });
});

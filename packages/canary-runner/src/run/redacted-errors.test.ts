import { afterEach, describe, expect, it } from 'vitest';
import { withRedactedErrors } from './redacted-errors.js';

const SECRET = 'hunter2-very-secret-value';
afterEach(() => {
  delete process.env.DEPLOY_TOKEN;
});

describe('errors from the public entry points', () => {
  it('carry no secret of the environment, whatever was thrown', async () => {
    process.env.DEPLOY_TOKEN = SECRET;
    await expect(
      withRedactedErrors(() => Promise.reject(new Error(`401 for token ${SECRET}\nstack`))),
    ).rejects.toMatchObject({
      code: 'E_DEPLOY_FAILED',
      message: expect.not.stringContaining(SECRET),
    });
    await expect(withRedactedErrors(() => Promise.reject(`plain ${SECRET}`))).rejects.toMatchObject(
      {
        code: 'E_DEPLOY_FAILED',
        message: expect.not.stringContaining(SECRET),
      },
    );
  });
});

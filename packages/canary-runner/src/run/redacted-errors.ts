import { Redactor, secretsFromEnv } from '@n1v1/redact';
import { CanaryError } from '../canary-error.js';

/**
 * Runs one public entry point (`runCanary`, `rollback`, `promote`) so that what it throws
 * carries no secret either: an error message is output too (the CLI prints it, CI logs it).
 */
export async function withRedactedErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const redactor = new Redactor(secretsFromEnv(process.env));
    if (error instanceof CanaryError) {
      throw new CanaryError(error.code, redactor.text(error.message));
    }
    if (error instanceof Error) {
      throw new CanaryError('E_DEPLOY_FAILED', redactor.text(error.message.split('\n')[0] ?? ''));
    }
    throw new CanaryError('E_DEPLOY_FAILED', redactor.text(String(error)));
  }
}

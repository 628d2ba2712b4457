import { CanaryError } from '../../../canary-error.js';
import { describeApiError } from '../../../deployers/kubernetes/describe-api-error.js';

/** One read-modify-replace of a Kubernetes object that a router owns a part of. */
export interface GuardedReplace<T> {
  /** What the object is, for messages: `Ingress trading/web-canary`. */
  where: string;
  /** The object as the API server has it now, with its resourceVersion. */
  read(): Promise<T>;
  /** The object with the router's part set; the rest stays the user's. */
  change(current: T): T;
  /** PUT of the changed object; the API server refuses it (409) if the object moved since `read`. */
  replace(body: T): Promise<unknown>;
}

/** Reads that lose to a concurrent edit this many times in a row give up rather than spin. */
const ATTEMPTS = 3;

/**
 * Replaces the object guarded by the resourceVersion it was read with: a concurrent edit (a
 * user's `kubectl edit`, a controller's status write) makes the PUT fail with 409 Conflict,
 * and the change is made again on the fresh object, so that the other edit is never
 * overwritten. Any other failure is `E_DEPLOY_FAILED` "updating <where>: <reason>"; a
 * CanaryError that `read` throws (its own wording) passes through as it is.
 */
export async function replaceWithRetry<T>(op: GuardedReplace<T>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await op.replace(op.change(await op.read()));
      return;
    } catch (error) {
      if (error instanceof CanaryError) throw error;
      if ((error as { code?: number }).code === 409 && attempt < ATTEMPTS) continue;
      throw new CanaryError('E_DEPLOY_FAILED', `updating ${op.where}: ${describeApiError(error)}`);
    }
  }
}

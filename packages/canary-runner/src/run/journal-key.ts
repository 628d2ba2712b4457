import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { statePath } from './state-paths.js';

/**
 * The state directory's own key, for sealing what a journal records that a later rollback
 * will act on (its deployer config). Created on first use, readable by this user only, and
 * never uploaded with the journals (CI uploads `runs/` only): a journal edited by hand or
 * forged in an artifact does not carry a seal this key made.
 */
export function journalKey(stateDir: string): Buffer {
  const path = statePath(stateDir, 'journal.key');
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  } catch {
    mkdirSync(stateDir, { recursive: true });
    try {
      writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another run created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  }
}

/** The seal of a recorded value: an HMAC of its canonical JSON. */
export function seal(key: Buffer, value: unknown): string {
  return createHmac('sha256', key).update(canonicalJson(value)).digest('hex');
}

/** Whether `mac` is the seal of `value` under `key`, compared in constant time. */
export function sealMatches(key: Buffer, value: unknown, mac: unknown): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(seal(key, value), 'hex'), Buffer.from(mac, 'hex'));
}

/** JSON with keys sorted, so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

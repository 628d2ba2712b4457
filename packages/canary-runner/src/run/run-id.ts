import { randomBytes } from 'node:crypto';

/** A run id that sorts by start time: `20250101T120000Z-3f9a1c`. */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

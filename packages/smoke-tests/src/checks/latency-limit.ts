import { formatMs } from '../format.js';
import type { HttpAnswer } from '../http/http-types.js';

/** A reason when the answer took longer than the limit (ms), else undefined. */
export function latencyOverLimit(
  answer: HttpAnswer,
  limitMs: number | undefined,
): string | undefined {
  if (limitMs === undefined || answer.durationMs <= limitMs) return undefined;
  return `answered in ${formatMs(answer.durationMs)}, over the ${formatMs(limitMs)} limit`;
}

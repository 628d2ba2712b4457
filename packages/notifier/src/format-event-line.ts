import type { DeploymentEvent } from './event.js';
import { eventHeadline } from './event-style.js';
import { redact } from './redact.js';
import { formatDuration } from './text/format-duration.js';
import { oneLine } from './text/truncate.js';

/**
 * One readable, redacted line for an event:
 * `2025-05-01T10:00:00.000Z deploy.failed Deploy failed: n1v1 1.4.2 on staging · run 42 · reason: …`
 */
export function formatEventLine(event: DeploymentEvent): string {
  const parts = [`${eventHeadline(event)}`, `run ${event.runId}`];
  if (typeof event.durationMs === 'number') parts.push(`took ${formatDuration(event.durationMs)}`);
  if (event.reason) parts.push(`reason: ${event.reason}`);
  if (event.message) parts.push(event.message);
  for (const [key, value] of Object.entries(event.details ?? {})) parts.push(`${key}=${value}`);
  if (event.url) parts.push(event.url);
  const time = event.timestamp ?? new Date().toISOString();
  return oneLine(redact(`${time} ${event.type} ${parts.join(' · ')}`));
}

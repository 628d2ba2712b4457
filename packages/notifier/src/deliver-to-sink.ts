import type { DeploymentEvent } from './event.js';
import type { SinkDelivery } from './notifier-types.js';
import { redact } from './redact.js';
import type { Sink, SinkResult } from './sink.js';
import { oneLine, truncate } from './text/truncate.js';

// After an abort, a sink gets this long to say how it stopped before it is written off.
const ABORT_GRACE_MS = 20;

const STATUSES = new Set(['delivered', 'failed', 'abandoned']);

/**
 * Runs one sink on one event and always resolves: a sink that throws, rejects or
 * returns nonsense is recorded as failed, and one that ignores the abort signal is
 * recorded as abandoned right after the deadline instead of holding anyone up.
 */
export async function deliverToSink(
  sink: Sink,
  event: DeploymentEvent,
  signal: AbortSignal,
): Promise<SinkDelivery> {
  const where = describeSink(sink);
  const start = performance.now();
  const finish = (result: SinkResult): SinkDelivery => ({
    sink: where,
    ...result,
    durationMs: Math.round(performance.now() - start),
  });
  if (signal.aborted) {
    return finish({ status: 'abandoned', attempts: 0, error: 'deadline passed while queued' });
  }
  const attempt = Promise.resolve()
    .then(() => sink.deliver(event, { signal }))
    .then(normalize, (error: unknown) => ({
      status: 'failed' as const,
      attempts: 0,
      error: `sink failed: ${cleanLine(error instanceof Error ? error.message : String(error))}`,
    }));
  let graceTimer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  const deadline = new Promise<SinkResult>((resolve) => {
    onAbort = () => {
      graceTimer = setTimeout(
        () => resolve({ status: 'abandoned', attempts: 0, error: 'deadline passed' }),
        ABORT_GRACE_MS,
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return finish(await Promise.race([attempt, deadline]));
  } finally {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(graceTimer);
  }
}

function normalize(result: unknown): SinkResult {
  const r = result as Partial<SinkResult> | undefined;
  if (!r || !STATUSES.has(r.status as string)) {
    return { status: 'failed', attempts: 0, error: 'sink returned no result' };
  }
  const out: SinkResult = {
    status: r.status as SinkResult['status'],
    attempts: typeof r.attempts === 'number' ? r.attempts : 0,
  };
  if (r.error !== undefined) out.error = cleanLine(String(r.error));
  else if (out.status !== 'delivered') out.error = out.status;
  return out;
}

function describeSink(sink: Sink): string {
  try {
    return cleanLine(sink.describe());
  } catch {
    return cleanLine(String(sink.name ?? 'sink'));
  }
}

function cleanLine(text: string): string {
  return truncate(oneLine(redact(text)), 500);
}

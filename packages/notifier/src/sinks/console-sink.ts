import type { DeploymentEvent } from '../event.js';
import { formatEventLine } from '../format-event-line.js';
import { NotifierError } from '../notifier-error.js';
import { redact } from '../redact.js';
import type { Sink, SinkResult } from '../sink.js';

export interface ConsoleSinkOptions {
  /** Where lines go. Default `process.stderr`, so stdout stays free for a command's result. */
  stream?: { write(chunk: string): unknown };
}

/** A sink that writes one redacted line per event to a stream (stderr by default). */
export function consoleSink(options: ConsoleSinkOptions = {}): Sink {
  const stream = options.stream ?? process.stderr;
  if (typeof stream?.write !== 'function') {
    throw new NotifierError('E_CONFIG_INVALID', 'consoleSink: stream must have a write() method');
  }
  return {
    name: 'console',
    describe: () => (stream === process.stderr ? 'console (stderr)' : 'console (stream)'),
    async deliver(event: DeploymentEvent): Promise<SinkResult> {
      try {
        stream.write(`${formatEventLine(event)}\n`);
        return { status: 'delivered', attempts: 1 };
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return { status: 'failed', attempts: 1, error: `could not write: ${redact(why)}` };
      }
    },
  };
}

const MAX_OUTPUT_CHARS = 300;

/**
 * Turns anything thrown into one redacted line: the message (and its cause's), never a
 * stack, cut to a length that fits a probe log.
 */
export function describeFailure(error: unknown, redact: (text: string) => string): string {
  return cleanOutput(messageOf(error) || 'check failed', redact);
}

/** One line, redacted, at most MAX_OUTPUT_CHARS: the only form any text leaves a check in. */
export function cleanOutput(text: string, redact: (text: string) => string): string {
  const firstLine = text.split('\n', 1)[0]!.trim();
  const clean = redact(firstLine);
  return clean.length > MAX_OUTPUT_CHARS ? `${clean.slice(0, MAX_OUTPUT_CHARS - 1)}…` : clean;
}

function messageOf(error: unknown, depth = 0): string {
  if (typeof error === 'string') return error;
  if (!(error instanceof Error) || depth > 2) return '';
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const inner = error instanceof AggregateError ? messageOf(error.errors[0], depth + 1) : '';
  const code = (error as { code?: unknown }).code;
  let message = error.message || inner || (typeof code === 'string' ? code : error.name);
  const cause = messageOf(error.cause, depth + 1);
  if (cause && !message.includes(cause)) message = `${message}: ${cause}`;
  return message;
}

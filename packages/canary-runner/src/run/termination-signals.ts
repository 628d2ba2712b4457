/**
 * Turns SIGINT/SIGTERM into an abort of the run (which then rolls back) instead of the
 * process dying with a canary left behind. Returns the function that removes the handlers.
 */
export function abortOnTerminationSignals(
  controller: AbortController,
  onSignal?: (signal: NodeJS.Signals) => void,
): () => void {
  const handler = (signal: NodeJS.Signals) => {
    onSignal?.(signal);
    if (!controller.signal.aborted) controller.abort(`interrupted by ${signal}`);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

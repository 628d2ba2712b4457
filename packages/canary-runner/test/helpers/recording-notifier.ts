import { createNotifier, type DeploymentEvent, type Notifier, type Sink } from '@n1v1/notifier';

/** A notifier whose one sink keeps the events in memory (and can be made slow). */
export function recordingNotifier(delayMs = 0): { notifier: Notifier; events: DeploymentEvent[] } {
  const events: DeploymentEvent[] = [];
  const sink: Sink = {
    name: 'memory',
    describe: () => 'memory',
    async deliver(event, context) {
      events.push(event);
      if (delayMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          context.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        if (context.signal.aborted)
          return { status: 'abandoned', attempts: 1, error: 'flush deadline' };
      }
      return { status: 'delivered', attempts: 1 };
    },
  };
  return { notifier: createNotifier([sink]), events };
}

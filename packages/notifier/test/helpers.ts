import { inspect } from 'node:util';
import type { DeploymentEvent, DeploymentEventType } from '../src/index.js';

/** A valid event; `n` makes it recognisable in order assertions. */
export function event(n: number, overrides: Partial<DeploymentEvent> = {}): DeploymentEvent {
  return {
    type: 'deploy.started',
    service: 'n1v1',
    environment: 'staging',
    version: '1.4.2',
    runId: `run-${n}`,
    ...overrides,
  };
}

export const ALL_TYPES: DeploymentEventType[] = [
  'deploy.started',
  'deploy.succeeded',
  'deploy.failed',
  'rollback.started',
  'rollback.completed',
  'rollback.failed',
  'info',
];

/** A writable that keeps what was written, for the console sink. */
export function memoryStream(): { write(chunk: string): boolean; text(): string } {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
      return true;
    },
    text: () => text,
  };
}

/** Everything a user could print about a value: JSON, util.inspect (deep, hidden), String. */
export function everyRendering(value: unknown): string {
  let json = '';
  try {
    json = JSON.stringify(value);
  } catch {
    json = '';
  }
  return [
    json,
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    String(value),
  ].join('\n');
}

/** Run ids of the messages a Discord-like server received, in arrival order. */
export function runIdsOf(
  messages: Array<{
    body: { embeds?: Array<{ fields?: Array<{ name: string; value: string }> }> };
  }>,
): string[] {
  return messages.map(
    (m) => m.body.embeds?.[0]?.fields?.find((f) => f.name === 'Run')?.value ?? '?',
  );
}

import type { DeliveryPolicyOptions } from '../delivery/delivery-policy.js';
import { HttpChannel } from '../delivery/http-channel.js';
import { resolvePolicy } from '../delivery/resolve-policy.js';
import type { DeploymentEvent } from '../event.js';
import { eventHeadline } from '../event-style.js';
import { formatEventLine } from '../format-event-line.js';
import { NotifierError } from '../notifier-error.js';
import { redact } from '../redact.js';
import type { DeliveryContext, Sink, SinkResult } from '../sink.js';

export interface WebhookSinkOptions extends DeliveryPolicyOptions {
  /** Where to POST (http or https). Treated as a secret: only its origin is ever printed. */
  url: string;
  /** Extra request headers, e.g. `authorization`. Never printed. */
  headers?: Record<string, string>;
  /** The JSON body for an event. Default: {@link defaultWebhookBody}. */
  render?: (event: DeploymentEvent) => unknown;
}

/** The default body: `{ schemaVersion: 1, text, headline, event }`, all text redacted. */
export function defaultWebhookBody(event: DeploymentEvent) {
  return {
    schemaVersion: 1 as const,
    text: formatEventLine(event),
    headline: redact(eventHeadline(event)),
    event: JSON.parse(redact(JSON.stringify(event))) as DeploymentEvent,
  };
}

// A hook that answers these will not start working by itself.
const DISABLE_ON: Record<number, string> = {
  401: 'the endpoint refuses our credentials',
  404: 'the endpoint does not exist',
  410: 'the endpoint is gone',
};

/**
 * A sink that POSTs each event as JSON to any URL, in order, with the same retries and
 * rate-limit handling as the Discord sink (`Retry-After`, `X-RateLimit-*`).
 */
export function webhookSink(options: WebhookSinkOptions): Sink {
  const url = parseHookUrl(options?.url);
  const policy = resolvePolicy(options, 'webhookSink');
  const render = options.render ?? defaultWebhookBody;
  const where = `webhook ${url.origin}`;
  const channel = new HttpChannel({ label: where, origin: url.origin, disableOn: DISABLE_ON });
  const href = url.href;
  const headers = { ...options.headers };
  return {
    name: 'webhook',
    describe: () => where,
    async deliver(event: DeploymentEvent, context: DeliveryContext): Promise<SinkResult> {
      let body: string;
      try {
        body = JSON.stringify(render(event));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return { status: 'failed', attempts: 0, error: `render failed: ${redact(why)}` };
      }
      return channel.post({ url: () => href, body, headers, policy, signal: context.signal });
    },
  };
}

function parseHookUrl(value: unknown): URL {
  const fail = () =>
    new NotifierError(
      'E_CONFIG_INVALID',
      'webhookSink: url must be an http or https URL without user name or password (put credentials in headers)',
    );
  if (typeof value !== 'string') throw fail();
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw fail();
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) throw fail();
  return url;
}

import type { DeliveryPolicy, DeliveryPolicyOptions } from '../delivery/delivery-policy.js';
import { type HttpChannel, sharedChannel } from '../delivery/http-channel.js';
import { resolvePolicy } from '../delivery/resolve-policy.js';
import { DEFAULT_DISCORD_API_BASE } from '../discord/api-base.js';
import type { DiscordWebhook } from '../discord/discord-webhook.js';
import { parseDiscordWebhookUrl } from '../discord/parse-webhook-url.js';
import { renderDiscordMessage } from '../discord/render-discord-message.js';
import type { DeploymentEvent } from '../event.js';
import { NotifierError } from '../notifier-error.js';
import type { DeliveryContext, Sink, SinkResult } from '../sink.js';

export interface DiscordSinkOptions extends DeliveryPolicyOptions {
  /** The execute-webhook URL from the channel's Integrations > Webhooks. Required; it is the credential. */
  webhookUrl: string;
  /**
   * Where requests go. Default `https://discord.com/api/v10`. Set it to a local
   * Discord-like server (`http://127.0.0.1:PORT/api/v10`; http only on loopback) to test;
   * a webhook URL on that server's origin is then accepted as well.
   */
  apiBase?: string;
  /** Poster name instead of the webhook's own (1-80 characters). */
  username?: string;
  /** Poster avatar image URL. */
  avatarUrl?: string;
  /** How error messages name the URL, e.g. `DISCORD_WEBHOOK_URL`. */
  label?: string;
}

// Answers after which a webhook never works again: stop spending requests on it.
const DISABLE_ON: Record<number, string> = {
  401: 'the webhook token is wrong or was regenerated; copy the webhook URL again',
  404: 'the webhook was deleted or its URL is wrong',
};

const USER_AGENT = 'DiscordBot (https://github.com/n1v1/ops-toolkit, 0.1.0) @n1v1/notifier';

/** Posts one embed per event to a Discord webhook; see {@link discord}. */
export class DiscordSink implements Sink {
  readonly name = 'discord';
  /** The parsed webhook: id and thread are public, the token is not reachable. */
  readonly webhook: DiscordWebhook;
  readonly policy: DeliveryPolicy;
  readonly #channel: HttpChannel;
  readonly #render: { username?: string; avatarUrl?: string };

  constructor(options: DiscordSinkOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new NotifierError('E_CONFIG_INVALID', 'discord() needs { webhookUrl }');
    }
    this.webhook = parseDiscordWebhookUrl(options.webhookUrl, {
      apiBase: options.apiBase,
      label: options.label,
    });
    this.policy = resolvePolicy(options, 'discord');
    this.#render = { username: options.username, avatarUrl: options.avatarUrl };
    const { apiBase, id } = this.webhook;
    this.#channel = sharedChannel(`discord ${apiBase} ${id}`, {
      label: this.webhook.describe(),
      origin: new URL(apiBase).origin,
      disableOn: DISABLE_ON,
    });
  }

  describe(): string {
    const via =
      this.webhook.apiBase === DEFAULT_DISCORD_API_BASE ? '' : ` via ${this.webhook.apiBase}`;
    return `${this.webhook.describe()}${via}`;
  }

  /** Why the webhook is no longer used (it answered 401 or 404), or undefined. */
  get disabledReason(): string | undefined {
    return this.#channel.disabledReason;
  }

  deliver(event: DeploymentEvent, context: DeliveryContext): Promise<SinkResult> {
    const body = JSON.stringify(renderDiscordMessage(event, this.#render));
    return this.#channel.post({
      url: () => this.webhook.executeUrl(),
      body,
      headers: { 'user-agent': USER_AGENT },
      policy: this.policy,
      signal: context.signal,
    });
  }

  toJSON(): { name: string; target: string } {
    return { name: this.name, target: this.describe() };
  }
}

/**
 * A sink that posts each event to a Discord webhook as one embed, in order, within the
 * rate limits Discord announces. Throws `E_WEBHOOK_URL_INVALID` for a malformed URL.
 */
export function discord(options: DiscordSinkOptions): DiscordSink {
  return new DiscordSink(options);
}

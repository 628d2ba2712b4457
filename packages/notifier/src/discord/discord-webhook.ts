import { rememberSecret } from '../redact.js';

/**
 * A parsed Discord webhook: its id, thread and where to send, with the token in a
 * private field. `JSON.stringify`, `util.inspect`, `String()` and error messages see the
 * id only; the token leaves the object only inside the request URL, at send time.
 */
export class DiscordWebhook {
  /** The webhook's snowflake id (not a secret: it names the webhook, it cannot post). */
  readonly id: string;
  /** Posts go into this thread of the channel when set (`?thread_id=` of the URL). */
  readonly threadId: string | undefined;
  /** Host of the webhook URL as given, e.g. `discord.com`. */
  readonly host: string;
  /** API base requests go to, e.g. `https://discord.com/api/v10`. */
  readonly apiBase: string;
  readonly #token: string;

  constructor(parts: {
    id: string;
    token: string;
    threadId?: string;
    host: string;
    apiBase: string;
  }) {
    this.id = parts.id;
    this.#token = parts.token;
    this.threadId = parts.threadId;
    this.host = parts.host;
    this.apiBase = parts.apiBase;
    rememberSecret(parts.token);
  }

  /** The execute-webhook URL with `?wait=true`, token included: hand it to fetch, nowhere else. */
  executeUrl(): string {
    const thread = this.threadId ? `&thread_id=${this.threadId}` : '';
    return `${this.apiBase}/webhooks/${this.id}/${this.#token}?wait=true${thread}`;
  }

  /** Where this webhook posts, without the token. */
  describe(): string {
    const thread = this.threadId ? ` thread ${this.threadId}` : '';
    return `discord webhook ${this.id}${thread} (${this.host})`;
  }

  toString(): string {
    return this.describe();
  }

  toJSON(): { id: string; threadId?: string; host: string; apiBase: string } {
    return { id: this.id, threadId: this.threadId, host: this.host, apiBase: this.apiBase };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `DiscordWebhook { ${this.describe()} }`;
  }
}

/** Stable codes of {@link NotifierError}. */
export type NotifierErrorCode =
  /** The Discord webhook URL is not one (the message never repeats the token). */
  | 'E_WEBHOOK_URL_INVALID'
  /** An option of a sink or of the notifier is wrong: a bad `apiBase`, `url`, `stream`, number. */
  | 'E_CONFIG_INVALID';

/**
 * The one error the notifier throws, and only while it is being configured: `send` and
 * `flush` never throw. Messages are one line, say what to do, and never carry a secret;
 * there is deliberately no `cause`, because causes (a URL parser's TypeError) carry the input.
 */
export class NotifierError extends Error {
  readonly code: NotifierErrorCode;

  constructor(code: NotifierErrorCode, message: string) {
    super(message);
    this.name = 'NotifierError';
    this.code = code;
  }
}

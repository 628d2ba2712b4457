export { createNotifier, DEFAULT_FLUSH_TIMEOUT_MS } from './create-notifier.js';
export type { BackoffOptions } from './delivery/backoff.js';
export {
  DEFAULT_DELIVERY_POLICY,
  type DeliveryPolicy,
  type DeliveryPolicyOptions,
} from './delivery/delivery-policy.js';
export { describeFlushReport } from './describe-flush-report.js';
export { DEFAULT_DISCORD_API_BASE } from './discord/api-base.js';
export { DISCORD_LIMITS, embedTextLength, enforceDiscordLimits } from './discord/discord-limits.js';
export type {
  DiscordEmbed,
  DiscordEmbedField,
  DiscordMessage,
} from './discord/discord-message.js';
export type { DiscordWebhook } from './discord/discord-webhook.js';
export {
  DISCORD_HOSTS,
  type ParseWebhookUrlOptions,
  parseDiscordWebhookUrl,
} from './discord/parse-webhook-url.js';
export {
  type RenderDiscordOptions,
  renderDiscordMessage,
} from './discord/render-discord-message.js';
export { type DeploymentEvent, type DeploymentEventType, EVENT_TYPES } from './event.js';
export { EVENT_STYLES, type EventStyle, eventHeadline } from './event-style.js';
export { formatEventLine } from './format-event-line.js';
export { NotifierError, type NotifierErrorCode } from './notifier-error.js';
export { type NotifierFromEnvOptions, notifierFromEnv } from './notifier-from-env.js';
export type {
  DeliveryFailure,
  EventDelivery,
  FlushOptions,
  FlushReport,
  Notifier,
  NotifierOptions,
  SendOutcome,
  SinkDelivery,
} from './notifier-types.js';
export { REDACTED, redact } from './redact.js';
export type { DeliveryContext, Sink, SinkResult, SinkStatus } from './sink.js';
export { type ConsoleSinkOptions, consoleSink } from './sinks/console-sink.js';
export { DiscordSink, type DiscordSinkOptions, discord } from './sinks/discord-sink.js';
export { defaultWebhookBody, type WebhookSinkOptions, webhookSink } from './sinks/webhook-sink.js';
export { eventProblems } from './validate-event.js';

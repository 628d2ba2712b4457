import type { DeploymentEventType } from './event.js';

export interface EventStyle {
  /** Short headline, e.g. `Deploy failed`. */
  label: string;
  /** Embed colour, 0xRRGGBB: green succeeded, red failed, orange/yellow rollback, blue started. */
  color: number;
  /** Lets a reader scan a channel without reading. */
  emoji: string;
}

export const EVENT_STYLES: Record<DeploymentEventType, EventStyle> = {
  'deploy.started': { label: 'Deploy started', color: 0x3498db, emoji: '🚀' },
  'deploy.succeeded': { label: 'Deploy succeeded', color: 0x2ecc71, emoji: '✅' },
  'deploy.failed': { label: 'Deploy failed', color: 0xe74c3c, emoji: '❌' },
  'rollback.started': { label: 'Rollback started', color: 0xe67e22, emoji: '⏪' },
  'rollback.completed': { label: 'Rollback completed', color: 0xf1c40f, emoji: '↩️' },
  'rollback.failed': { label: 'Rollback failed', color: 0x992d22, emoji: '🚨' },
  info: { label: 'Info', color: 0x95a5a6, emoji: 'ℹ️' },
};

/** `Deploy failed: n1v1 1.4.2 on staging`: the one-line summary every sink uses. */
export function eventHeadline(event: {
  type: DeploymentEventType;
  service: string;
  version: string;
  environment: string;
}): string {
  const style = EVENT_STYLES[event.type] ?? EVENT_STYLES.info;
  return `${style.label}: ${event.service} ${event.version} on ${event.environment}`;
}

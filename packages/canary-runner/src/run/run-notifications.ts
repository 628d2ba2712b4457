import type { DeploymentEvent, Notifier } from '@n1v1/notifier';
import { renderDiscordMessage } from '@n1v1/notifier';
import type { Redactor } from '@n1v1/redact';
import type { PlannedAction } from './planned-action.js';

type EventType = Exclude<DeploymentEvent['type'], 'info'>;

/** What became of one notification; the report lists them all. */
export interface NotificationRecord {
  type: EventType;
  /** ISO time it was sent. */
  at: string;
  /** `pending` until a sink answered; `undelivered` when any sink missed it. */
  status: 'pending' | 'delivered' | 'undelivered' | 'rejected';
  /** Per sink (redacted description): delivered, failed or abandoned, and why. */
  sinks: Array<{ sink: string; status: string; error?: string }>;
  error?: string;
}

export interface EventBase {
  service: string;
  environment: string;
  version: string;
  runId: string;
  url?: string;
}

/**
 * The run's notifications: fire and forget. `send` never awaits delivery, so a slow or dead
 * webhook cannot delay or change a decision; `finish` flushes with a bound at the very end
 * and says what was delivered.
 */
export class RunNotifications {
  readonly records: NotificationRecord[] = [];
  private readonly settling: Array<Promise<unknown>> = [];

  constructor(
    private readonly notifier: Notifier | undefined,
    private readonly redactor: Redactor,
    private readonly base: EventBase,
  ) {}

  /** The event as it leaves the run: the run's secrets (a script's output in `reason`) masked. */
  event(type: EventType, extra: Partial<DeploymentEvent> = {}): DeploymentEvent {
    return this.redactor.deep({ ...this.base, ...extra, type } as DeploymentEvent);
  }

  send(type: EventType, extra: Partial<DeploymentEvent> = {}): void {
    const record: NotificationRecord = {
      type,
      at: new Date().toISOString(),
      status: 'pending',
      sinks: [],
    };
    this.records.push(record);
    if (!this.notifier) {
      record.status = 'undelivered';
      record.error = 'no notifier';
      return;
    }
    const done = this.notifier
      .send(this.event(type, extra))
      .then(async (outcome) => {
        if (outcome.status === 'rejected') {
          record.status = 'rejected';
          if (outcome.error) record.error = this.redactor.text(outcome.error);
          return;
        }
        const delivery = await outcome.delivery;
        record.status = delivery.delivered ? 'delivered' : 'undelivered';
        record.sinks = delivery.sinks.map((s) => ({
          sink: s.sink,
          status: s.status,
          ...(s.error ? { error: this.redactor.text(s.error) } : {}),
        }));
      })
      .catch((error: unknown) => {
        record.status = 'undelivered';
        record.error = this.redactor.text(error instanceof Error ? error.message : String(error));
      });
    this.settling.push(done);
  }

  /** Flushes for at most `timeoutMs`, then reports; what is still pending stays `pending`. */
  async finish(timeoutMs: number): Promise<NotificationRecord[]> {
    if (this.notifier) {
      await this.notifier.flush({ timeoutMs });
      // Deliveries settle once flush has aborted or finished them; give them that tick.
      await Promise.race([
        Promise.allSettled(this.settling),
        new Promise((r) => setTimeout(r, 100)),
      ]);
    }
    return this.records;
  }

  /** The notifications a run would send, with destinations and the exact Discord bodies. */
  plan(types: EventType[], step: string): PlannedAction[] {
    const to = this.notifier?.describe() ?? [];
    return types.map((type) => ({
      step,
      kind: 'notification',
      summary: `notify ${type} to ${to.length ? to.join('; ') : 'nowhere (no notifier)'}`,
      detail: renderDiscordMessage(
        this.event(
          type,
          type === 'deploy.started' || type === 'deploy.succeeded'
            ? {}
            : { reason: '<the reason>' },
        ),
      ),
    }));
  }
}

import { createNotifier, type Sink } from '@n1v1/notifier';
import { Redactor } from '@n1v1/redact';
import { describe, expect, it } from 'vitest';
import { RunNotifications } from './run-notifications.js';

const base = { service: 'n1v1', environment: 'staging', version: '1.0.0', runId: 'r1' };

describe('RunNotifications', () => {
  it('records each event as delivered or not, per sink, once the bounded flush is over', async () => {
    const failing: Sink = {
      name: 'x',
      describe: () => 'x sink',
      deliver: async () => ({ status: 'failed', attempts: 1, error: 'HTTP 500' }),
    };
    const ok: Sink = {
      name: 'y',
      describe: () => 'y sink',
      deliver: async () => ({ status: 'delivered', attempts: 1 }),
    };
    const notifications = new RunNotifications(createNotifier([failing, ok]), new Redactor(), base);
    notifications.send('deploy.started');
    const records = await notifications.finish(2000);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      type: 'deploy.started',
      status: 'undelivered',
      sinks: [
        { sink: 'x sink', status: 'failed', error: 'HTTP 500' },
        { sink: 'y sink', status: 'delivered' },
      ],
    });
  });

  it('records an event the notifier rejects, and marks everything undelivered without a notifier', async () => {
    const notifications = new RunNotifications(createNotifier([]), new Redactor(), {
      ...base,
      version: '',
    });
    notifications.send('deploy.failed', { reason: 'x' });
    const [rejected] = await notifications.finish(500);
    expect(rejected!.status).toBe('rejected');
    expect(rejected!.error).toBeTruthy();
    const none = new RunNotifications(undefined, new Redactor(), base);
    none.send('rollback.started');
    expect(await none.finish(10)).toMatchObject([
      { type: 'rollback.started', status: 'undelivered', error: 'no notifier' },
    ]);
    expect(none.plan(['deploy.started'], 'deploy')[0]!.summary).toBe(
      'notify deploy.started to nowhere (no notifier)',
    );
  });
});

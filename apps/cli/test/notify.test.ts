import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const TOKEN = 'cliSecretToken_0123456789abcdefghijklmnopqrstuvwxyzABCDEF';
const GOOD_ID = '111111111111111111';

/** Answers like Discord's execute-webhook: 200 for the known webhook, 404 otherwise; slow on request. */
let server: Server;
let apiBase: string;
let received: Array<{
  url: string;
  body: {
    embeds: Array<{ title: string; fields: Array<{ name: string; value: string }>; url?: string }>;
  };
}>;
let delayMs: number;
const timers = new Set<NodeJS.Timeout>();

beforeEach(async () => {
  received = [];
  delayMs = 0;
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const answer = () => {
        if (res.destroyed) return;
        received.push({ url: req.url ?? '', body: JSON.parse(data) });
        const known = req.url?.startsWith(`/api/v10/webhooks/${GOOD_ID}/${TOKEN}?`);
        res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(known ? { id: '1' } : { message: 'Unknown Webhook', code: 10015 }));
      };
      if (delayMs > 0) timers.add(setTimeout(answer, delayMs));
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v10`;
});
afterEach(async () => {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const required = ['--event=deploy.failed', '--service=n1v1', '--env=staging', '--version=1.4.2'];

function discordEnv(id = GOOD_ID) {
  return {
    DISCORD_WEBHOOK_URL: `https://discord.com/api/webhooks/${id}/${TOKEN}`,
    N1V1_DISCORD_API_BASE: apiBase,
  };
}

describe('n1v1 notify', () => {
  it('delivers one event to Discord and the console and exits 0', async () => {
    const io = memoryIo(discordEnv());
    const code = await main(
      [
        'notify',
        ...required,
        '--run-id=42',
        '--reason=error rate 12%',
        '--message=@everyone canary failed',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.url).toBe(`/api/v10/webhooks/${GOOD_ID}/${TOKEN}?wait=true`);
    const embed = received[0]!.body.embeds[0]!;
    expect(embed.title).toBe('❌ Deploy failed: n1v1 1.4.2 on staging');
    expect(embed.fields).toContainEqual({ name: 'Reason', value: 'error rate 12%', inline: false });
    expect(io.out()).toMatch(
      new RegExp(
        `^delivered 1 event in \\d+ ms to discord webhook ${GOOD_ID} \\(discord\\.com\\) via ${apiBase}, console \\(stream\\)\\n$`,
      ),
    );
    expect(io.err()).toMatch(
      / deploy\.failed Deploy failed: n1v1 1\.4\.2 on staging · run 42 · reason: error rate 12% · @everyone canary failed\n$/,
    );
  });

  it('exits 1 and says why when Discord does not take the event, never printing the token', async () => {
    const io = memoryIo(discordEnv('222222222222222222'));
    expect(await main(['notify', ...required], io)).toBe(1);
    expect(io.out()).toBe(
      '1 of 1 event not delivered\n' +
        '  #1 deploy.failed -> discord webhook 222222222222222222 (discord.com) via ' +
        `${apiBase}: failed: HTTP 404: Unknown Webhook (code 10015): the webhook was deleted or its URL is wrong; ` +
        'discord webhook 222222222222222222 (discord.com) is disabled\n',
    );
    expect(io.out() + io.err()).not.toContain(TOKEN);
  });

  it('gives up at --timeout and exits 1', async () => {
    delayMs = 10_000;
    const io = memoryIo(discordEnv());
    const started = performance.now();
    expect(await main(['notify', ...required, '--timeout=300ms'], io)).toBe(1);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(io.out()).toMatch(/^1 of 1 event not delivered \(the flush deadline passed\)\n/);
  });

  it('prints one JSON document with --json', async () => {
    const io = memoryIo(discordEnv());
    expect(await main(['notify', ...required, '--json', '--run-id=7'], io)).toBe(0);
    const result = JSON.parse(io.out());
    expect(result).toMatchObject({
      delivered: true,
      event: { type: 'deploy.failed', runId: '7' },
      report: { ok: true, delivered: 1 },
    });
    expect(result.sinks).toHaveLength(2);
  });

  it('prints the Discord body and sends nothing with --dry-run', async () => {
    const io = memoryIo(discordEnv());
    expect(
      await main(['notify', ...required, '--dry-run', '--url=https://ci.example/run/3'], io),
    ).toBe(0);
    const body = JSON.parse(io.out());
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0].url).toBe('https://ci.example/run/3');
    expect(received).toHaveLength(0);
  });

  it('sends to the console alone, and says so, when DISCORD_WEBHOOK_URL is not set', async () => {
    const io = memoryIo({});
    expect(await main(['notify', ...required], io)).toBe(0);
    expect(io.err()).toContain(
      'DISCORD_WEBHOOK_URL is not set: the event goes to the console only',
    );
    expect(io.out()).toMatch(/^delivered 1 event in \d+ ms to console \(stream\)\n$/);
  });

  it('takes the run id and CI link from GitHub Actions when run there', async () => {
    const io = memoryIo({
      ...discordEnv(),
      GITHUB_RUN_ID: '987',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'n1v1/n1v1',
    });
    expect(await main(['notify', ...required], io)).toBe(0);
    const embed = received[0]!.body.embeds[0]!;
    expect(embed.url).toBe('https://github.com/n1v1/n1v1/actions/runs/987');
    expect(embed.fields).toContainEqual({ name: 'Run', value: '987', inline: true });
  });

  it('exits 2 with one line for a missing flag, an unknown event, a bad timeout or link', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['--service=n1v1', '--env=staging', '--version=1'],
        'n1v1: notify: --event is required (one of deploy.started, ',
      ],
      [
        ['--event=deploy.exploded', '--service=n1v1', '--env=staging', '--version=1'],
        'n1v1: notify: type must be one of deploy.started',
      ],
      [
        [...required, '--timeout=5'],
        'n1v1: notify: --timeout "5" needs a unit: write e.g. 500ms, 5s, 2m or 1m30s',
      ],
      [
        [...required, '--url=ci run 3'],
        'n1v1: notify: --url must be an http(s) link to the CI run',
      ],
      [[...required, '--env= '], 'n1v1: notify: --env is required (e.g. staging)'],
    ];
    for (const [argv, message] of cases) {
      const io = memoryIo(discordEnv());
      expect(await main(['notify', ...argv], io)).toBe(2);
      expect(io.err().startsWith(message)).toBe(true);
      expect(io.err().trim().split('\n')).toHaveLength(1);
    }
    expect(received).toHaveLength(0);
  });

  it('exits 2 for a malformed DISCORD_WEBHOOK_URL without echoing its token', async () => {
    const io = memoryIo({ DISCORD_WEBHOOK_URL: `http://discord.com/api/webhooks/1/${TOKEN}` });
    expect(await main(['notify', ...required], io)).toBe(2);
    expect(io.err()).toBe(
      'n1v1: DISCORD_WEBHOOK_URL must use https, not http; expected https://discord.com/api/webhooks/<id>/<token>\n',
    );
  });

  it('shows its flags with --help', async () => {
    const io = memoryIo();
    expect(await main(['notify', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: n1v1 notify --event=TYPE');
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pidAlive } from '../src/run/pid-alive.js';
import {
  attachHaproxyRouter,
  type HaproxyRecord,
  haproxyRouter,
} from '../src/traffic/routers/haproxy/haproxy-router.js';
import { runtimeCommand, runtimeCommands } from '../src/traffic/routers/haproxy/runtime-api.js';
import type { TrafficRouter } from '../src/traffic/routers/traffic-router.js';
import {
  type CountingServer,
  sendRequests,
  startCountingServer,
} from './helpers/counting-server.js';

const REQUESTS_PER_STEP = 1200;

let stateDir: string;
let stable: CountingServer;
let canary: CountingServer;
let router: TrafficRouter | undefined;

beforeEach(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'n1v1-haproxy-'));
  [stable, canary] = await Promise.all([
    startCountingServer('stable'),
    startCountingServer('canary'),
  ]);
});

afterEach(async () => {
  await router?.close();
  router = undefined;
  await Promise.all([stable.close(), canary.close()]);
  rmSync(stateDir, { recursive: true, force: true });
});

async function startRouter(matches: Parameters<typeof haproxyRouter>[0]['matches'] = []) {
  router = haproxyRouter({ config: { type: 'haproxy' }, stateDir, runId: 'run-1', matches });
  const started = await router.start(
    { stableUrl: stable.url, canaryUrl: canary.url },
    new AbortController().signal,
  );
  return { ...started, record: started.record as unknown as HaproxyRecord };
}

describe('the haproxy router', () => {
  it('gives the canary its configured share of real requests at every step, within 2 points, without a reload', async () => {
    const { entryUrl, record } = await startRouter();
    const shares: Array<{ weight: number; share: number; haproxyShare: number }> = [];
    for (const weight of [5, 25, 50, 100]) {
      await router!.setWeight(weight);
      const before = { stable: stable.hits, canary: canary.hits };
      const countedBefore = await router!.counts!();
      const served = await sendRequests(entryUrl!, REQUESTS_PER_STEP);
      const canaryHits = canary.hits - before.canary;
      const stableHits = stable.hits - before.stable;
      expect(canaryHits + stableHits).toBe(REQUESTS_PER_STEP);
      expect(served).toEqual({
        ...(stableHits ? { stable: stableHits } : {}),
        ...(canaryHits ? { canary: canaryHits } : {}),
      });
      const counted = await router!.counts!();
      const haproxyCanary = counted.canary - countedBefore.canary;
      shares.push({
        weight,
        share: (100 * canaryHits) / REQUESTS_PER_STEP,
        haproxyShare: (100 * haproxyCanary) / REQUESTS_PER_STEP,
      });
    }
    for (const { weight, share, haproxyShare } of shares) {
      expect(Math.abs(share - weight), `canary share at the ${weight} % step`).toBeLessThanOrEqual(
        2,
      );
      expect(haproxyShare).toBeCloseTo(share, 5);
    }
    // One process all along: weights changed through the runtime API, never a restart.
    expect(pidAlive(record.pid)).toBe(true);
    expect(router!.weightPercent).toBe(100);
  });

  it('cuts the canary to 0 % at once: the next requests all reach the stable version', async () => {
    const { entryUrl } = await startRouter();
    await router!.setWeight(50);
    await sendRequests(entryUrl!, 100);
    const detail = await router!.setWeight(0);
    expect(detail).toContain('0 % to the canary');
    const before = canary.hits;
    expect(await sendRequests(entryUrl!, 300)).toEqual({ stable: 300 });
    expect(canary.hits).toBe(before);
  });

  it("sends requests that carry a step's header or cookie to the canary whatever the weight", async () => {
    const header = { name: 'X-Canary', value: 'internal' };
    const cookie = { name: 'canary', value: 'always' };
    const { entryUrl } = await startRouter([{ header }, { cookie }]);
    await router!.setWeight(0, { header });
    expect(await sendRequests(entryUrl!, 50, { headers: { 'x-canary': 'internal' } })).toEqual({
      canary: 50,
    });
    expect(await sendRequests(entryUrl!, 50, { headers: { 'x-canary': 'other' } })).toEqual({
      stable: 50,
    });
    expect(await sendRequests(entryUrl!, 50, { headers: { cookie: 'canary=always' } })).toEqual({
      stable: 50,
    });
    await router!.setWeight(0, { cookie });
    expect(
      await sendRequests(entryUrl!, 50, { headers: { cookie: 'a=b; canary=always' } }),
    ).toEqual({ canary: 50 });
    expect(await sendRequests(entryUrl!, 50, { headers: { 'x-canary': 'internal' } })).toEqual({
      stable: 50,
    });
    await router!.setWeight(0);
    expect(await sendRequests(entryUrl!, 50, { headers: { cookie: 'canary=always' } })).toEqual({
      stable: 50,
    });
  });

  it('is reached again from its journal record by another process, which can cut the canary to 0 % and stop it', async () => {
    const { entryUrl, record } = await startRouter();
    await router!.setWeight(100);
    // The run that started it is gone; what the journal kept is enough.
    const attached = attachHaproxyRouter(JSON.parse(JSON.stringify(record)) as HaproxyRecord);
    await attached.setWeight(0);
    expect(await sendRequests(entryUrl!, 100)).toEqual({ stable: 100 });
    await attached.close();
    expect(pidAlive(record.pid)).toBe(false);
    await attached.close();
  });

  it('writes the configuration it runs: loopback frontend, two weighted servers, a stats socket', async () => {
    const { record } = await startRouter([{ header: { name: 'x-canary', value: 'internal' } }]);
    const text = readFileSync(record.configFile, 'utf8');
    expect(text).toContain(`bind 127.0.0.1:${record.port}`);
    expect(text).toContain(`stats socket ${record.socketPath} mode 600 level admin`);
    expect(text).toContain(`server stable ${stable.url.replace('http://', '')} weight 100`);
    expect(text).toContain(`server canary ${canary.url.replace('http://', '')} weight 0`);
    expect(text).toMatch(
      /acl n1v1_match_0 req\.hdr\(x-canary\),map_str\(.*match-0\.map\) -m found/,
    );
    expect(existsSync(record.socketPath)).toBe(true);
    // What haproxy refuses is an error with its own words, never a silent success.
    await expect(
      runtimeCommands(record.socketPath, ['set weight n1v1_weighted/nosuch 5']),
    ).rejects.toThrow(/^haproxy refused "set weight n1v1_weighted\/nosuch 5": /);
  });

  it('says which socket it could not reach when its haproxy is gone', async () => {
    await expect(runtimeCommand(join(stateDir, 'gone.sock'), 'show info')).rejects.toThrow(
      /^haproxy runtime API on .*gone\.sock: connect ENOENT/,
    );
  });

  it('fails with the reason haproxy gave when it cannot start', async () => {
    router = haproxyRouter({
      config: { type: 'haproxy', binary: '/bin/false' },
      stateDir,
      runId: 'run-2',
      matches: [],
    });
    await expect(
      router.start({ stableUrl: stable.url, canaryUrl: canary.url }, new AbortController().signal),
    ).rejects.toThrow(/haproxy did not start \(exited 1\)/);
  });
});

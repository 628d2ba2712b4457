import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const workerFile = fileURLToPath(new URL('./fixtures/lock-race-worker.mjs', import.meta.url));
const CONTENDERS = 8;
const ROUNDS = 100;

describe('a stale lock taken over by runs started together', () => {
  it(`never has two holders: ${CONTENDERS} contenders, ${ROUNDS} rounds`, async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'n1v1-lock-race-'));
    const dead = Number(
      spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      }).stdout,
    );
    mkdirSync(join(stateDir, 'locks'));
    for (let round = 1; round <= ROUNDS; round++) {
      const stale = {
        pid: dead,
        runId: 'dead-run',
        host: hostname(),
        since: '2026-01-01T00:00:00Z',
      };
      writeFileSync(join(stateDir, 'locks', `race-${round}.lock`), `${JSON.stringify(stale)}\n`);
    }
    const clock = new SharedArrayBuffer(4);
    const counter = new Int32Array(clock);
    const holders = new Map<number, number>();
    let answers = 0;
    const workers = Array.from(
      { length: CONTENDERS },
      (_, id) => new Worker(workerFile, { workerData: { stateDir, id, rounds: ROUNDS, clock } }),
    );
    try {
      await new Promise<void>((resolve, reject) => {
        for (const worker of workers) {
          worker.on('error', reject);
          worker.on('message', ({ round, held }: { round: number; held: boolean }) => {
            if (held) holders.set(round, (holders.get(round) ?? 0) + 1);
            if (++answers % CONTENDERS === 0) {
              if (round === ROUNDS) resolve();
              else start(round + 1);
            }
          });
        }
        const start = (round: number) => {
          Atomics.store(counter, 0, round);
          Atomics.notify(counter, 0);
        };
        // Every worker waits on the counter; give them a moment to load before round 1.
        setTimeout(() => start(1), 500);
      });
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
      rmSync(stateDir, { recursive: true, force: true });
    }
    const perRound = Array.from({ length: ROUNDS }, (_, i) => holders.get(i + 1) ?? 0);
    expect(perRound).toEqual(Array(ROUNDS).fill(1));
  });
});

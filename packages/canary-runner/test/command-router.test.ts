import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandRouter } from '../src/traffic/routers/command/command-router.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'n1v1-router-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const router = (command: string) =>
  commandRouter({
    config: { type: 'command', command, env: { WEIGHTS_FILE: join(dir, 'weights') } },
    env: 'staging',
    service: 'n1v1',
    runId: 'run-1',
    cwd: dir,
  });

describe('the command router', () => {
  it("runs the user's script with the weight and the step's match in its environment", async () => {
    const script = join(dir, 'set-weight.sh');
    writeFileSync(
      script,
      'echo "$N1V1_ENV $N1V1_CANARY_WEIGHT $N1V1_STABLE_WEIGHT $N1V1_CANARY_MATCH_HEADER $N1V1_CANARY_MATCH_VALUE" >> "$WEIGHTS_FILE"\n',
    );
    const r = router(`sh ${script}`);
    expect((await r.start({ canaryUrl: 'http://c' }, new AbortController().signal)).record).toEqual(
      {
        type: 'command',
      },
    );
    await r.setWeight(5, { header: { name: 'x-canary', value: 'internal' } });
    expect(await r.setWeight(25)).toBe(`sh ${script}: 25 % to the canary`);
    expect(r.weightPercent).toBe(25);
    expect(
      readFileSync(join(dir, 'weights'), 'utf8')
        .split('\n')
        .map((l) => l.trim()),
    ).toEqual(['staging 5 95 x-canary internal', 'staging 25 75', '']);
    expect(r.plan(50)[0]).toMatchObject({
      kind: 'command',
      summary: `run sh ${script} with N1V1_CANARY_WEIGHT=50`,
      detail: { env: { N1V1_CANARY_WEIGHT: '50', N1V1_STABLE_WEIGHT: '50' } },
    });
    await r.close();
  });

  it('fails the weight change with the last line the script wrote when it exits non-zero', async () => {
    const r = router('echo "the load balancer said no" >&2; exit 3');
    await expect(r.setWeight(25)).rejects.toThrow(
      'router command "echo "the load balancer said no" >&2; exit 3" exited 3 setting the weight to 25 %: the load balancer said no',
    );
    expect(r.weightPercent).toBe(0);
  });
});

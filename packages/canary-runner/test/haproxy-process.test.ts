import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pidAlive } from '../src/run/pid-alive.js';
import {
  findHaproxy,
  isOurHaproxy,
  startHaproxy,
  stopHaproxy,
} from '../src/traffic/routers/haproxy/haproxy-process.js';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-haproxy-process-'));
  dirs.push(dir);
  return dir;
}

function files(dir: string) {
  return {
    configFile: join(dir, 'haproxy.cfg'),
    socketPath: join(dir, 'admin.sock'),
    logFile: join(dir, 'haproxy.log'),
    port: 1,
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('finding haproxy', () => {
  it('takes the configured binary as given', () => {
    expect(findHaproxy('/opt/haproxy-2.8/sbin/haproxy', '')).toBe('/opt/haproxy-2.8/sbin/haproxy');
  });

  it('takes the first executable haproxy on PATH before the system one', () => {
    const dir = tempDir();
    const binary = join(dir, 'haproxy');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    const notExecutable = tempDir();
    writeFileSync(join(notExecutable, 'haproxy'), '');
    expect(findHaproxy(undefined, `${notExecutable}:${dir}`)).toBe(binary);
  });
});

describe('starting haproxy', () => {
  it('fails with haproxy’s alert when it refuses its config', async () => {
    const dir = tempDir();
    const paths = files(dir);
    writeFileSync(
      paths.configFile,
      'frontend broken\n    bind 127.0.0.1:0\n    no-such-keyword on\n',
    );
    const error = await startHaproxy(
      findHaproxy(),
      paths,
      new AbortController().signal,
      20_000,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_DEPLOY_FAILED' });
    expect((error as Error).message).toMatch(/^haproxy did not start \(exited 1\): .*ALERT/);
  });

  it('fails naming the error when the binary cannot be run', async () => {
    const dir = tempDir();
    const error = await startHaproxy(
      join(dir, 'no-such-haproxy'),
      files(dir),
      new AbortController().signal,
      20_000,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_DEPLOY_FAILED' });
    expect((error as Error).message).toContain('ENOENT');
  });

  it('kills a process that never opens the runtime API, after the ready timeout', async () => {
    const dir = tempDir();
    const fake = join(dir, 'haproxy');
    writeFileSync(fake, `#!/bin/sh\necho "$$" > ${join(dir, 'pid')}\nexec sleep 60\n`);
    chmodSync(fake, 0o755);
    const error = await startHaproxy(fake, files(dir), new AbortController().signal, 500).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'E_DEPLOY_FAILED',
      message: 'haproxy did not start (no runtime API after 500 ms)',
    });
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    await until(() => !pidAlive(pid), 'killed the process that never became ready');
  });
});

describe('stopping haproxy', () => {
  it('leaves alone a process whose command line is not this haproxy’s', async () => {
    const self = { pid: process.pid, configFile: '/tmp/some-other-run/haproxy.cfg' };
    expect(isOurHaproxy(self)).toBe(false);
    await expect(stopHaproxy(self)).resolves.toBe(false);
    expect(isOurHaproxy({ pid: 0, configFile: 'x' })).toBe(false);
  });
});

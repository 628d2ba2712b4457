import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCommand, untilSignal } from '../src/commands/serve.js';
import { main } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const bin = fileURLToPath(new URL('../bin/n1v1.js', import.meta.url));
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children)
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  children.clear();
});

/** A stop switch for the in-process command, and a promise of the URL it printed. */
function controlled() {
  let stop!: (reason: string) => void;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  return { deps: { untilStopped: () => stopped }, stop };
}

async function printedUrl(io: ReturnType<typeof memoryIo>): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(io.out());
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no listening line; stderr: ${io.err()}`);
}

describe('n1v1 serve', () => {
  it('runs the example service until stopped, then shuts it down and exits 0', async () => {
    const { deps, stop } = controlled();
    const io = memoryIo({ N1V1_VERSION: '2.0.0', N1V1_EXCHANGE: 'fail' });
    const exit = serveCommand(deps).run(['--port=0', '--host=127.0.0.1'], io);
    const url = await printedUrl(io);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { version: string }).version).toBe('2.0.0');
    expect((await fetch(`${url}/ready`)).status).toBe(503);
    stop('SIGINT');
    expect(await exit).toBe(0);
    expect(io.err()).toContain('n1v1 serve: SIGINT: stopping gracefully\n');
    expect(io.err()).toContain('example-service: listening on');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it.each([
    [['--port=http'], 'serve: --port must be an integer from 0 to 65535 (got "http")'],
    [['--port=70000'], 'serve: --port must be an integer from 0 to 65535 (got "70000")'],
    [['--host='], 'serve: --host needs an address'],
    [['--verbose'], 'serve: unknown flag "--verbose"'],
  ])('rejects %j with exit 2 and one line', async (argv, message) => {
    const io = memoryIo();
    expect(await main(['serve', ...argv], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(
      new RegExp(`^n1v1: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\n$`),
    );
  });

  it('rejects a bad fault variable with exit 2 before starting', async () => {
    const io = memoryIo({ N1V1_EXCHANGE: 'sometimes' });
    expect(await main(['serve', '--port=0'], io)).toBe(2);
    expect(io.err()).toBe(
      'n1v1: serve: N1V1_EXCHANGE must be ok, fail or hang (got "sometimes")\n',
    );
  });

  it('exits 1 when the service crashes on start', async () => {
    const io = memoryIo({ N1V1_CRASH_ON_START: '1' });
    expect(await main(['serve', '--port=0'], io)).toBe(1);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('n1v1: crashing right after start, as N1V1_CRASH_ON_START asks\n');
  });

  it('prints its help', async () => {
    const io = memoryIo();
    expect(await main(['serve', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: n1v1 serve \[--port=N\] \[--host=H\]/);
  });

  it('waits for the first of its signals and then stops listening for them', async () => {
    const before = process.listenerCount('SIGUSR2');
    const waiting = untilSignal(['SIGUSR2']);
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await waiting).toBe('SIGUSR2');
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('stops on SIGTERM as a real process and exits 0', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--port=0'], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    for (let i = 0; i < 1500 && !out.includes('\n'); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(`${url}/api/v1/status`)).status).toBe(200);
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  });
});

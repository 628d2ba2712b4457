import { describe, expect, it } from 'vitest';
import { startStableProcess } from './stable-process.js';

const node = process.execPath;

describe('startStableProcess', () => {
  it('resolves with the URL the process prints and stops it with SIGTERM', async () => {
    const script =
      "console.log('listening on http://127.0.0.1:5555'); process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);";
    const stable = await startStableProcess([node, '-e', script], {});
    expect(stable.url).toBe('http://127.0.0.1:5555');
    await stable.stop();
    expect(() => process.kill(stable.pid, 0)).toThrow();
    await stable.stop();
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const script =
      "console.log('listening on http://127.0.0.1:5556'); process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);";
    const stable = await startStableProcess([node, '-e', script], {});
    await stable.stop(300);
    expect(() => process.kill(stable.pid, 0)).toThrow();
  });

  it('says the service exited, with its last line of stderr, when it dies on start', async () => {
    const script = "console.error('E_PORT_IN_USE: port 8000 is taken'); process.exit(3);";
    await expect(startStableProcess([node, '-e', script], {})).rejects.toThrow(
      'the stable service did not start: it exited (code 3) (E_PORT_IN_USE: port 8000 is taken)',
    );
  });

  it('gives up on a service that never says it is listening, and stops it', async () => {
    await expect(
      startStableProcess([node, '-e', 'setInterval(() => {}, 1000)'], {}, 500),
    ).rejects.toThrow('no "listening on" line within 0.5 s');
  });

  it('reports a command that cannot be started', async () => {
    await expect(startStableProcess(['/nonexistent/n1v1-service'], {})).rejects.toThrow(/ENOENT/);
  });
});

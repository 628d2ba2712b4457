import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installedKubectls, kubectl } from '../src/index.js';

const BIN = fileURLToPath(new URL('../bin/fake-kubernetes.js', import.meta.url));
const [k] = await installedKubectls();

describe('the fake-kubernetes start command', () => {
  it('prints one JSON line with its port and a kubeconfig that kubectl uses, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--namespace=n1v1-staging', '--step-ms=50'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const line = JSON.parse(chunk.toString().split('\n')[0]!) as {
      url: string;
      port: number;
      kubeconfig: string;
      pid: number;
    };
    expect(line.url).toBe(`http://127.0.0.1:${line.port}`);
    expect(line.pid).toBe(child.pid);
    expect(
      await kubectl(k!, line.kubeconfig, 'get', 'namespace', 'n1v1-staging', '-o', 'name'),
    ).toBe('namespace/n1v1-staging\n');
    process.kill(child.pid!, 'SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('exits 2 with a one-line message on a bad flag', async () => {
    const child = spawn(process.execPath, [BIN, '--step-ms=soon'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'fake-kubernetes: --step-ms must be a positive whole number of milliseconds, got soon',
    );
  });
});

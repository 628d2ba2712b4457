import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Debian installs it in /usr/sbin, which a non-root PATH may lack.
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

export interface ProxyResponse {
  status: number;
  body: string;
}

export interface SameHostProxy {
  /** Sends one request through the proxy, as an anonymous caller from the network would. */
  send(
    method: string,
    path: string,
    headers?: Record<string, string>,
    body?: string,
  ): Promise<ProxyResponse>;
  stop(): Promise<void>;
}

/**
 * Debian's HAProxy in front of a service on the same host, as nginx, Envoy or an Istio
 * sidecar would be: every connection it makes to the service comes from 127.0.0.1. It listens
 * on a unix socket, so no port can clash with another test.
 */
export async function startSameHostProxy(backendPort: number): Promise<SameHostProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-haproxy-'));
  const socket = join(dir, 'front.sock');
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 100',
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 10s',
      '  timeout server 10s',
      'frontend front',
      `  bind unix@${socket}`,
      '  option forwardfor',
      '  default_backend service',
      'backend service',
      `  server s1 127.0.0.1:${backendPort}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100 && !existsSync(socket); i++) {
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!existsSync(socket)) {
    if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    throw new Error(`haproxy did not start: ${stderr}`);
  }
  return {
    send: (method, path, headers = {}, body) =>
      new Promise((resolve, reject) => {
        const req = request(
          { socketPath: socket, method, path, headers: { host: 'n1v1.example', ...headers } },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    async stop() {
      if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface Registry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** An npmrc whose registry is this one, with a publish token for it. */
  npmrc: string;
  stop(): Promise<void>;
}

/**
 * A real Verdaccio on loopback, storing in `root`: `@n1v1/*` only from what is published to
 * it, everything else proxied from the registry npm is configured with here (the public one),
 * so installs get the real third-party packages.
 */
export async function startVerdaccio(root: string, upstream: string): Promise<Registry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(root, 'verdaccio.yaml');
  const log = join(root, 'verdaccio.log');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(root, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(root, 'htpasswd'))}`,
      'uplinks:',
      '  upstream:',
      `    url: ${JSON.stringify(upstream)}`,
      '    timeout: 60s',
      // Verdaccio's defaults (2 failures, then 5 min offline) turn one dropped connection
      // among an install's hundreds of metadata requests into 404s for every package after it.
      '    max_fails: 20',
      '    fail_timeout: 5s',
      'packages:',
      "  '@n1v1/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      `log: { type: file, path: ${JSON.stringify(log)}, level: warn }`,
      '',
    ].join('\n'),
  );
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const child = spawn(
    process.execPath,
    [bin, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  const stop = () => stopChild(child);
  try {
    await waitForPing(url, child, log);
    const token = await addUser(url);
    const npmrc = join(root, 'npmrc');
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`, {
      mode: 0o600,
    });
    return { url, npmrc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForPing(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  let detail = '';
  try {
    detail = readFileSync(log, 'utf8').slice(-2000);
  } catch {
    // No log written.
  }
  throw new Error(
    `verdaccio did not answer ${url}-/ping within 60 s (exit ${child.exitCode}) ${detail}`,
  );
}

/** A throw-away publisher account, through the same API `npm adduser` uses. */
async function addUser(url: string): Promise<string> {
  const name = `ci-${randomBytes(4).toString('hex')}`;
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: randomBytes(16).toString('hex') }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`verdaccio refused a new user: ${res.status}`);
  return body.token;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

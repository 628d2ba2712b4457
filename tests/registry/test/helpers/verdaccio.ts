import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { NpmNetwork } from './npm-network.js';

export interface Registry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** An npmrc whose registry is this one, with a publish token for it. */
  npmrc: string;
  /** Verdaccio's own account of what went wrong: its uplink errors and refused requests, last first. */
  problems(maxLines?: number): string;
  /** `text` with this registry's publish token masked, for failure messages. */
  redact(text: string): string;
  stop(): Promise<void>;
}

/**
 * A real Verdaccio on loopback, storing in `root`: `@n1v1/*` only from what is published to
 * it, everything else proxied from the registry npm is configured with here (the public one),
 * reached the way npm reaches it (its CA bundle, its proxy), so installs get the real
 * third-party packages. Started with `env` (a user's shell, no secrets); stopped by its pid.
 */
export async function startVerdaccio(
  root: string,
  network: NpmNetwork,
  env: NodeJS.ProcessEnv,
): Promise<Registry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(root, 'verdaccio.yaml');
  const log = join(root, 'verdaccio.log');
  const proxy = [
    network.httpsProxy && `    https_proxy: ${JSON.stringify(network.httpsProxy)}`,
    network.proxy && `    http_proxy: ${JSON.stringify(network.proxy)}`,
    network.noproxy && `    no_proxy: ${JSON.stringify(network.noproxy)}`,
  ].filter((line): line is string => Boolean(line));
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(root, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(root, 'htpasswd'))}`,
      'uplinks:',
      '  upstream:',
      `    url: ${JSON.stringify(network.registry)}`,
      '    timeout: 60s',
      // Verdaccio's defaults (2 failures, then 5 min offline) turn one dropped connection
      // among an install's hundreds of metadata requests into 404s for every package after it.
      '    max_fails: 20',
      '    fail_timeout: 5s',
      `    strict_ssl: ${network.strictSsl}`,
      ...proxy,
      'packages:',
      "  '@n1v1/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      // `http` is the level that names an uplink's failure ("ERR, req: 'GET https://...',
      // error: self-signed certificate in certificate chain"); `warn` only says "offline".
      `log: { type: file, path: ${JSON.stringify(log)}, level: http }`,
      '',
    ].join('\n'),
  );
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const stderrFile = join(root, 'verdaccio.stderr');
  const stderrFd = openSync(stderrFile, 'w');
  const child = spawn(
    process.execPath,
    [bin, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      cwd: root,
      // The CA npm trusts is the one the upstream's certificate chains to (on a machine behind
      // a TLS-inspecting proxy, only npm's cafile may hold it): without it every proxied
      // package is a 404 "no such package available".
      env: network.cafile ? { ...env, NODE_EXTRA_CA_CERTS: network.cafile } : env,
      stdio: ['ignore', 'ignore', stderrFd],
    },
  );
  closeSync(stderrFd);
  let token = '';
  const redact = (text: string) => (token ? text.split(token).join('***') : text);
  const problems = (maxLines = 25) =>
    redact(
      [
        ...notableLines(readOr(log), maxLines),
        ...readOr(stderrFile)
          .split('\n')
          .filter((line) => line.trim() && !/superuser|trace-warnings/.test(line))
          .slice(-15),
      ].join('\n') || '(verdaccio logged nothing of note)',
    );
  const stop = () => stopChild(child);
  try {
    await waitForPing(url, child, problems);
    token = await addUser(url);
    await expectUplink(url, network.registry, problems);
    const npmrc = join(root, 'npmrc');
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`, {
      mode: 0o600,
    });
    return { url, npmrc, problems, redact, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One package every install here needs, through the uplink, before any install starts: a
 * registry that cannot proxy fails here in seconds with its reason, not minutes later as an
 * npm 404 for whichever package came first.
 */
async function expectUplink(url: string, upstream: string, problems: () => string): Promise<void> {
  const res = await fetch(`${url}ajv`, {
    headers: { accept: 'application/vnd.npm.install-v1+json' },
    signal: AbortSignal.timeout(90_000),
  });
  if (res.ok) return;
  // Verdaccio's file logger writes asynchronously: give the uplink's error line time to land.
  for (let waitedMs = 0; waitedMs < 3000 && !/ERR|error/.test(problems()); waitedMs += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `verdaccio at ${url} could not proxy "ajv" from its uplink ${upstream} (HTTP ${res.status}); its log:\n${problems()}`,
  );
}

/** Lines that say something failed: uplink errors, offline hosts, 4xx/5xx answers. */
function notableLines(log: string, maxLines: number): string[] {
  return log
    .split('\n')
    .filter((line) => /\bERR\b|error|offline|fatal|<-- [45]\d\d/i.test(line))
    .slice(-maxLines);
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function waitForPing(
  url: string,
  child: ChildProcess,
  problems: () => string,
): Promise<void> {
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
  throw new Error(
    `verdaccio did not answer ${url}-/ping within 60 s (exit ${child.exitCode}):\n${problems()}`,
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

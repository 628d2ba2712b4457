import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeCommand, runtimeCommands } from '../src/traffic/routers/haproxy/runtime-api.js';

let server: Server | undefined;
const sockets: Socket[] = [];
let dir: string | undefined;

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A unix socket that answers each command line like haproxy's runtime API would, or stalls. */
async function fakeSocket(answer: ((command: string) => string) | 'stall'): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'n1v1-runtime-api-'));
  const path = join(dir, 'admin.sock');
  // Half-open: the client ends its side after the command, and a stalled haproxy keeps its own open.
  server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.push(socket);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (answer !== 'stall' && received.endsWith('\n')) socket.end(answer(received.trim()));
    });
  });
  await new Promise<void>((resolve) => server?.listen(path, resolve));
  return path;
}

describe('the haproxy runtime API client', () => {
  it('sends the command line and resolves to the answer', async () => {
    const path = await fakeSocket((command) => `you said: ${command}\n`);
    await expect(runtimeCommand(path, 'show info')).resolves.toBe('you said: show info\n');
  });

  it('accepts commands that haproxy answers with nothing', async () => {
    const path = await fakeSocket(() => '\n');
    await expect(
      runtimeCommands(path, ['set weight be/canary 10', 'set weight be/stable 90']),
    ).resolves.toBeUndefined();
  });

  it('fails with haproxy’s first line of complaint when it answers text', async () => {
    const path = await fakeSocket(() => 'No such backend.\nmore detail\n');
    await expect(runtimeCommands(path, ['set weight nope/canary 10'])).rejects.toMatchObject({
      code: 'E_DEPLOY_FAILED',
      message: 'haproxy refused "set weight nope/canary 10": No such backend.',
    });
  });

  it('gives up on a socket that never answers, after its timeout', async () => {
    const path = await fakeSocket('stall');
    await expect(runtimeCommand(path, 'show stat', 200)).rejects.toMatchObject({
      code: 'E_DEPLOY_FAILED',
      message: 'haproxy runtime API did not answer "show stat" within 200 ms',
    });
  });

  it('names the socket when there is no haproxy behind it', async () => {
    const missing = join(tmpdir(), `n1v1-no-such-socket-${process.pid}.sock`);
    const error = await runtimeCommand(missing, 'show info').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_DEPLOY_FAILED' });
    expect((error as Error).message).toMatch(
      new RegExp(`^haproxy runtime API on ${missing}: connect ENOENT`),
    );
  });
});

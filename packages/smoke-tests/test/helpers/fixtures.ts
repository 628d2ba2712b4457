import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { Resolver } from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * Real servers on 127.0.0.1 for the tests, each closed (connections too) by `closeAll`,
 * which every test file calls in afterEach.
 */
export class Fixtures {
  private readonly closers: Array<() => Promise<void>> = [];

  /** An HTTP server; resolves to its base URL. */
  async http(handler: Handler): Promise<string> {
    const server = http.createServer(handler);
    return `http://127.0.0.1:${await this.listen(server)}`;
  }

  /** An HTTPS server with the given key and certificate. */
  async https(handler: Handler, tls: { key: string; cert: string }): Promise<string> {
    const server = https.createServer(tls, handler);
    return `https://127.0.0.1:${await this.listen(server)}`;
  }

  /** A TCP server that hands each connection to `onSocket` (to misbehave below HTTP). */
  async tcp(onSocket: (socket: net.Socket) => void): Promise<string> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      onSocket(socket);
    });
    const port = await this.listen(server, () => {
      for (const socket of sockets) socket.destroy();
    });
    return `http://127.0.0.1:${port}`;
  }

  /** A URL on which nothing listens (the port was just freed). */
  async refusedUrl(): Promise<string> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    return `http://127.0.0.1:${port}`;
  }

  /**
   * A DNS server on loopback that answers every query NXDOMAIN, and a lookup function
   * that resolves through it: a real DNS failure without a packet leaving the machine.
   */
  async nxdomainLookup(): Promise<LookupFunction> {
    const socket = dgram.createSocket('udp4');
    socket.on('message', (query, peer) => {
      const answer = Buffer.from(query);
      answer[2] = 0x81; // response, recursion desired
      answer[3] = 0x83; // recursion available, NXDOMAIN
      socket.send(answer, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    this.closers.push(() => new Promise((resolve) => socket.close(() => resolve())));
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${socket.address().port}`]);
    return ((hostname: string, _options: unknown, callback: (...args: unknown[]) => void) => {
      resolver.resolve4(hostname, (error, addresses) => {
        if (error) callback(error);
        else callback(null, addresses[0], 4);
      });
    }) as unknown as LookupFunction;
  }

  /** Registers any other cleanup. */
  onClose(closer: () => Promise<void> | void): void {
    this.closers.push(async () => closer());
  }

  async closeAll(): Promise<void> {
    const closers = this.closers.splice(0).reverse();
    for (const close of closers) await close();
  }

  private async listen(server: net.Server, beforeClose?: () => void): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.closers.push(async () => {
      beforeClose?.();
      (server as http.Server).closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    });
    return (server.address() as net.AddressInfo).port;
  }
}

/** A self-signed certificate for 127.0.0.1 made with the openssl CLI, in a temp folder removed at once. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'smoke-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import type { Server } from 'node:http';
import { Duplex } from 'node:stream';

/**
 * Feeds `count` pipelined copies of one GET through `server`'s own HTTP parser on an
 * in-memory connection and resolves when every answer came back. No socket, no kernel, no
 * client: what is left is the CPU the server's JavaScript and node:http spend per request,
 * which a loaded two-core machine cannot bury in scheduling noise as it does end to end.
 */
export function answerInMemory(server: Server, path: string, count: number): Promise<void> {
  const requests = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`.repeat(count));
  return new Promise((resolve, reject) => {
    let answers = 0;
    const countAnswers = (chunk: Buffer | string): void => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
      for (let at = text.indexOf('HTTP/1.1 '); at !== -1; at = text.indexOf('HTTP/1.1 ', at + 9)) {
        if (!text.startsWith('HTTP/1.1 200 ', at)) {
          reject(new Error(`${path} answered ${text.slice(at, at + 12)}, not 200`));
          return;
        }
        answers++;
      }
    };
    const connection = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        countAnswers(chunk);
        done();
        if (answers >= count) resolve();
      },
      writev(chunks, done) {
        for (const { chunk } of chunks) countAnswers(chunk as Buffer);
        done();
        if (answers >= count) resolve();
      },
    });
    // What node:http asks of a socket beyond a Duplex.
    Object.assign(connection, {
      remoteAddress: '127.0.0.1',
      setTimeout: () => connection,
      setNoDelay: () => connection,
      setKeepAlive: () => connection,
    });
    server.emit('connection', connection);
    connection.push(requests);
  });
}

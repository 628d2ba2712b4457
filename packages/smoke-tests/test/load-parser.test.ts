import autocannon from 'autocannon';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../src/index.js';
import {
  loadNodeParser,
  NodeResponseParser,
  nodeParserSetup,
} from '../src/load/node-response-parser.js';
import { Fixtures } from './helpers/fixtures.js';

const fixtures = new Fixtures();
afterEach(() => fixtures.closeAll());

describe('the load check parses answers with node’s own HTTP parser', () => {
  it('is taken by the real autocannon in place of its own parser (upgrade guard)', async () => {
    const url = await fixtures.http((_req, res) => res.writeHead(200).end('ok'));
    const setup = nodeParserSetup({ method: 'GET' });
    expect(setup).toBeTypeOf('function');
    const clients: Array<{ parser: unknown }> = [];
    const result = await autocannon({
      url,
      connections: 2,
      amount: 40,
      setupClient: (client) => {
        setup!(client);
        clients.push(client as unknown as { parser: unknown });
      },
    });
    expect(result.non2xx + result.errors + result.timeouts).toBe(0);
    expect(result.requests.total).toBe(40);
    expect(clients).toHaveLength(2);
    const Parser = loadNodeParser()!;
    for (const { parser } of clients) {
      // autocannon set its callbacks on the stand-in after `setupClient`, in node's slots.
      expect(parser).toBeInstanceOf(NodeResponseParser);
      const slots = parser as Record<number, unknown>;
      expect(slots[Parser.kOnHeadersComplete]).toBeTypeOf('function');
      expect(slots[Parser.kOnMessageComplete]).toBeTypeOf('function');
    }
  });

  it('loads a HEAD route whose answers announce a body they do not send', async () => {
    const url = await fixtures.http((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('a body only GET receives'),
    );
    const report = await runLoad({ url, method: 'HEAD', durationSec: 1, connections: 2 });
    expect(report).toMatchObject({ status: 'pass', errors: 0 });
    expect(report.requests).toBeGreaterThan(50);
    expect(report.statusCodes['200']).toBe(report.requests);
  });

  it('keeps counting when the server closes every connection after its answer', async () => {
    const url = await fixtures.http((_req, res) =>
      res.writeHead(200, { connection: 'close', 'content-length': '2' }).end('ok'),
    );
    const report = await runLoad({ url, durationSec: 1, connections: 2, timeoutMs: 2000 });
    expect(report).toMatchObject({ status: 'pass', errors: 0 });
    expect(report.requests).toBeGreaterThan(20);
    // Each answer is timed from its own request: a new connection's first request.
    expect(report.latencyMs.max).toBeLessThan(1000);
  });

  it('reads the status of an answer with more headers than node hands over at once', async () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-field-${i}`, `${i}`]));
    const url = await fixtures.http((_req, res) => res.writeHead(201, many).end('made'));
    const report = await runLoad({ url, durationSec: 0.5, connections: 1 });
    expect(report.errors).toBe(0);
    expect(report.statusCodes['201']).toBe(report.requests);
  });

  it('counts an answer that is not HTTP as a connection error at once, not as a timeout', async () => {
    const url = await fixtures.tcp((socket) => {
      socket.once('data', () => socket.write('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    });
    const report = await runLoad({ url, durationSec: 1, connections: 1, timeoutMs: 10_000 });
    expect(report.status).toBe('fail');
    expect(report.errorKinds.timeouts).toBe(0);
    expect(report.errorKinds.connection).toBeGreaterThan(1);
    expect(report.error).toMatch(/connection/);
  });
});

describe('NodeResponseParser', () => {
  const Parser = loadNodeParser()!;
  const answer = (status: number) =>
    Buffer.from(`HTTP/1.1 ${status} X\r\ncontent-length: 2\r\n\r\nok`);

  it('drops what is left of a connection it was reset in the middle of', () => {
    const errors: Error[] = [];
    const parser = new NodeResponseParser(Parser, false, (e) => errors.push(e));
    const statuses: number[] = [];
    parser[Parser.kOnHeadersComplete] = (head: { statusCode: number }) =>
      statuses.push(head.statusCode);
    parser[Parser.kOnMessageComplete] = () => {
      if (statuses.length === 1) parser.reset();
    };
    // Two answers and junk in one chunk: the first one's callback resets (autocannon
    // reconnecting); neither the second answer nor the junk is the next connection's.
    parser.execute(Buffer.concat([answer(200), answer(503), Buffer.from('junk\r\n\r\n')]));
    expect(statuses).toEqual([200]);
    // The next connection starts afresh, even in the middle of what the old one sent.
    parser.execute(answer(201));
    expect(statuses).toEqual([200, 201]);
    expect(errors).toEqual([]);
    parser.close();
  });

  it('hands a parse error to its owner once and leaves the slots untouched', () => {
    const errors: Error[] = [];
    const parser = new NodeResponseParser(Parser, false, (e) => errors.push(e));
    parser[Parser.kOnHeadersComplete] = () => undefined;
    parser[Parser.kOnMessageComplete] = () => undefined;
    expect(parser.execute(Buffer.from('not http\r\n\r\n'))).toBeInstanceOf(Error);
    expect(errors).toHaveLength(1);
    parser.close();
  });
});

describe('nodeParserSetup', () => {
  it('leaves autocannon’s own parser where node offers no parser', () => {
    expect(nodeParserSetup({ method: 'GET' }, () => undefined)).toBeUndefined();
  });

  it('leaves a client alone that does not look like autocannon’s', () => {
    const setup = nodeParserSetup({ method: 'GET' })!;
    const client = { parser: 'theirs' };
    setup(client);
    expect(client.parser).toBe('theirs');
    expect(() => setup(null)).not.toThrow();
  });

  it('finds node’s parser on this node', () => {
    const Parser = loadNodeParser();
    expect(Parser).toBeTypeOf('function');
    expect(typeof Parser!.RESPONSE).toBe('number');
  });
});

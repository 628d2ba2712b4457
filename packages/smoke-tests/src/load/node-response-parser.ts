import { createRequire } from 'node:module';

/**
 * Puts node's own HTTP parser (llhttp, the one `node:http` uses) in place of the JavaScript
 * one autocannon ships (http-parser-js), through autocannon's public `setupClient` hook.
 *
 * Why: on a loopback target the load generator's CPU per request is part of every round
 * trip it times and caps the rate one thread can send. llhttp parses a response in C;
 * measured with `perf stat`, a load-check request costs 17 % fewer instructions with it.
 * The body of an answer is not copied into a string either: the load check never reads it.
 *
 * It also parses as strictly as node:http and the smoke checks do, and it gets two cases
 * right that autocannon's own wiring gets wrong, and reports a third at once:
 * - a `HEAD` answer announces a `content-length` it does not send; autocannon waits for
 *   that body and times out, so a `HEAD` load check failed every correct server;
 * - a connection that the server closes (`connection: close`, a keep-alive limit) starts a
 *   fresh parser and a fresh queue of requests in flight: nothing of the old connection's
 *   state is matched to the new one's answers;
 * - an answer that is not HTTP ends its connection, which autocannon counts as a connection
 *   error and opens again; it used to wait for the timeout.
 *
 * autocannon's client calls `setupClient(client)` before it sets the parser's four
 * callback slots (numbered as node numbers them, which http-parser-js copies), so the
 * stand-in only has to carry those slots and `execute(chunk)`. Where node or autocannon do
 * not look as expected, nothing is swapped and autocannon's own parser runs.
 */
export function nodeParserSetup(
  options: { method: string },
  loadParser: () => NodeParserClass | undefined = loadNodeParser,
): ((client: unknown) => void) | undefined {
  const Parser = loadParser();
  if (!Parser) return undefined;
  const skipBody = options.method === 'HEAD';
  return (client) => {
    if (!isSwappable(client)) return;
    const parser = new NodeResponseParser(Parser, skipBody, (error) => client.conn?.destroy(error));
    client.parser = parser;
    const connect = client._connect;
    client._connect = function reconnectWithFreshState(this: SwappableClient) {
      parser.reset();
      this.pipelinedRequests.clear();
      return connect.call(this);
    };
    client.on('done', () => parser.close());
  };
}

/** The members of node's `HTTPParser` binding this module uses. */
export interface NodeParserClass {
  new (): NodeParser;
  readonly RESPONSE: number;
  readonly kLenientNone?: number;
  readonly kOnHeaders: number;
  readonly kOnHeadersComplete: number;
  readonly kOnMessageComplete: number;
}

interface NodeParser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number): void;
  execute(chunk: Buffer): number | Error;
  close(): void;
  [slot: number]: unknown;
}

/** What http-parser-js hands autocannon when a response's headers are complete. */
export interface ResponseHead {
  versionMajor: number;
  versionMinor: number;
  statusCode: number;
  statusMessage: string;
  headers: string[];
  upgrade: boolean;
  shouldKeepAlive: boolean;
}

/** The part of autocannon's `Client` this module touches (checked before it is touched). */
interface SwappableClient {
  parser: unknown;
  conn?: { destroy(error: Error): void };
  pipelinedRequests: { clear(): void };
  _connect: () => unknown;
  on(event: 'done', listener: () => void): unknown;
}

function isSwappable(client: unknown): client is SwappableClient {
  const c = client as Partial<SwappableClient> | null;
  return (
    typeof c?.parser === 'object' &&
    typeof c._connect === 'function' &&
    typeof c.on === 'function' &&
    typeof c.pipelinedRequests?.clear === 'function'
  );
}

/** node's `HTTPParser`, or undefined where this node does not offer it as expected. */
export function loadNodeParser(): NodeParserClass | undefined {
  try {
    const common = createRequire(import.meta.url)('_http_common') as { HTTPParser?: unknown };
    const P = common.HTTPParser as
      | (((...args: never[]) => unknown) & Record<string, unknown>)
      | undefined;
    const proto = P?.prototype as Record<string, unknown> | undefined;
    const usable =
      typeof P === 'function' &&
      typeof P.RESPONSE === 'number' &&
      typeof proto?.initialize === 'function' &&
      typeof proto.execute === 'function' &&
      typeof proto.close === 'function' &&
      [P.kOnHeaders, P.kOnHeadersComplete, P.kOnMessageComplete].every(
        (slot) => typeof slot === 'number',
      );
    return usable ? (P as unknown as NodeParserClass) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stand-in autocannon's client drives: slots `kOnHeadersComplete` and
 * `kOnMessageComplete` (set by the client) receive what http-parser-js would hand them.
 * A connection's parser is replaced by `reset()`; one replaced while it is still inside
 * `execute` (autocannon reconnects from a response callback) is closed once it returns,
 * and its callbacks no longer reach the client.
 */
export class NodeResponseParser {
  [slot: number]: unknown;
  private native: NodeParser | undefined;
  private executing = 0;
  private readonly retired: NodeParser[] = [];

  constructor(
    private readonly Parser: NodeParserClass,
    private readonly skipBody: boolean,
    private readonly onParseError: (error: Error) => void,
  ) {}

  /** Parses one chunk of the connection; an answer that is not HTTP ends the connection. */
  execute(chunk: Buffer): number | Error {
    this.native ??= this.create();
    const native = this.native;
    this.executing++;
    try {
      const parsed = native.execute(chunk);
      // An error in what a reset connection still had to say is not the new one's.
      if (parsed instanceof Error && native === this.native) this.onParseError(parsed);
      return parsed;
    } finally {
      if (--this.executing === 0) this.closeRetired();
    }
  }

  /** Forgets the current connection's parse state: the next chunk starts a new response. */
  reset(): void {
    if (!this.native) return;
    this.retired.push(this.native);
    this.native = undefined;
    if (this.executing === 0) this.closeRetired();
  }

  /** Frees node's parser: the client is done. */
  close(): void {
    this.reset();
  }

  private create(): NodeParser {
    const P = this.Parser;
    const parser = new P();
    parser.initialize(P.RESPONSE, {}, 0, P.kLenientNone ?? 0);
    let headers: string[] = [];
    const live = () => this.native === parser;
    // Called with the headers so far when a response carries more than node's batch of 32.
    parser[P.kOnHeaders] = (more: string[]) => {
      headers = headers.concat(more);
    };
    parser[P.kOnHeadersComplete] = (
      versionMajor: number,
      versionMinor: number,
      last: string[] | undefined,
      _method: unknown,
      _url: unknown,
      statusCode: number,
      statusMessage: string,
      upgrade: boolean,
      shouldKeepAlive: boolean,
    ): number => {
      const head: ResponseHead = {
        versionMajor,
        versionMinor,
        statusCode,
        statusMessage,
        headers: headers.length > 0 ? headers.concat(last ?? []) : (last ?? []),
        upgrade,
        shouldKeepAlive,
      };
      headers = [];
      if (live()) (this[P.kOnHeadersComplete] as (head: ResponseHead) => void)(head);
      // 1 tells llhttp that this answer has no body whatever its headers announce.
      return this.skipBody ? 1 : 0;
    };
    parser[P.kOnMessageComplete] = () => {
      if (live()) (this[P.kOnMessageComplete] as () => void)();
    };
    return parser;
  }

  private closeRetired(): void {
    for (const parser of this.retired.splice(0)) parser.close();
  }
}

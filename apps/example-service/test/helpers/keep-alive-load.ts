import { Agent, request } from 'node:http';

/** What happened to the requests of one keep-alive load across a shutdown. */
export interface KeepAliveOutcome {
  ok: number;
  /** Sent on an open connection and never answered (ECONNRESET, socket hang up, EPIPE). */
  lost: number;
  /** Refused at connect once the listener had closed: nothing was sent, a retry is safe. */
  refused: number;
  other: string[];
}

function once(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `clients` keep-alive clients (one connection each) sending back to back until their
 * connection is refused, at most `maxPerClient` requests or `maxMs` each. `onStarted` runs
 * once every client has been answered at least once (the moment to send the signal).
 */
export async function keepAliveLoad(
  url: string,
  clients: number,
  onStarted: () => void,
  { maxPerClient = 5000, maxMs = 20_000 } = {},
): Promise<KeepAliveOutcome> {
  const outcome: KeepAliveOutcome = { ok: 0, lost: 0, refused: 0, other: [] };
  const deadline = performance.now() + maxMs;
  let answered = 0;
  let signalled = false;
  const agents: Agent[] = [];
  const client = async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    let first = true;
    for (let i = 0; i < maxPerClient && performance.now() < deadline; i++) {
      try {
        const status = await once(url, agent);
        if (status === 200) outcome.ok++;
        else outcome.other.push(`HTTP ${status}`);
        if (first) {
          first = false;
          if (++answered === clients && !signalled) {
            signalled = true;
            onStarted();
          }
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        if (code === 'ECONNREFUSED') {
          outcome.refused++;
          return;
        }
        if (['ECONNRESET', 'EPIPE'].includes(code) || /socket hang up/.test(String(code)))
          outcome.lost++;
        else outcome.other.push(String(code));
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  for (const agent of agents) agent.destroy();
  return outcome;
}

import { createConnection } from 'node:net';
import { CanaryError } from '../../../canary-error.js';

/**
 * Sends one command line (several commands may be joined with `;`) to HAProxy's runtime
 * API on its unix stats socket and resolves to the answer. The socket is in non-interactive
 * mode: haproxy answers and closes.
 */
export function runtimeCommand(
  socketPath: string,
  command: string,
  timeoutMs = 5000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = createConnection(socketPath, () => socket.end(`${command}\n`));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new CanaryError(
          'E_DEPLOY_FAILED',
          `haproxy runtime API did not answer "${command}" within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new CanaryError(
          'E_DEPLOY_FAILED',
          `haproxy runtime API on ${socketPath}: ${error.message}`,
        ),
      );
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

/**
 * Runs commands whose success is an empty answer (`set weight`, `add map`, `clear map`);
 * any text back is haproxy's complaint, which fails the call.
 */
export async function runtimeCommands(socketPath: string, commands: string[]): Promise<void> {
  const answer = (await runtimeCommand(socketPath, commands.join('; '))).trim();
  if (answer) {
    throw new CanaryError(
      'E_DEPLOY_FAILED',
      `haproxy refused "${commands.join('; ')}": ${answer.split('\n')[0]}`,
    );
  }
}

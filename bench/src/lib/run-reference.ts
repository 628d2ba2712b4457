import { fileURLToPath } from 'node:url';
import type { ReferenceFigures } from './reference-client.js';
import { runChild } from './run-child.js';

const script = fileURLToPath(new URL('./reference-client.js', import.meta.url));

/** The reference timer (`reference-client.ts`) run as its own process, as wrk is. */
export async function runReference(
  url: string,
  connections: number,
  durationSec: number,
): Promise<ReferenceFigures> {
  const args = [script, url, String(connections), String(durationSec)];
  const { code, stdout, stderr } = await runChild(process.execPath, args, durationSec + 15);
  if (code !== 0) throw new Error(stderr.trim() || `reference client exited with ${code}`);
  return JSON.parse(stdout) as ReferenceFigures;
}

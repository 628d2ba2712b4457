import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeployContext } from '../../src/deployers/deployer.js';

/** A DeployContext whose records and log lines the test can read. */
export function testDeployContext(overrides: Partial<DeployContext> = {}) {
  const records: Record<string, unknown> = {};
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'n1v1-deploy-'));
  const ctx: DeployContext = {
    env: 'staging',
    service: 'n1v1',
    version: '1.2.0',
    runId: '20250101T000000Z-abcdef',
    cwd: dir,
    stateDir: join(dir, '.n1v1'),
    signal: new AbortController().signal,
    record: (data) => Object.assign(records, data),
    log: (line) => lines.push(line),
    ...overrides,
  };
  return { ctx, records, lines, dir };
}

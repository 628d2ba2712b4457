import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('n1v1 approve', () => {
  it("opens the environment's manual gate for one run, or for whichever waits", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'n1v1-approve-'));
    dirs.push(cwd);
    const io = { ...memoryIo({}), cwd };
    expect(await main(['approve', '--env=staging', '--run=20250101T120000Z-abc123'], io)).toBe(0);
    const file = join(cwd, '.n1v1', 'gates', 'staging.approve');
    expect(io.out()).toBe(`approved the manual gate of run 20250101T120000Z-abc123 (${file})\n`);
    expect(readFileSync(file, 'utf8')).toBe('20250101T120000Z-abc123\n');
    expect(await main(['approve'], io)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('*\n');
  });

  it('refuses an unknown environment of the config file with exit 2', async () => {
    const io = memoryIo({});
    expect(await main(['approve', '--config=/nonexistent/n1v1.config.json'], io)).toBe(2);
    expect(io.err()).toMatch(/config file .* does not exist/);
  });
});

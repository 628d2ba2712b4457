import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runTool } from './run-tool.js';

describe('docs/configuration.md', () => {
  it('is the reference generated from the JSON Schemas the packages ship, not a stale copy', () => {
    const result = runTool(process.execPath, [
      join(repoRoot, 'scripts/config-reference.mjs'),
      '--check',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployDir, repoRoot } from './run-tool.js';

// No Docker engine runs here, so the image cannot be built in the tests: these check the
// properties the issue asks of the Dockerfile as written.
const dockerfile = readFileSync(join(deployDir, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = instructions.reduce<string[][]>((all, line) => {
  if (line.startsWith('FROM ')) all.push([]);
  all.at(-1)?.push(line);
  return all;
}, []);
const runtime = stages.at(-1)!;

describe('the Dockerfile', () => {
  it('is multi-stage: the runtime stage copies the build output from the build stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(
      runtime
        .filter((line) => line.startsWith('COPY '))
        .every((line) => line.includes('--from=build')),
    ).toBe(true);
  });

  it('runs as a non-root user', () => {
    const user = runtime.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER\s+(root|0)(:|$)/);
  });

  it('ships only production dependencies and pins pnpm like the rest of the repository', () => {
    expect(dockerfile).toMatch(/deploy --prod/);
    const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(rootManifest.packageManager).toBe('pnpm@12.4.2');
    expect(dockerfile).toContain('pnpm@12.4.2');
    expect(runtime.join('\n')).not.toContain('pnpm');
  });

  it('starts the service with node directly, so SIGTERM reaches the graceful shutdown', () => {
    expect(runtime.at(-1)).toBe('CMD ["node", "dist/main.js"]');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandDeployer } from '../src/deployers/command/command-deployer.js';
import { lastLine, runScript } from '../src/deployers/command/run-script.js';
import { testDeployContext } from './helpers/deploy-context.js';

describe('the command deployer', () => {
  it('runs the deploy script with the environment, version and run id, capturing its output', async () => {
    const { ctx, records, lines, dir } = testDeployContext({ version: '3.1.4' });
    const deployer = commandDeployer({
      config: {
        type: 'command',
        deploy:
          'echo "deploying $N1V1_VERSION to $N1V1_ENV as $N1V1_RUN_ID" > deployed.txt; echo done; echo warn >&2',
        rollback: ['true'],
      },
      canaryUrl: 'http://127.0.0.1:9',
    });
    expect(await deployer.deploy(ctx)).toEqual({ canaryUrl: 'http://127.0.0.1:9' });
    expect(readFileSync(join(dir, 'deployed.txt'), 'utf8')).toBe(
      `deploying 3.1.4 to staging as ${ctx.runId}\n`,
    );
    expect(records.deployOutput).toMatchObject({
      code: 0,
      timedOut: false,
      stdout: 'done\n',
      stderr: 'warn\n',
    });
    expect(lines).toEqual(['deploy: done', 'deploy: warn']);
    expect((await deployer.status(ctx, records)).healthy).toBe(true);
  });

  it('fails the step on a non-zero exit with the last line the script printed', async () => {
    const { ctx } = testDeployContext();
    const deployer = commandDeployer({
      config: {
        type: 'command',
        deploy: ['sh', '-c', 'echo "image not found" >&2; exit 3'],
        rollback: 'true',
      },
    });
    await expect(deployer.deploy(ctx)).rejects.toMatchObject({
      code: 'E_DEPLOY_FAILED',
      message:
        'deploy script sh -c echo "image not found" >&2; exit 3 exited with code 3: image not found',
    });
  });

  it('kills a script past its timeout, with its children, and calls that a timeout', async () => {
    const { ctx } = testDeployContext();
    const deployer = commandDeployer({
      config: { type: 'command', deploy: 'sleep 30 & sleep 30', rollback: 'true', timeoutSec: 1 },
    });
    const started = Date.now();
    await expect(deployer.deploy(ctx)).rejects.toMatchObject({
      code: 'E_TIMEOUT',
      message: 'deploy script "sleep 30 & sleep 30" timed out after 1 s',
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('runs rollback and promote scripts, and says when a promote script is missing', async () => {
    const { ctx } = testDeployContext();
    const deployer = commandDeployer({
      config: { type: 'command', deploy: 'true', rollback: 'exit 0' },
    });
    expect(await deployer.rollback(ctx, {})).toMatch(
      /^rollback script "exit 0" succeeded in \d+ ms$/,
    );
    await expect(deployer.promote(ctx, undefined)).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: 'deployer.promote is not configured; add the script that does it',
    });
    expect(deployer.plan('promote', ctx)[0]!.summary).toBe('no promote script configured');
    await expect(deployer.restore(ctx, {})).rejects.toThrow(
      'no previous version of this environment is known; roll it back by hand',
    );
    expect(deployer.plan('deploy', ctx)[0]!.summary).toBe(
      `run "true" with N1V1_ENV=staging N1V1_VERSION=1.2.0 N1V1_RUN_ID=${ctx.runId} (timeout 300 s)`,
    );
  });

  it('restores the previous version after a failed bake with the restore script, or else the promote script run for it', async () => {
    const { ctx } = testDeployContext({ version: '2.0.0' });
    const withRestore = commandDeployer({
      config: {
        type: 'command',
        deploy: 'true',
        rollback: 'true',
        promote: 'echo promote $N1V1_VERSION',
        restore: 'echo restore $N1V1_VERSION',
      },
    });
    const promoteOnly = commandDeployer({
      config: {
        type: 'command',
        deploy: 'true',
        rollback: 'true',
        promote: 'echo promote $N1V1_VERSION',
      },
    });
    expect(await withRestore.restore(ctx, { previousVersion: '1.9.0' })).toMatch(/^restore script/);
    expect(await promoteOnly.restore(ctx, { previousVersion: '1.9.0' })).toMatch(/^promote script/);
    const { ctx: seen, lines } = testDeployContext({ version: '2.0.0' });
    await promoteOnly.restore(seen, { previousVersion: '1.9.0' });
    expect(lines).toContain('promote: promote 1.9.0');
  });

  it('stops a script when the run is interrupted', async () => {
    const controller = new AbortController();
    const { ctx } = testDeployContext({ signal: controller.signal });
    const deployer = commandDeployer({
      config: { type: 'command', deploy: 'sleep 30', rollback: 'true' },
    });
    const pending = deployer.deploy(ctx);
    setTimeout(() => controller.abort('interrupted by SIGTERM'), 200);
    await expect(pending).rejects.toMatchObject({ code: 'E_INTERRUPTED' });
  });
});

describe('runScript', () => {
  it('reports a command that cannot start as exit 127 with the reason', async () => {
    const result = await runScript(['/nonexistent/deploy.sh'], {
      env: {},
      cwd: '/',
      timeoutMs: 5000,
    });
    expect(result.code).toBe(127);
    expect(lastLine(result.stderr)).toMatch(/ENOENT/);
    expect(lastLine('')).toBe('');
  });
});

/** A TypeScript service that uses every library's public API, as a stranger would write it. */
export const CONSUMER_SOURCE = `import { createServer } from 'node:http';
import { type CanaryOptions, type CanaryReport, runCanary, verdictExitCode } from '@n1v1/canary-runner';
import { checks, createHealth, type Health, HealthError } from '@n1v1/health-server';
import { consoleSink, createNotifier, type DeploymentEvent, discord } from '@n1v1/notifier';
import { runSmoke, type SmokeReport } from '@n1v1/smoke-tests';

const health: Health = createHealth({ service: 'consumer', version: '1.0.0', releaseId: 'r1' });
health.readiness('db', checks.tcp({ host: '127.0.0.1', port: 5432 }), { timeoutMs: 500 });
createServer(health.requestListener());

const notifier = createNotifier([consoleSink(), discord({ webhookUrl: 'https://discord.com/api/webhooks/1/x' })]);
const event: DeploymentEvent['type'] = 'deploy.started';

const options: CanaryOptions = {
  env: 'staging',
  deployer: { type: 'command', deploy: './deploy.sh', rollback: './rollback.sh' },
  canaryUrl: 'http://127.0.0.1:1',
  notifier,
};
export async function main(): Promise<number> {
  const smoke: SmokeReport = await runSmoke({ url: 'http://127.0.0.1:1' });
  const report: CanaryReport = await runCanary(options);
  const code: number = verdictExitCode(report.verdict);
  return smoke.status === 'pass' && event && !(health instanceof HealthError) ? code : 1;
}
`;

/** The consumer's compiler options: strict, and the compiler's default `skipLibCheck: false`. */
export function consumerTsconfig(resolution: 'node16' | 'bundler'): string {
  const module = resolution === 'node16' ? 'node16' : 'preserve';
  return JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module,
        moduleResolution: resolution,
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
      },
      files: ['src/index.ts'],
    },
    null,
    2,
  );
}

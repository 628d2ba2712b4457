#!/usr/bin/env node
// The process entry: options from the environment, one stdout line once listening, logs on stderr.
import { optionsFromEnv } from './options-from-env.js';
import { startExampleService } from './start-example-service.js';

try {
  const service = await startExampleService({
    ...optionsFromEnv(process.env),
    handleSignals: true,
  });
  process.stdout.write(`listening on ${service.url}\n`);
} catch (error) {
  const { code, message } = error as { code?: string; message?: string };
  process.stderr.write(`example-service: ${String(message ?? error).split('\n')[0]}\n`);
  process.exit(code === 'E_CONFIG_INVALID' ? 2 : 1);
}

import { describe, expect, it } from 'vitest';
import type { DeployerConfig } from '../config/config-types.js';
import {
  deployerConfigForJournal,
  deployerConfigFromJournal,
  NOT_RECORDED,
} from './journal-deployer-config.js';

const command: DeployerConfig = {
  type: 'command',
  deploy: './deploy.sh',
  rollback: './rollback.sh',
  env: { API_TOKEN: 'tok-s3cr3t', REGION: 'eu-west-1' },
};

describe('the deployer config in the journal', () => {
  it('records the names of environment variables but never their values', () => {
    const recorded = deployerConfigForJournal(command);
    expect(recorded).toEqual({
      ...command,
      env: { API_TOKEN: NOT_RECORDED, REGION: NOT_RECORDED },
    });
    expect(JSON.stringify(recorded)).not.toContain('tok-s3cr3t');
    expect(command.env).toEqual({ API_TOKEN: 'tok-s3cr3t', REGION: 'eu-west-1' });
  });

  it("also keeps the local deployer's stable environment out, and leaves other configs as they are", () => {
    const local: DeployerConfig = {
      type: 'local',
      env: { N1V1_ERROR_RATE: '0.05' },
      stableEnv: { KEY: 'v' },
    };
    expect(deployerConfigForJournal(local)).toEqual({
      type: 'local',
      env: { N1V1_ERROR_RATE: NOT_RECORDED },
      stableEnv: { KEY: NOT_RECORDED },
    });
    const kubernetes: DeployerConfig = { type: 'kubernetes', image: 'n1v1:{version}' };
    expect(deployerConfigForJournal(kubernetes)).toEqual(kubernetes);
  });

  it('gets the values back from the current config for a rollback, keeping the recorded commands', () => {
    const recorded = deployerConfigForJournal(command);
    const current: DeployerConfig = {
      ...command,
      rollback: './new-rollback.sh',
      env: { API_TOKEN: 'tok-rotated' },
    };
    expect(deployerConfigFromJournal(recorded, current)).toEqual({
      ...command,
      env: { API_TOKEN: 'tok-rotated' },
    });
  });

  it('drops a value it cannot restore rather than passing the placeholder on', () => {
    const recorded = deployerConfigForJournal(command);
    expect(deployerConfigFromJournal(recorded, { type: 'local' })).toEqual({ ...command, env: {} });
  });
});

import { packageTestConfig } from '../../vitest.shared.ts';

// Tests run the real kubectl against the fake; each command waits on the controller loop.
export default packageTestConfig({ testTimeoutMs: 60_000, coverageExclude: ['src/cli.ts'] });

import { packageTestConfig } from '../../vitest.shared.ts';

// Tests run the example service as canary and baseline for several seconds each.
export default packageTestConfig({ testTimeoutMs: 60_000 });

import { packageTestConfig } from '../../vitest.shared.ts';

// No sources of its own to cover: the tests install the published packages and run them.
export default packageTestConfig({ testTimeoutMs: 600_000 });

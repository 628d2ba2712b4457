import { packageTestConfig } from '../../vitest.shared.ts';

// main.ts is the process entry; test/process.test.ts runs it as a real process.
export default packageTestConfig({ coverageExclude: ['src/main.ts'] });

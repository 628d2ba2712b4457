export type { SmokeConfig } from './config-types.js';
export { loadSmokeConfig } from './load-config.js';
export { validateConfig } from './validate-config.js';

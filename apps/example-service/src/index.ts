export { ExampleServiceError, type ExampleServiceErrorCode } from './example-service-error.js';
export type { ExchangeMode, Faults } from './faults/fault-switches.js';
export type { ExampleServiceOptions, RunningService } from './options.js';
export { optionsFromEnv } from './options-from-env.js';
export { startExampleService } from './start-example-service.js';
export type { Quote } from './trading/market-data.js';
export type { Order, OrderRequest } from './trading/orders.js';

import { eventLoopDelay } from './event-loop-delay-check.js';
import { fn } from './fn-check.js';
import { heapUsed } from './heap-used-check.js';
import { http } from './http-check.js';
import { tcp } from './tcp-check.js';

/** The built-in checks: `checks.tcp()`, `checks.http()`, `checks.eventLoopDelay()`, `checks.heapUsed()`, `checks.fn()`. */
export const checks = { tcp, http, eventLoopDelay, heapUsed, fn };

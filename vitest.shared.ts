/**
 * The one vitest setup every package uses. A package's `vitest.config.ts` is a single
 * call to `packageTestConfig()`, so the coverage gate (95 % of lines, per package) and
 * the test layout are the same everywhere and change in one place.
 */
import { defineConfig } from 'vitest/config';

export interface PackageTestOptions {
  /** Longest a single test may run, in ms. Tests that start servers need more than unit tests. */
  testTimeoutMs?: number;
  /** Source files that are entry points only (a `bin` shim, `main.ts`) and are exercised by process-level tests. */
  coverageExclude?: string[];
}

export const COVERAGE_LINES_GATE = 95;

export function packageTestConfig(options: PackageTestOptions = {}) {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: options.testTimeoutMs ?? 20_000,
      hookTimeout: 30_000,
      // Tests that start servers bind port 0 and stop what they start; files still run one
      // at a time per package so that timing-sensitive tests are not starved on 2 cores.
      fileParallelism: false,
      restoreMocks: true,
      // The JSON report feeds the one-line total that scripts/run-tests.mjs prints.
      reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
      coverage: {
        provider: 'v8',
        include: ['src/**/*.ts'],
        exclude: ['src/**/*.test.ts', 'src/**/__fixtures__/**', ...(options.coverageExclude ?? [])],
        reporter: ['text-summary', 'json-summary', 'lcov'],
        thresholds: { lines: COVERAGE_LINES_GATE },
      },
    },
  });
}

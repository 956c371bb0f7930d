import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Whole-system tests (`tests/**\/*.test.ts`, benchmarks under tests/bench excluded). They start
 * real servers and real browsers, so they run one file after another in a single forked
 * process, with long timeouts. Run with `npm run test:system`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/bench/**'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});

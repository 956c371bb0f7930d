import { defineConfig } from 'vitest/config';

/**
 * Unit tests: `*.test.ts` next to the code in model/, templates/, sync-server/ and scripts/, in Node.
 * Client element tests run in Chromium under web-test-runner (web-test-runner.config.js) and
 * whole-system tests under tests/vitest.config.ts; neither is picked up here.
 */
export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'templates/**/*.test.ts', 'sync-server/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'client/**', 'tests/**', 'data/**'],
    environment: 'node',
  },
});

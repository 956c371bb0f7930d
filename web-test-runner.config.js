// Web Test Runner: client element tests (`client/**/*.test.ts`) run in Debian's headless
// Chromium at /usr/bin/chromium (installed by `scripts/ensure-installed.mjs --browser`;
// no browser is ever downloaded). TypeScript is compiled on the fly by esbuild, so test and
// element files import each other with `.ts` extensions, exactly as in the source tree.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';

/** Flags shared with the whole-system harness in tests/harness/browser.ts. */
const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: ['client/**/*.test.ts', '!client/dist/**', '!node_modules/**'],
  nodeResolve: true,
  browserLogs: true,
  // Lit's dev build (picked by nodeResolve) announces itself in every file; keep other logs.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testsFinishTimeout: 120_000,
  testFramework: {
    config: { timeout: 10_000 },
  },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      // Templates are JSON modules (`with { type: 'json' }`); esbuild drops the attribute when it
      // transforms .ts, so serve .json files as JavaScript modules too.
      json: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
};

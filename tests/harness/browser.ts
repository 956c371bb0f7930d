import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

/** A launched Chromium and the one way to stop it. */
export interface LaunchedBrowser {
  /** The Playwright browser: open one `browser.newContext()` per simulated user or device. */
  readonly browser: Browser;
  /** Closes every context and the browser process; safe to call twice. */
  readonly close: () => Promise<void>;
}

/**
 * Launches Debian's headless Chromium through Playwright. Playwright starts it with a fresh
 * temporary `--user-data-dir` (deleted on close), so no state leaks between launches; each
 * `newContext()` is a further isolated profile (own cookies, IndexedDB, service workers).
 * Throws with a hint when Chromium is not installed.
 */
export async function launchBrowser(options: Omit<LaunchOptions, 'executablePath'> = {}): Promise<LaunchedBrowser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run \`node scripts/ensure-installed.mjs --browser\` as root`);
  }
  const browser = await chromium.launch({
    headless: true,
    ...options,
    executablePath: chromiumPath,
    args: [...chromiumArgs, ...(options.args ?? [])],
  });
  let closed: Promise<void> | undefined;
  return {
    browser,
    close: () => (closed ??= browser.close()),
  };
}

/**
 * The whole-system test harness: real Chromium through Playwright, a static server, screenshots
 * and page-error collection. See tests/README.md.
 */
export { launchBrowser, type LaunchedBrowser } from './browser.ts';
export { chromiumArgs, chromiumPath } from './chromium.ts';
export { collectPageErrors } from './console-errors.ts';
export { screenshot, screenshotDir } from './screenshot.ts';
export { serveStatic, type StaticServer } from './static-server.ts';
export { axeViolations } from './axe.ts';

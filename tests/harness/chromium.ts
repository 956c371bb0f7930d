/**
 * Where Debian's Chromium lives and the flags every test launches it with. The same list is
 * in `web-test-runner.config.js` (a plain JS file); keep the two in step.
 * Chromium is installed by `scripts/ensure-installed.mjs --browser`; tests never download one.
 */
export const chromiumPath = '/usr/bin/chromium';

/** Headless, sandbox off (containers run as root), and no background traffic to Google. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

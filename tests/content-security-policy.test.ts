/**
 * The built client under the server's Content-Security-Policy in Chromium (issue 13 item 10):
 * signing in, the caseload and a child's plan (its sockets included) work with no CSP violation
 * and no console error, while an inline script injected into the page does not run and is
 * reported as a violation, and the page cannot be framed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildClient } from '../scripts/build-client.ts';
import { addChild, addUser, startTestServer, type TestServer } from './harness/collab.ts';
import { collectPageErrors, launchBrowser, screenshot, type LaunchedBrowser } from './harness/index.ts';

let server: TestServer;
let launched: LaunchedBrowser;
let childId: string;

beforeAll(async () => {
  // The server serves client/dist: build it from the current source first.
  await buildClient({ mode: 'production' });
  server = await startTestServer();
  childId = await addChild(server.app, 'Tamsin Fiction');
  await addUser(server.app, 'csp.worker');
  await server.app.records.grant({ username: 'csp.worker', childId, level: 'edit', restricted: true });
  launched = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

it('runs the whole app with no CSP violation, and blocks an inline script', async () => {
  const context = await launched.browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const errors = collectPageErrors(page);
    const violations = (): Promise<string[]> => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    const response = await page.goto(`${server.url}/`, { waitUntil: 'load' });
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('Username').fill('csp.worker');
    await page.getByLabel('Password').fill('pw-csp.worker');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
    await page.getByRole('link', { name: 'Tamsin Fiction' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tamsin Fiction' }).waitFor();
    await page.locator('sync-status [role=status]').filter({ hasText: 'Stored on the server' }).waitFor({ timeout: 20_000 });
    // Every part of the workspace, each laid out once, under the policy.
    const parts = page.getByRole('navigation', { name: 'Parts of the plan' }).getByRole('link');
    for (const name of await parts.allTextContents()) {
      await parts.filter({ hasText: name }).first().click();
      await page.getByRole('heading', { level: 2, name: name.trim() === 'Meetings (PPM records)' ? /Meetings|Permanence Planning Meeting/ : undefined }).first().waitFor();
    }
    await screenshot(page, 'content-security-policy-plan');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);

    // An injected inline script is refused, and reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = '(window).inlineRan = true;';
      document.head.append(script);
    });
    await expect.poll(violations).toEqual([expect.stringMatching(/^script-src(-elem)? inline$/) as string]);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    errors.length = 0;

    // Framed by another page, it does not load.
    const framer = await context.newPage();
    await framer.setContent(`<iframe src="${server.url}/"></iframe>`);
    await framer.waitForTimeout(500);
    const frame = framer.frames().find((f) => f.url().startsWith(server.url));
    expect(frame ? await frame.evaluate(() => document.title).catch(() => '') : '').toBe('');
  } finally {
    await context.close();
  }
}, 90_000);

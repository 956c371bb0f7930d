/**
 * The built client against the real server, as a person meets it: the whole server started in
 * this process on 127.0.0.1 (SQLite in a temp folder) serving `client/dist`, real Chromium
 * through Playwright, and a real @hocuspocus/provider in Node as a colleague editing the same
 * plan. Sign in, see the caseload, open a plan, watch a colleague's edits arrive live, go
 * offline and back, lose access, sign out. Screenshots go to test-results/screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../scripts/build-client.ts';
import { liveContext } from '../model/context.ts';
import { Plan } from '../model/plan.ts';
import { planOf } from '../sync-server/plans/child-documents.ts';
import { addChild, addUser, connect, login, startTestServer, type TestServer } from './harness/collab.ts';
import { axeViolations, collectPageErrors, launchBrowser, screenshot, type LaunchedBrowser } from './harness/index.ts';

let server: TestServer;
let launched: LaunchedBrowser;
let robin: string;
let sasha: string;

/** How long to wait for something the page shows after a round trip to the server. */
const WAIT = { timeout: 10_000 };

/** YYYY-MM-DD `days` before today (UTC), for stages recorded in the recent past. */
const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  // The server serves client/dist: build it from the current source first.
  await buildClient({ mode: 'production' });
  server = await startTestServer();
  robin = await addChild(server.app, 'Robin Fiction');
  sasha = await addChild(server.app, 'Sasha Hidden');
  await addUser(server.app, 'sam.worker');
  await addUser(server.app, 'jo.reader');
  await server.app.records.grant({ username: 'sam.worker', childId: robin, level: 'edit', restricted: true });
  await server.app.records.grant({ username: 'jo.reader', childId: robin, level: 'read', restricted: false });
  launched = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

/** A fresh browser profile (own sessionStorage and IndexedDB) with one page at the server. */
async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  return { context, page, errors };
}

/** Fills in the sign-in form and sends it. */
async function signIn(page: Page, username: string, password = `pw-${username}`): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The text of the sync status's live region. */
const syncStatus = (page: Page) => page.locator('sync-status [role=status]');

describe('the client on the real server', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ context, page, errors } = await openPage(launched.browser));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('starts at the sign-in page, with no serious or critical accessibility findings', async () => {
    expect(await page.title()).toBe('Sign in – Permanence planning board');
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Sign in']);
    await screenshot(page, 'client-server-1-sign-in');
    expect(await axeViolations(page, 'serious')).toEqual([]);
  });

  it('signs in and shows the caseload: only granted children, every status in words', async () => {
    await signIn(page, 'sam.worker');
    await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
    expect(await page.title()).toBe('Your caseload – Permanence planning board');
    const table = page.getByRole('table', { name: /Children whose plans you can see/ });
    const row = table.getByRole('row', { name: /Robin Fiction/ });
    await row.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Child', 'Pathway', 'Latest stage', 'Rating', 'Next due', 'Your access']);
    const cells = (await row.getByRole('cell').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toBe('Permanence pathway: adoption');
    expect(cells[2]).toMatch(/^(Red|Amber|Green) \(|^Not rated$/);
    expect(cells[4]).toMatch(/^Can edit ?including restricted details$/);
    expect(await table.getByRole('link').allTextContents()).toEqual(['Robin Fiction']);
    expect(await page.getByText('Sasha Hidden').count()).toBe(0);
    // The token is kept for this tab only.
    const stored = await page.evaluate(() => ({ session: sessionStorage.getItem('permanence-board.session'), local: localStorage.length }));
    expect(stored.session).toContain('"token"');
    expect(stored.local).toBe(0);
    await screenshot(page, 'client-server-2-caseload');
    expect(await axeViolations(page, 'serious')).toEqual([]);
  });

  it("opens the child's plan: name, details, timeline, and all changes saved", async () => {
    await page.getByRole('link', { name: 'Robin Fiction' }).click();
    await page.waitForURL(`${server.url}/children/${robin}`);
    await page.getByRole('heading', { level: 2, name: "Child's details" }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Robin Fiction']);
    await page.getByRole('navigation', { name: 'Parts of the plan' }).getByRole('link', { name: 'Timeline' }).click();
    await page.waitForURL(`${server.url}/children/${robin}/timeline`);
    await page.getByRole('heading', { level: 2, name: 'Timeline: Permanence pathway: adoption' }).waitFor();
    await expect.poll(() => syncStatus(page).textContent(), WAIT).toContain('Stored on the server');
    expect(await syncStatus(page).getAttribute('aria-live')).toBe('polite');
    expect(await page.title()).toBe('Robin Fiction – Permanence planning board');
    expect(await page.getByRole('link', { name: 'Back to caseload' }).getAttribute('href')).toBe('/');
    // The plan is kept on this device for offline use, under the document's name.
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(databases).toContain(`child:${robin}`);
    await screenshot(page, 'client-server-3-plan');
    expect(await axeViolations(page, 'serious')).toEqual([]);
  });

  it("shows a colleague's edits live: the child's name and a stage recorded", async () => {
    const colleague = connect(server.wsUrl, `child:${robin}`, await login(server.url, 'sam.worker'));
    try {
      await colleague.synced();
      const served = planOf(colleague.doc);
      if (!served) throw new Error('the synced document is not a plan');
      const plan = new Plan(colleague.doc, served.spec, liveContext('sam.worker'));
      const stage = page.locator('plan-timeline tr[data-key="stage:threshold-assessment"] .status-label');
      expect((await stage.textContent())?.trim()).toBe('Not yet due');

      plan.child.set('name', 'Robin Renamed');
      plan.recordStage('threshold-assessment', daysAgo(3));
      await colleague.saved();

      await page.getByRole('heading', { level: 1, name: 'Robin Renamed' }).waitFor();
      await expect.poll(async () => (await stage.textContent())?.trim(), WAIT).toMatch(/^Done/);
      await expect.poll(() => page.title(), WAIT).toBe('Robin Renamed – Permanence planning board');
      expect(await syncStatus(page).textContent()).toContain('Stored on the server');
      await screenshot(page, 'client-server-4-plan-live');
    } finally {
      colleague.destroy();
    }
  });

  it('opens a plan by its address after a reload, still signed in', async () => {
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Robin Renamed' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Timeline: Permanence pathway: adoption' }).waitFor();
    await expect.poll(() => syncStatus(page).textContent(), WAIT).toContain('Stored on the server');
  });

  it('goes back to the caseload, with the new name and the latest stage', async () => {
    await server.app.activity.settle(); // the caseload index is updated just after each store
    await page.getByRole('link', { name: 'Back to caseload' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
    await page.waitForURL(`${server.url}/`);
    const row = page.getByRole('row', { name: /Robin Renamed/ });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toContain('Assessment by the social work team');
  });

  it('does not open a plan that is not in the caseload, even by its address', async () => {
    await page.goto(`${server.url}/children/${sasha}`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Plan not available' }).waitFor();
    expect(await page.locator('workspace-page').count()).toBe(0);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain(`child:${sasha}`);
  });

  it('signs out to the sign-in page and forgets the token', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('You have signed out.').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('permanence-board.session'))).toBeNull();
  });

  it('logged no console errors and loaded every resource', () => {
    expect(errors).toEqual([]);
  });
});

describe('signing in wrongly', () => {
  it("shows the server's message for a wrong password, announced as an alert", async () => {
    const { context, page, errors } = await openPage(launched.browser);
    try {
      await signIn(page, 'sam.worker', 'not-the-password');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('The username or password is not right.');
      expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Sign in']);
      expect(await page.getByLabel('Password').inputValue()).toBe('');
      await screenshot(page, 'client-server-5-sign-in-error');
      expect(await axeViolations(page, 'serious')).toEqual([]);
      // The refusal itself is the only error: the 401 answer, which Chromium also logs.
      expect(errors).toEqual([`HTTP 401: ${server.url}/api/login`, 'console.error: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    } finally {
      await context.close();
    }
  });

  it('says how long to wait after too many attempts', async () => {
    const { context, page } = await openPage(launched.browser);
    try {
      for (let attempt = 1; attempt <= 6; attempt++) {
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/login'));
        await signIn(page, 'nobody.here', `wrong-${attempt}`);
        expect((await answered).status()).toBe(attempt <= 5 ? 401 : 429);
        await expect.poll(() => page.getByRole('alert').textContent(), WAIT).toMatch(attempt <= 5 ? /not right/ : /Too many failed sign-in attempts/);
      }
      expect(await page.getByRole('alert').textContent()).toMatch(/Try again in \d+ minute\(s\)\. You can try again after \d\d:\d\d\./);
      await screenshot(page, 'client-server-6-too-many-attempts');
    } finally {
      await context.close();
    }
  });
});

describe('read-only access, offline use and the end of access', () => {
  it('says read only in words, keeps working offline, opens the plan from this device, and closes it when access ends', async () => {
    const { context, page } = await openPage(launched.browser);
    try {
      await signIn(page, 'jo.reader');
      const row = page.getByRole('row', { name: /Robin/ });
      await row.waitFor();
      expect(await row.getByRole('cell').last().textContent()).toBe('Read only');
      await page.getByRole('link', { name: /Robin/ }).click();
      await expect.poll(() => syncStatus(page).textContent(), WAIT).toContain('Stored on the server');
      await page.getByText('Read only: you can see this plan but not change it.').waitFor();

      await context.setOffline(true);
      await expect.poll(() => syncStatus(page).textContent(), WAIT).toContain('Offline: changes');
      await screenshot(page, 'client-server-7-offline');
      // Back to the caseload and into the plan again, still offline: it opens from IndexedDB.
      await page.getByRole('link', { name: 'Back to caseload' }).click();
      await page.getByText(/This is your caseload as last loaded/).waitFor();
      await page.getByRole('link', { name: /Robin/ }).click();
      await page.getByRole('heading', { level: 2, name: "Child's details" }).waitFor();
      expect(await syncStatus(page).textContent()).toContain('Offline: changes');

      await context.setOffline(false);
      await expect.poll(() => syncStatus(page).textContent(), WAIT).toContain('Stored on the server');

      await server.app.records.revoke('jo.reader', robin);
      await expect.poll(() => syncStatus(page).textContent(), WAIT).toContain('Access ended');
      expect(await syncStatus(page).textContent()).toContain("You do not have access to this child's plan");
      expect(await page.locator('workspace-details').count()).toBe(0);
      // What the person may no longer see is not kept on the device.
      await expect.poll(async () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), WAIT).not.toContain(`child:${robin}`);
      await screenshot(page, 'client-server-8-access-ended');
      expect(await axeViolations(page, 'serious')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a long session', () => {
  it('renews the token a minute before it expires and sends the new one on the open connection', async () => {
    const context = await launched.browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    // The page's clock is under the test's control; the server keeps real time.
    await page.clock.install();
    const sentFrames: Buffer[] = [];
    page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => void sentFrames.push(Buffer.from(payload))));
    try {
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await signIn(page, 'sam.worker');
      await page.getByRole('link', { name: /Robin/ }).click();
      await expect.poll(() => syncStatus(page).textContent(), WAIT).toContain('Stored on the server');
      const tokenNow = (): Promise<string> => page.evaluate(() => (JSON.parse(sessionStorage.getItem('permanence-board.session') ?? '{}') as { token?: string }).token ?? '');
      const first = await tokenNow();

      // Tokens last 15 minutes; nothing is renewed 13 minutes in, and it is at 14.
      const renewal = page.waitForResponse((r) => r.url().endsWith('/api/token'));
      await page.clock.runFor('13:00');
      expect(await tokenNow()).toBe(first);
      await page.clock.runFor('01:05');
      expect((await renewal).status()).toBe(200);
      await expect.poll(tokenNow, WAIT).not.toBe(first);
      const second = await tokenNow();
      // Jumping the page's clock 14 minutes makes the provider think the socket went quiet, so it
      // may be reconnecting: let the page's time run on while waiting.
      const later = async <T>(read: () => T | Promise<T>): Promise<T> => {
        await page.clock.runFor(200);
        return read();
      };
      await expect.poll(() => later(() => sentFrames.some((f) => f.includes(Buffer.from(second)))), WAIT).toBe(true);
      await expect.poll(() => later(() => syncStatus(page).textContent()), WAIT).toContain('Stored on the server');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/**
 * Live together and history in the page, on the real server (whole server in this process on
 * 127.0.0.1, SQLite in a temp folder, the production build, Debian's Chromium): two people in
 * one plan see each other with the name, role and organisation the SERVER authenticated (a
 * client claiming another identity in its presence is shown as itself), see which part the
 * other edits from a focus and stop seeing it on blur; one saves a named version from the
 * page, a colleague changes the plan, the page compares the version with now field by field,
 * shows the version's printable minutes, restores it as a new change (everyone's page follows)
 * and the history says who restored it.
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

/** How long to wait for something the page shows after a round trip to the server. */
const WAIT = { timeout: 10_000 };

beforeAll(async () => {
  await buildClient({ mode: 'production' });
  server = await startTestServer();
  robin = await addChild(server.app, 'Robin Fiction');
  for (const username of ['sam.worker', 'jo.iro']) {
    await addUser(server.app, username);
    await server.app.records.grant({ username, childId: robin, level: 'edit', restricted: false });
  }
  launched = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

/** A fresh browser profile signed in as `username`, at the child's plan. */
async function openPlanAs(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/children/${robin}`, { waitUntil: 'load' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`pw-${username}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Robin Fiction' }).waitFor(WAIT);
  return { context, page, errors };
}

const presence = (page: Page) => page.locator('plan-presence section');

/** Sends the events a field sends on focus or blur, from inside the page's plan view. */
async function fieldEvent(page: Page, type: 'field-focus' | 'field-blur', path: string): Promise<void> {
  await page.evaluate(
    ({ type, path }) => {
      const view = document.querySelector('app-root')!.shadowRoot!.querySelector('workspace-page')!;
      view.shadowRoot!.querySelector('.part > *')!.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: { path } }));
    },
    { type, path },
  );
}

describe('two people in one plan, and its history, in the page', () => {
  let sam: { context: BrowserContext; page: Page; errors: string[] };
  let jo: { context: BrowserContext; page: Page; errors: string[] };

  beforeAll(async () => {
    sam = await openPlanAs(launched.browser, 'sam.worker');
    jo = await openPlanAs(launched.browser, 'jo.iro');
  }, 60_000);

  afterAll(async () => {
    await sam?.context.close();
    await jo?.context.close();
  });

  it('shows who is here with the identity the server authenticated, whatever a client claims', async () => {
    const liar = connect(server.wsUrl, `child:${robin}`, await login(server.url, 'jo.iro'));
    try {
      await liar.synced();
      liar.provider.awareness!.setLocalStateField('user', { username: 'team.manager', name: 'Pretend Chair', role: 'Team Manager', organisation: 'Elsewhere' });
      await expect.poll(() => presence(sam.page).textContent(), WAIT).toContain('Test jo.iro');
      await expect.poll(() => presence(sam.page).textContent(), WAIT).toMatch(/In this plan now: 2 people/);
      const text = (await presence(sam.page).textContent()) ?? '';
      expect(text).toContain('Test sam.worker (you)');
      expect(text).toContain('Social Worker, Test Team');
      expect(text).not.toContain('Pretend Chair');
      expect(text).not.toContain('Elsewhere');
    } finally {
      liar.destroy();
    }
    await expect.poll(() => presence(jo.page).textContent(), WAIT).toContain('Test sam.worker');
    await screenshot(sam.page, 'workspace-live-1-presence-1366');
    expect(await axeViolations(sam.page, 'serious')).toEqual([]);
  });

  it('shows which part the other person edits on focus, and no longer on blur', async () => {
    await fieldEvent(jo.page, 'field-focus', 'ppms/ppm-1/reasonForUpdate');
    const joInSams = presence(sam.page).locator('li[data-username="jo.iro"]');
    await expect.poll(() => joInSams.textContent(), WAIT).toContain('editing a PPM record');
    // Jo's own list does not say Jo is editing somewhere else.
    expect(await presence(jo.page).locator('li[data-username="sam.worker"]').textContent()).not.toContain('editing');
    await fieldEvent(jo.page, 'field-blur', 'ppms/ppm-1/reasonForUpdate');
    await expect.poll(() => joInSams.textContent(), WAIT).not.toContain('editing');
  });

  it('saves a named version, compares it with the plan after a change, prints its minutes, restores it, and the history says who', async () => {
    const { page } = sam;
    await page.getByRole('navigation', { name: 'Parts of the plan' }).getByRole('link', { name: 'History and versions' }).click();
    await page.getByLabel('Name of the version').fill('PPM 4 Dec 2026, minutes agreed');
    await page.getByRole('button', { name: 'Save a version' }).click();
    await page.getByText('Version "PPM 4 Dec 2026, minutes agreed" saved.').waitFor(WAIT);
    const row = page.getByRole('row', { name: /PPM 4 Dec 2026, minutes agreed/ });
    await expect.poll(() => row.textContent(), WAIT).toContain('Test sam.worker (Social Worker, Test Team)');

    const colleague = connect(server.wsUrl, `child:${robin}`, await login(server.url, 'jo.iro'));
    try {
      await colleague.synced();
      const plan = new Plan(colleague.doc, planOf(colleague.doc)!.spec, liveContext('jo.iro'));
      plan.child.set('name', 'Robin Renamed');
      await colleague.saved();
    } finally {
      colleague.destroy();
    }
    await page.getByRole('heading', { level: 1, name: 'Robin Renamed' }).waitFor(WAIT);

    await row.getByRole('button', { name: /^Compare with now/ }).click();
    const compared = page.locator('plan-versions section.panel');
    await compared.getByRole('heading', { name: '"PPM 4 Dec 2026, minutes agreed" compared with the plan now' }).waitFor(WAIT);
    const nameRow = compared.getByRole('row', { name: /Child's details › Name/ });
    expect(await nameRow.getByRole('cell').allTextContents()).toEqual(['Robin Fiction', 'Robin Renamed']);
    await screenshot(page, 'workspace-live-2-compare-1366');
    const found = await axeViolations(page, 'serious');
    expect(found, found.join('\n')).toEqual([]);

    await row.getByRole('button', { name: /^Minutes/ }).click();
    const minutes = page.frameLocator('plan-versions iframe');
    await expect.poll(() => minutes.locator('body').textContent(), WAIT).toContain('Robin Fiction');
    await page.getByRole('button', { name: 'Print these minutes' }).waitFor();

    await row.getByRole('button', { name: /^Restore/ }).click();
    await page.getByRole('button', { name: 'Restore this version' }).click();
    await page.getByRole('heading', { level: 1, name: 'Robin Fiction' }).waitFor(WAIT);
    // The other person's page follows the restore at once, like any edit.
    await jo.page.getByRole('heading', { level: 1, name: 'Robin Fiction' }).waitFor(WAIT);

    await server.app.activity.settle();
    await page.locator('plan-history').getByRole('button', { name: 'Show older changes' }).count();
    await page.evaluate(() => {
      // Re-read the history (a restore reloads it; make sure the audit entry is written first).
      const view = document.querySelector('app-root')!.shadowRoot!.querySelector('workspace-page')!;
      view.shadowRoot!.querySelector('plan-history')!.shadowRoot!.querySelector('plan-versions')!.dispatchEvent(new CustomEvent('version-restored', { bubbles: true, composed: true }));
    });
    const restored = page.locator('plan-history tbody tr', { hasText: 'Restored a version' }).first();
    await expect.poll(() => restored.textContent(), WAIT).toContain('Test sam.worker (Social Worker, Test Team)');
    await screenshot(page, 'workspace-live-3-history-1366');
    expect(sam.errors).toEqual([]);
    expect(jo.errors).toEqual([]);
  });
});

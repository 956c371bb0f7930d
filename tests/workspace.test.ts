/**
 * The child's workspace against the real server (SQLite in a temp folder, on 127.0.0.1) in real
 * Chromium: a social worker signs in, opens a child, moves through every part of the workspace
 * by keyboard (each part has its own address and the section list marks it), starts a meeting
 * (a new PPM record on the server, opened at once with the focus on its heading), and opens the
 * confidential part from its own document. A reader whose grant does not cover the restricted
 * part sees no such section, not even by its address, and no WebSocket frame sent or received
 * names the restricted document; the page says it is read only and offers no control.
 * Screenshots of every part at 1920×1080 and 1366×768 go to test-results/screenshots.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../scripts/build-client.ts';
import { planOf } from '../sync-server/plans/child-documents.ts';
import { addChild, addUser, connect, eventually, login, startTestServer, type TestServer } from './harness/collab.ts';
import { axeViolations, collectPageErrors, launchBrowser, screenshot, type LaunchedBrowser } from './harness/index.ts';

let server: TestServer;
let launched: LaunchedBrowser;
let robin: string;

const WAIT = { timeout: 10_000 };

/** The parts in the order the section list shows them, with the heading each opens at. */
const PARTS: readonly (readonly [link: string, path: string, heading: string])[] = [
  ['Meetings (PPM records)', 'meetings', 'Meetings (PPM records)'],
  ['Contingency plan', 'contingency', 'Contingency plan'],
  ['Introduction plan', 'introduction', 'Introduction plan'],
  ['Roles and responsibilities', 'roles', 'Roles and responsibilities'],
  ['Stages, tasks and checklist', 'stages', 'Stages, tasks and checklist'],
  ['Timeline', 'timeline', 'Timeline'],
  ['History and versions', 'history', 'History and versions'],
  ["Child's details", '', "Child's details"],
];

beforeAll(async () => {
  await buildClient({ mode: 'production' });
  server = await startTestServer();
  robin = await addChild(server.app, 'Robin Fiction');
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

/** A fresh profile, signed in, with every WebSocket frame it sends or receives kept (as Latin-1 text). */
async function signedIn(username: string, viewport = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; page: Page; frames: string[]; errors: string[] }> {
  const context = await launched.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    const keep = ({ payload }: { payload: string | Buffer }): void => void frames.push(typeof payload === 'string' ? payload : payload.toString('latin1'));
    ws.on('framesent', keep);
    ws.on('framereceived', keep);
  });
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`pw-${username}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
  return { context, page, frames, errors };
}

const sections = (page: Page) => page.getByRole('navigation', { name: 'Parts of the plan' });
const focusedText = (page: Page) => page.evaluate(() => {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
});

describe('the workspace on the real server', () => {
  it('moves through every part by keyboard, each at its own address, and starts a meeting', async () => {
    const { context, page, frames, errors } = await signedIn('sam.worker');
    try {
      await page.getByRole('link', { name: 'Robin Fiction' }).click();
      await page.getByRole('heading', { level: 2, name: "Child's details" }).waitFor();
      await expect.poll(() => page.locator('sync-status [role=status]').textContent(), WAIT).toContain('Stored on the server');
      for (const [link, path, heading] of PARTS) {
        await sections(page).getByRole('link', { name: link, exact: true }).focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.url}/children/${robin}${path ? `/${path}` : ''}`);
        await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
        expect(await sections(page).locator('[aria-current=page]').textContent()).toBe(link);
        await expect.poll(() => focusedText(page), WAIT).toBe(heading);
      }
      // Back and Forward follow the parts.
      await page.goBack();
      await page.getByRole('heading', { level: 2, name: 'History and versions' }).waitFor();
      await page.goForward();
      await page.getByRole('heading', { level: 2, name: "Child's details" }).waitFor();

      // Start a meeting, by keyboard: a new PPM record on the server, open with the focus on its heading.
      await sections(page).getByRole('link', { name: 'Meetings (PPM records)' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Start a new meeting' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/children/${robin}/meetings/[A-Za-z0-9_-]+$`));
      const meetingId = page.url().split('/').pop()!;
      // The new meeting is dated today (startNextMeeting) and opens with the focus on its heading.
      await expect.poll(() => focusedText(page), WAIT).toMatch(/^Meeting of \d{1,2} [A-Z][a-z]+ \d{4}$/);
      await expect.poll(() => page.locator('sync-status [role=status]').textContent(), WAIT).toContain('Stored on the server');
      const reader = connect(server.wsUrl, `child:${robin}`, await login(server.url, 'sam.worker'));
      try {
        await reader.synced();
        expect(planOf(reader.doc)!.spec.roots.some((r) => r.name === 'ppms')).toBe(true);
        expect(reader.doc.getArray<{ get(k: string): unknown }>('ppms').toArray().map((m) => m.get('id'))).toContain(meetingId);
      } finally {
        reader.destroy();
      }
      expect(await axeViolations(page, 'serious')).toEqual([]);

      // The confidential part, from its own document, marked as such.
      expect(frames.some((f) => f.includes(`child:${robin}:restricted`))).toBe(false);
      await sections(page).getByRole('link', { name: 'Confidential details' }).click();
      await page.getByText('Restricted details of the people caring for the child').waitFor();
      await page.getByLabel('Placement address').waitFor(WAIT);
      expect(frames.some((f) => f.includes(`child:${robin}:restricted`))).toBe(true);
      expect(await axeViolations(page, 'serious')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows a reader without the restricted grant no confidential part, asks nothing of it, and offers no control', async () => {
    const { context, page, frames, errors } = await signedIn('jo.reader');
    try {
      await page.getByRole('link', { name: 'Robin Fiction' }).click();
      await page.getByRole('heading', { level: 2, name: "Child's details" }).waitFor();
      await expect.poll(() => page.locator('sync-status [role=status]').textContent(), WAIT).toContain('Stored on the server');
      expect(await sections(page).getByRole('link').allTextContents()).not.toContain('Confidential details');
      await page.getByText('You can see this plan but not change it: nothing on this page can be edited').waitFor();
      // Even by its address: the details are shown instead, and nothing of the restricted part is asked for.
      await page.goto(`${server.url}/children/${robin}/restricted`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 2, name: "Child's details" }).waitFor();
      expect(await page.locator('workspace-restricted').count()).toBe(0);
      for (const [link] of PARTS) {
        await sections(page).getByRole('link', { name: link, exact: true }).click();
        // (The calendar feed's address is a read-only field to copy, for readers too.)
        expect(await page.locator('workspace-page .part').locator('input:not([type=hidden]):not([readonly]), textarea, select').count(), link).toBe(0);
        expect(await page.getByRole('button', { name: 'Start a new meeting' }).count()).toBe(0);
      }
      await eventually(() => frames.length > 0, 'frames of the plan');
      expect(frames.filter((f) => f.includes(':restricted'))).toEqual([]);
      expect(await axeViolations(page, 'serious')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('screenshots every part at 1920×1080 and 1366×768', async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
      const { context, page } = await signedIn('sam.worker', viewport);
      try {
        await page.getByRole('link', { name: 'Robin Fiction' }).click();
        await page.getByRole('heading', { level: 2, name: "Child's details" }).waitFor();
        for (const [link, path, heading] of [...PARTS, ['Confidential details', 'restricted', 'Confidential details'] as const]) {
          await sections(page).getByRole('link', { name: link, exact: true }).click();
          await page.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
          await screenshot(page, `workspace-${path || 'details'}-${viewport.width}`);
        }
      } finally {
        await context.close();
      }
    }
  }, 90_000);
});

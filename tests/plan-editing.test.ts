/**
 * Editing a child's plan together on the real server: the whole server in this process on
 * 127.0.0.1 (SQLite in a temp folder) serving the built client, two people in two Chromium
 * profiles editing the same PPM meeting, a reader with a read grant, and a Node provider as a
 * colleague who prepares the meeting and reads what was written. Two people type in one text
 * field (both edits kept, the other's caret not moved), add decisions at once (both rows kept),
 * a date written in the page is written as the signed-in account, a date changed on both sides
 * while one was offline is a conflict shown at the field and resolved by a third person; the
 * reader has nothing to change.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildClient } from '../scripts/build-client.ts';
import { liveContext } from '../model/context.ts';
import { startNextMeeting } from '../model/next-meeting.ts';
import { Plan } from '../model/plan.ts';
import { planOf } from '../sync-server/plans/child-documents.ts';
import { addChild, addUser, connect, login, startTestServer, type TestClient, type TestServer } from './harness/collab.ts';
import { axeViolations, collectPageErrors, launchBrowser, screenshot, type LaunchedBrowser } from './harness/index.ts';

let server: TestServer;
let launched: LaunchedBrowser;
let childId: string;
let colleague: TestClient;
let plan: Plan;
let meetingId: string;

const WAIT = { timeout: 10_000 };
const EVENTS = 'Significant Events since last Review';

beforeAll(async () => {
  await buildClient({ mode: 'production' });
  server = await startTestServer();
  childId = await addChild(server.app, 'Robin Fiction');
  for (const [username, level] of [['asha.worker', 'edit'], ['morgan.chair', 'edit'], ['chair.person', 'edit'], ['jo.reader', 'read']] as const) {
    await addUser(server.app, username);
    await server.app.records.grant({ username, childId, level, restricted: false });
  }
  colleague = connect(server.wsUrl, `child:${childId}`, await login(server.url, 'asha.worker'));
  await colleague.synced();
  const served = planOf(colleague.doc);
  if (!served) throw new Error('the synced document is not a plan');
  plan = new Plan(colleague.doc, served.spec, liveContext('asha.worker'));
  ({ meetingId } = startNextMeeting(plan, { meetingDate: '2026-11-03' }));
  plan.ppms.row(meetingId)!.replaceText('significantEvents', 'Settled at nursery.');
  await colleague.saved();
  launched = await launchBrowser();
}, 120_000);

afterAll(async () => {
  colleague?.destroy();
  await launched?.close();
  await server?.stop();
});

/** Signs `username` in, in a fresh profile, and opens the child's plan. */
async function openAs(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`pw-${username}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your caseload' }).waitFor();
  await page.getByRole('link', { name: 'Robin Fiction' }).click();
  await page.getByRole('heading', { level: 1, name: 'Robin Fiction' }).waitFor();
  // The meeting is in the workspace's Meetings part (the latest meeting opens there).
  await page.getByRole('link', { name: 'Meetings (PPM records)' }).click();
  await page.locator('plan-form').first().waitFor();
  return { context, page, errors };
}

const value = (field: Locator): Promise<string> => field.inputValue();
const caretText = (field: Locator): Promise<string> => field.evaluate((ta: HTMLTextAreaElement) => ta.value.slice(ta.selectionStart));

describe('two people editing one meeting on the real server', () => {
  let asha: { context: BrowserContext; page: Page; errors: string[] };
  let morgan: { context: BrowserContext; page: Page; errors: string[] };

  beforeAll(async () => {
    asha = await openAs(launched.browser, 'asha.worker');
    morgan = await openAs(launched.browser, 'morgan.chair');
  }, 60_000);

  afterAll(async () => {
    await asha?.context.close();
    await morgan?.context.close();
  });

  it('keeps both people’s typing in one text field, and never moves the other’s caret', async () => {
    const mine = asha.page.getByLabel(EVENTS);
    const theirs = morgan.page.getByLabel(EVENTS);
    await expect.poll(() => value(theirs), WAIT).toBe('Settled at nursery.');
    await theirs.click();
    await theirs.press('Control+End');
    await theirs.press('ArrowLeft'); // before the full stop
    await mine.click();
    await mine.press('Control+Home');
    await mine.pressSequentially('Robin has ');
    await expect.poll(() => value(theirs), WAIT).toBe('Robin has Settled at nursery.');
    expect(await caretText(theirs)).toBe('.');
    await Promise.all([theirs.pressSequentially(' every morning'), mine.pressSequentially('really ')]);
    const both = 'Robin has really Settled at nursery every morning.';
    await expect.poll(() => value(mine), WAIT).toBe(both);
    await expect.poll(() => value(theirs), WAIT).toBe(both);
    await expect.poll(() => plan.ppms.row(meetingId)!.text('significantEvents').toString(), WAIT).toBe(both);
    // Undo in Morgan's page takes back Morgan's typing only.
    await theirs.press('Control+z');
    await expect.poll(() => value(mine), WAIT).toBe('Robin has really Settled at nursery.');
    await screenshot(asha.page, 'plan-editing-1-text');
  });

  it('keeps the decisions both people add at once, and writes a date as the signed-in account', async () => {
    await Promise.all([asha.page, morgan.page].map((p) => p.getByRole('button', { name: 'Add a decision' }).click()));
    for (const p of [asha.page, morgan.page]) await expect.poll(() => p.getByRole('group', { name: /^Decision \d$/ }).count(), WAIT).toBe(2);
    await expect.poll(() => plan.ppms.row(meetingId)!.table('decisions').length, WAIT).toBe(2);
    const ashaRow = asha.page.getByRole('group', { name: 'Decision 1' });
    await ashaRow.getByLabel('Decision', { exact: true }).fill('Complete the viability assessment.');
    await ashaRow.getByLabel('Target date').fill('2026-12-01');
    await ashaRow.getByLabel('Target date').blur();
    const morganRow = morgan.page.getByRole('group', { name: 'Decision 2' });
    await morganRow.getByLabel('Decision', { exact: true }).fill('Start early family finding.');
    await expect
      .poll(() => plan.ppms.row(meetingId)!.table('decisions').rows().map((r) => r.text('decision').toString()), WAIT)
      .toEqual(['Complete the viability assessment.', 'Start early family finding.']);
    await expect.poll(() => plan.ppms.row(meetingId)!.table('decisions').rows()[0]!.get('targetDate').current?.by, WAIT).toBe('asha.worker');
    await expect.poll(() => morgan.page.getByRole('group', { name: 'Decision 1' }).getByLabel('Target date').inputValue(), WAIT).toBe('2026-12-01');
    expect(await axeViolations(asha.page)).toEqual([]);
    expect(asha.errors).toEqual([]);
    expect(morgan.errors).toEqual([]);
    await screenshot(morgan.page, 'plan-editing-2-decisions');
  });

  it('shows a date changed on both sides while one was offline as a conflict at the field, resolved by a third person', async () => {
    const field = (p: Page): Locator => p.getByRole('group', { name: 'Decision 1' }).getByLabel('Target date');
    await asha.context.setOffline(true);
    await expect.poll(() => asha.page.locator('sync-status [role=status]').textContent(), WAIT).toContain('Offline');
    await field(asha.page).fill('2026-12-08');
    await field(asha.page).blur();
    await field(morgan.page).fill('2026-12-15');
    await field(morgan.page).blur();
    await expect.poll(() => plan.ppms.row(meetingId)!.table('decisions').rows()[0]!.value('targetDate'), WAIT).toBe('2026-12-15');
    await asha.context.setOffline(false);
    await expect.poll(() => plan.ppms.row(meetingId)!.table('decisions').rows()[0]!.get('targetDate').conflicts.length, { timeout: 20_000 }).toBe(1);
    const chair = await openAs(launched.browser, 'chair.person');
    try {
      const conflict = chair.page.getByRole('group', { name: 'Decision 1' }).getByRole('group', { name: 'Target date: 2 values' });
      await conflict.waitFor(WAIT);
      const words = (await conflict.textContent())!.replace(/\s+/g, ' ');
      expect(words).toContain('2 values: choose one');
      expect(words).toMatch(/“8 December 2026” written by asha\.worker, \d+ \w+ \d{4} at \d\d:\d\d/);
      expect(words).toMatch(/“15 December 2026” written by morgan\.chair/);
      for (const p of [asha.page, morgan.page]) await p.getByRole('group', { name: 'Target date: 2 values' }).waitFor(WAIT);
      expect(await axeViolations(chair.page)).toEqual([]);
      await screenshot(chair.page, 'plan-editing-3-conflict');
      await conflict.getByRole('button', { name: 'Use this value: 8 December 2026' }).click();
      for (const p of [asha.page, morgan.page, chair.page]) {
        await expect.poll(() => p.getByRole('group', { name: 'Target date: 2 values' }).count(), WAIT).toBe(0);
        await expect.poll(() => field(p).inputValue(), WAIT).toBe('2026-12-08');
      }
      const state = plan.ppms.row(meetingId)!.table('decisions').rows()[0]!.get('targetDate');
      expect([state.value, state.current?.by, state.conflicts]).toEqual(['2026-12-08', 'chair.person', []]);
      expect(chair.errors).toEqual([]);
    } finally {
      await chair.context.close();
    }
  }, 60_000);

  it('gives a reader nothing to change: the note, no inputs, and the others unaffected', async () => {
    const jo = await openAs(launched.browser, 'jo.reader');
    try {
      const form = jo.page.locator('plan-form');
      await form.getByText('You can read this plan but not change it.').waitFor(WAIT);
      await form.getByText('Complete the viability assessment.').waitFor(WAIT);
      expect(await form.locator('textarea, input, select, button').count()).toBe(0);
      expect(await axeViolations(jo.page)).toEqual([]);
      const before = Y.encodeStateVector(colleague.doc);
      await jo.page.keyboard.type('nothing');
      await new Promise((r) => setTimeout(r, 300));
      expect(Y.encodeStateVector(colleague.doc)).toEqual(before);
      expect(await asha.page.getByLabel(EVENTS).inputValue()).toBe('Robin has really Settled at nursery.');
      expect(await form.getByText('8 December 2026').count()).toBeGreaterThan(0);
    } finally {
      await jo.context.close();
    }
  });
});

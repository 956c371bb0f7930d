/**
 * The printable minutes of a named version in a real Chromium: made from a plan edited through a
 * real provider on a real server, opened over HTTP with the user's token, checked for layout,
 * escaping, its Content Security Policy, print rendering (A4 PDF) and accessibility (axe-core).
 * Screenshots go to test-results/screenshots. Every person is fictional.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveContext } from '../model/context.ts';
import { Plan } from '../model/plan.ts';
import { planOf } from '../sync-server/plans/child-documents.ts';
import { addChild, addUser, connect, login, startTestServer, type TestServer } from './harness/collab.ts';
import { axeViolations, collectPageErrors, launchBrowser, screenshot, type LaunchedBrowser } from './harness/index.ts';

let server: TestServer;
let launched: LaunchedBrowser;
let token: string;
let minutesUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  const childId = await addChild(server.app, 'Rowan Example');
  await addUser(server.app, 'asha.patel');
  await server.app.records.grant({ username: 'asha.patel', childId, level: 'edit', restricted: false });
  token = await login(server.url, 'asha.patel');

  const client = connect(server.wsUrl, `child:${childId}`, token);
  try {
    await client.synced();
    const plan = new Plan(client.doc, planOf(client.doc)!.spec, liveContext('asha.patel', 'minutes-test'));
    plan.child.set('dateOfBirth', '2024-06-14');
    plan.child.set('gender', 'Female');
    plan.addMeeting({ meetingDate: '2026-08-04' });
    const meeting = plan.ppms.row(plan.addMeeting({ meetingDate: '2026-11-03', meetingType: 'Permanence Care Planning Meeting', permanencePlanDate: '2026-11-03', planUpdated: true, iroConsulted: true }))!;
    const people = meeting.table('people');
    people.insert({ name: 'Asha Patel', organisation: 'Children in Care Team', role: "Child's Social Worker", invited: true, attended: true });
    people.insert({ name: 'Jordan Blake', organisation: 'Independent Reviewing Service', role: 'Independent Reviewing Officer', invited: true, attended: true });
    people.insert({ name: 'Kai Morgan', organisation: 'Health Visiting Service', role: 'Health Visitor', invited: true, sentApologies: true, reportExpected: true });
    const decisions = meeting.table('decisions');
    decisions.row(decisions.insert({ responsible: 'Family finder', targetDate: '2026-12-01' }))!.replaceText('decision', 'Start family finding for an adoptive placement.');
    const second = decisions.row(decisions.insert({ responsible: 'Legal Services', targetDate: '2027-01-15' }))!;
    second.replaceText('decision', 'Apply for a placement order.');
    second.replaceText('reason', 'Agreed at the legal planning meeting <b>not bold</b> & "quoted".');
    meeting.replaceText('reasonForUpdate', 'Parallel plan reviewed after the viability assessment.');
    meeting.replaceText('significantEvents', 'Contact moved to Saturdays.\nNew school place from January.');
    meeting.replaceText('childView', 'Rowan is too young to give a view; the foster carer says Rowan is settled.');
    meeting.replaceText('parentsView', 'Parents do not agree with the plan and want more contact.');
    meeting.replaceText('carersView', 'Carers support the plan.');
    meeting.replaceText('otherViews', 'The health visitor reports good progress.');
    meeting.replaceText('contingencyPlan', 'If no adoptive family is found by March, review long-term fostering.');
    await client.saved();
  } finally {
    client.destroy();
  }
  const res = await fetch(`${server.url}/api/children/${childId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'PPM 2026-11-03, minutes agreed' }),
  });
  const { version } = (await res.json()) as { version: { id: string } };
  minutesUrl = `${server.url}/api/children/${childId}/versions/${version.id}/minutes`;
  launched = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

async function open(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` }, ...options });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const response = await page.goto(minutesUrl, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
  return { page, errors };
}

describe('the printable minutes of a version', () => {
  it('shows the latest meeting laid out by the PPM template, with escaped text and no scripts', async () => {
    const { page, errors } = await open(launched.browser);
    expect(await page.locator('html').getAttribute('lang')).toBe('en-GB');
    expect(await page.title()).toBe('PPM minutes: Rowan Example, PPM 2026-11-03, minutes agreed');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rowan Example');
    expect(await page.locator('header').textContent()).toContain('Meeting 2 of 2, held on 3 November 2026');
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual(expect.arrayContaining(['Meeting Details', 'People Involved in Developing this Plan', 'Decisions', 'Views and Comments']));
    const people = page.getByRole('table', { name: 'People Involved in Developing this Plan' });
    expect(await people.getByRole('row').count()).toBe(4);
    const decisions = page.getByRole('table', { name: 'Decisions' });
    expect(await decisions.getByRole('row').count()).toBe(3);
    expect(await decisions.getByRole('cell').allTextContents()).toContain('Agreed at the legal planning meeting <b>not bold</b> & "quoted".');
    expect(await page.locator('b').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);
    // The style element is allowed by the Content Security Policy (hash), so the layout applies.
    expect(await page.locator('h2').first().evaluate((h) => getComputedStyle(h).borderBottomStyle)).toBe('solid');
    await screenshot(page, 'minutes-page');
    // A4 width at 96 dpi, as printed (the PDF below is the real print).
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'minutes-page-print');
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Every page A4 (@page size): 595 x 842 points.
    const boxes = pdf.toString('latin1').match(/\/MediaBox \[[^\]]*\]/g) ?? [];
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) {
      const [, , w, h] = box.slice(11, -1).trim().split(/\s+/).map(Number);
      expect([Math.round(w!), Math.round(h!)]).toEqual([595, 842]);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical accessibility findings (axe-core)', async () => {
    // axe is injected as a script, which the page's own policy rightly forbids.
    const { page } = await open(launched.browser, { bypassCSP: true });
    expect(await axeViolations(page, 'serious')).toEqual([]);
    await page.context().close();
  });

  it('is refused without a token', async () => {
    const res = await fetch(minutesUrl);
    expect(res.status).toBe(401);
  });
});

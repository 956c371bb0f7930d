/// <reference types="mocha" />
import { expect } from 'chai';
import { exportDoc } from '../../../model/doc-json.ts';
import type { HistoryReply, VersionSummary } from '../../../model/wire/index.ts';
import type { SessionStore } from '../../session/session-store.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';
import { demoPlan } from '../../testing/demo-plan.ts';
import { fakeFetch, type Answer, type Received } from '../../testing/fake-fetch.ts';
import { provide } from '../../testing/test-contexts.ts';
import type { PlanHistory } from './plan-history.ts';
import './plan-history.ts';

const IRO = { username: 'amira.khan', name: 'Amira Khan', role: 'Independent Reviewing Officer', organisation: 'Fictional County Council' };
const SW = { username: 'sam.lee', name: 'Sam Lee', role: "Child's Social Worker", organisation: 'Fictional County Council' };
const VERSION: VersionSummary = { id: 'v-1', name: 'PPM 3 Nov 2026, minutes agreed', createdAt: '2026-11-03T15:30:00.000Z', createdBy: IRO };

const PAGE_1: HistoryReply = {
  entries: [
    { seq: 12, at: '2026-11-04T09:15:00.000Z', action: 'edit', document: 'plan', user: SW, parts: [{ part: 'ppms', label: 'Permanence Planning Meetings' }], bytes: 120 },
    { seq: 11, at: '2026-11-03T16:00:00.000Z', action: 'restore', document: 'plan', user: IRO, parts: [{ part: 'child', label: "Child's details" }], bytes: 80 },
  ],
  next: 11,
};
const PAGE_2: HistoryReply = { entries: [{ seq: 1, at: '2026-08-01T10:00:00.000Z', action: 'create', document: 'plan', user: SW, parts: [], bytes: 4000 }], next: null };

/** Mounts `<plan-history>` on the demo plan with a fake server; `readOnly` as the sync state says. */
async function mount(answers: Record<string, Answer | ((r: Received) => Answer)> = {}, readOnly = false) {
  const open = demoPlan();
  const childId = open.meta.childId;
  const base = `/api/children/${childId}`;
  const versionPlan = exportDoc(open.plan.doc, open.plan.spec);
  let versions = [VERSION];
  const fake = fakeFetch({
    [`GET ${base}/history`]: { status: 200, body: PAGE_1 },
    [`GET ${base}/versions`]: () => ({ status: 200, body: { versions } }),
    [`POST ${base}/versions`]: (r) => {
      const name = (r.body as { name: string }).name;
      const created = { ...VERSION, id: 'v-2', name, createdBy: SW };
      versions = [created, ...versions];
      return { status: 201, body: { version: created } };
    },
    [`GET ${base}/versions/v-1`]: { status: 200, body: { version: VERSION, plan: versionPlan } },
    [`GET ${base}/versions/v-1/minutes`]: { status: 200, body: null, text: '<!doctype html><html lang="en-GB"><title>Minutes</title><h1>Minutes of the PPM</h1></html>' },
    [`POST ${base}/versions/v-1/restore`]: { status: 200, body: { restored: VERSION, changed: true, bytes: 90, message: 'The plan is as it was in "PPM 3 Nov 2026, minutes agreed".' } },
    'GET /api/me/calendar-url': {
      status: 200,
      body: { url: 'http://board.test/api/calendar.ics?key=sam.lee.secret', childUrl: 'http://board.test/api/children/{childId}/calendar.ics?key=sam.lee.secret', message: 'Subscribe.' },
    },
    ...answers,
  });
  const el = document.createElement('plan-history');
  el.fetchFn = fake.fetch;
  const store = { token: () => 'token-sam' } as unknown as SessionStore;
  await provide(el, { plan: open, sync: { phase: 'saved', readOnly }, session: { session: undefined, notice: undefined, store } });
  await settle(el);
  return { el, open, received: fake.received, base };
}

/** Lets the fake server answer and every part render. */
async function settle(el: PlanHistory): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    const versions = el.shadowRoot!.querySelector('plan-versions');
    await versions?.updateComplete;
    await el.shadowRoot!.querySelector('calendar-feed')?.updateComplete;
  }
}

const versionsOf = (el: PlanHistory) => el.shadowRoot!.querySelector('plan-versions')!;
const inVersions = <T extends Element>(el: PlanHistory, selector: string) => versionsOf(el).shadowRoot!.querySelector<T>(selector);
const button = (root: ShadowRoot, words: string): HTMLButtonElement => {
  const found = [...root.querySelectorAll('button')].find((b) => shadowText(b).startsWith(words));
  if (!found) throw new Error(`no button "${words}"`);
  return found;
};

let pages = 0;

describe('<plan-history>', () => {
  beforeEach(() => (pages = 0));
  afterEach(() => document.body.replaceChildren());

  it('lists who changed which part when, as the server recorded it, with the token, and pages back', async () => {
    const { el, received } = await mount({ 'GET /api/children/demo-1/history': (r) => ({ status: 200, body: r.path.endsWith('/history') && pages++ === 0 ? PAGE_1 : PAGE_2 }) });
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr[data-seq]')].map((r) => shadowText(r));
    expect(rows[0]).to.contain("Sam Lee (Child's Social Worker, Fictional County Council)");
    expect(rows[0]).to.contain('Changed: Permanence Planning Meetings');
    expect(rows[1]).to.contain("Restored a version: Child's details");
    button(el.shadowRoot!, 'Show older changes').click();
    await settle(el);
    expect(el.shadowRoot!.querySelectorAll('tbody tr[data-seq]')).to.have.length(3);
    expect(shadowText(el.shadowRoot!.querySelector('tr[data-seq="1"]')!)).to.contain('Made the plan');
    expect(el.shadowRoot!.textContent).not.to.contain('Show older changes');
    expect(received.filter((r) => r.path.endsWith('/history')).every((r) => r.authorization === 'Bearer token-sam')).to.equal(true);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('asks for a name, then saves a named version and lists it', async () => {
    const { el, received } = await mount();
    const root = versionsOf(el).shadowRoot!;
    button(root, 'Save a version').click();
    await settle(el);
    expect(shadowText(inVersions(el, '.error-message')!)).to.contain('Enter a name for the version');
    expect(inVersions<HTMLInputElement>(el, '#version-name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(received.filter((r) => r.method === 'POST')).to.have.length(0);
    inVersions<HTMLInputElement>(el, '#version-name')!.value = 'PPM 4 Dec 2026, minutes agreed';
    button(root, 'Save a version').click();
    await settle(el);
    const post = received.find((r) => r.method === 'POST')!;
    expect(post.body).to.deep.equal({ name: 'PPM 4 Dec 2026, minutes agreed' });
    expect(post.authorization).to.equal('Bearer token-sam');
    expect(shadowText(root.querySelector('[role=status]')!)).to.equal('Version "PPM 4 Dec 2026, minutes agreed" saved.');
    expect(shadowText(root.querySelector('tbody tr')!)).to.contain('PPM 4 Dec 2026, minutes agreed');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('compares a version with the plan now, field by field, and views what it holds', async () => {
    const { el, open } = await mount();
    open.plan.child.set('name', 'Rowan Renamed');
    const root = versionsOf(el).shadowRoot!;
    button(root, 'Compare with now').click();
    await settle(el);
    const rows = [...root.querySelectorAll('section.panel tbody tr')];
    expect(rows).to.have.length(1);
    expect(rows[0]!.getAttribute('data-path')).to.match(/^child\/.+\/name$/);
    expect([...rows[0]!.children].map((c) => shadowText(c))).to.deep.equal(["Child's details › NameChanged", 'Rowan Example', 'Rowan Renamed']);
    expect(await axeViolations(el)).to.deep.equal([]);
    button(root, 'View').click();
    await settle(el);
    expect(shadowText(root.querySelector('section.panel h3')!)).to.equal('What "PPM 3 Nov 2026, minutes agreed" holds');
    expect(shadowText(root.querySelector('section.panel')!)).to.contain('Rowan Example');
  });

  it("restores a version as a new change after saying what that does, and shows the server's words", async () => {
    const { el, received, base } = await mount();
    const root = versionsOf(el).shadowRoot!;
    button(root, 'Restore').click();
    await settle(el);
    expect(shadowText(root.querySelector('section.panel')!)).to.contain('as a new change by you. Nothing is lost');
    expect(received.some((r) => r.path.endsWith('/restore'))).to.equal(false);
    button(root, 'Restore this version').click();
    await settle(el);
    expect(received.some((r) => r.method === 'POST' && r.path === `${base}/versions/v-1/restore`)).to.equal(true);
    expect(shadowText(root.querySelector('[role=status]')!)).to.equal('The plan is as it was in "PPM 3 Nov 2026, minutes agreed".');
  });

  it("shows a version's printable minutes in a sandboxed frame", async () => {
    const { el } = await mount();
    const root = versionsOf(el).shadowRoot!;
    button(root, 'Minutes').click();
    await settle(el);
    const frame = root.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).to.equal('allow-same-origin allow-modals');
    expect(frame.srcdoc).to.contain('<h1>Minutes of the PPM</h1>');
    expect(frame.title).to.equal('Minutes of PPM 3 Nov 2026, minutes agreed');
    expect(button(root, 'Print these minutes')).to.exist;
  });

  it('offers no saving or restoring to a person who may only read', async () => {
    const { el } = await mount({}, true);
    const root = versionsOf(el).shadowRoot!;
    expect(root.querySelector('form')).to.equal(null);
    expect([...root.querySelectorAll('button')].some((b) => shadowText(b).startsWith('Restore'))).to.equal(false);
    expect(shadowText(versionsOf(el))).to.contain('You can read this plan but not change it');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("gives the child's calendar feed address with this person's key, to copy or download", async () => {
    const { el } = await mount();
    const feed = el.shadowRoot!.querySelector('calendar-feed')!;
    const input = feed.shadowRoot!.querySelector<HTMLInputElement>('#feed-address')!;
    expect(input.value).to.equal('http://board.test/api/children/demo-1/calendar.ics?key=sam.lee.secret');
    expect(input.readOnly).to.equal(true);
    expect(feed.shadowRoot!.querySelector('a[download]')!.getAttribute('href')).to.equal(input.value);
    expect(shadowText(feed)).to.contain('keep it as private as a password');
  });

  it('says what to do when the server cannot be reached', async () => {
    const { el } = await mount({ 'GET /api/children/demo-1/history': 'offline', 'GET /api/children/demo-1/versions': 'offline' });
    expect(shadowText(el.shadowRoot!.querySelector('[role=alert]')!)).to.contain('The server cannot be reached');
    expect(shadowText(versionsOf(el).shadowRoot!.querySelector('[role=alert]')!)).to.contain('Check the connection and try again');
  });
});

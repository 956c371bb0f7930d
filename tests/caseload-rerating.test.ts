/**
 * Ratings move with the calendar, not only with edits: a real server (SQLite in a temp folder,
 * HTTP on 127.0.0.1) whose clock the test moves. A plan that is green today turns amber, then
 * red, as the days pass its due dates with no edit, and the caseload API says so with the day
 * each rating holds for. The expected ratings come from the model's engine on the plan, not
 * from the server's re-rating code. Every person is fictional.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../model/calendar/day-math.ts';
import type { ChildrenReply } from '../model/wire/index.ts';
import { timelineOfPlan } from '../model/timeline/of-plan.ts';
import { templates } from '../templates/index.ts';
import { startApp, type App } from '../sync-server/app.ts';
import { readConfig } from '../sync-server/config.ts';
import type { Plan } from '../model/plan.ts';
import { buildChildDocuments, planOf } from '../sync-server/plans/child-documents.ts';
import { nextDayStart } from '../sync-server/plans/local-day.ts';
import { addUser, login, startTestServer, type TestServer } from './harness/collab.ts';
import { runRerateBench } from './bench/timeline.bench.ts';

/** A child on the adoption pathway who came into care on `day`; returns its id. */
async function childInCareFrom(app: App, day: string, username: string): Promise<string> {
  const docs = buildChildDocuments({ pathwayId: 'pathway-adoption', details: { name: 'Kit Fiction', jurisdiction: 'England' }, by: 'Test data' });
  const plan = planOf(docs.plan)!;
  plan.transact(() => plan.recordStage('became-looked-after', day));
  await app.plans.store(docs.childId, docs, 'system', 'create');
  await app.records.grant({ username, childId: docs.childId, level: 'read', restricted: false });
  // The index refresh the store scheduled, done now: it rates for the server's today.
  await app.activity.settle();
  return docs.childId;
}


async function caseload(url: string, token: string): Promise<ChildrenReply['children']> {
  const res = await fetch(`${url}/api/children`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as ChildrenReply).children;
}

/** The first day after `from` (within a year) on which the engine rates a plan `rating`. */
function firstDayOf(plan: Plan, from: string, rating: 'amber' | 'red'): string {
  for (let i = 1; i < 366; i++) {
    const day = addDays(from, i);
    if (timelineOfPlan(plan, templates, day)?.rating === rating) return day;
  }
  throw new Error(`the plan is never ${rating} within a year of ${from}`);
}

/** The same for a stored child's plan. */
async function firstDay(app: App, childId: string, from: string, rating: 'amber' | 'red'): Promise<string> {
  return firstDayOf(planOf((await app.plans.read(`child:${childId}`))!)!, from, rating);
}

/** The same for a child who came into care on `cameIntoCare` (as {@link childInCareFrom} makes). */
function engineFirstDay(cameIntoCare: string, from: string, rating: 'amber' | 'red'): string {
  const plan = planOf(buildChildDocuments({ pathwayId: 'pathway-adoption', details: { name: 'Kit Fiction', jurisdiction: 'England' }, by: 'Test data' }).plan)!;
  plan.transact(() => plan.recordStage('became-looked-after', cameIntoCare));
  return firstDayOf(plan, from, rating);
}

describe('caseload re-rating', () => {
  let server: TestServer | undefined;
  let app: App | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.stop();
    await app?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    server = app = dir = undefined;
  });

  it('turns a green plan amber then red as the days pass its due dates, with no edit, when re-rated for the day', async () => {
    server = await startTestServer();
    const { app } = server;
    await addUser(app, 'amy.worker');
    const today = app.rerating.today();
    const childId = await childInCareFrom(app, today, 'amy.worker');
    const token = await login(server.url, 'amy.worker');

    const [before] = await caseload(server.url, token);
    expect(before).toMatchObject({ childId, rating: 'green', ratedOn: today });
    const amberDay = await firstDay(app, childId, today, 'amber');
    const redDay = await firstDay(app, childId, amberDay, 'red');

    const amber = await app.rerating.rateAll(amberDay);
    // The nightly pass reads no plan: it rates each entry's stored input.
    expect(amber).toMatchObject({ day: amberDay, entries: 1, changed: 1, fromPlans: 0, failed: 0 });
    const [afterAmber] = await caseload(server.url, token);
    expect(afterAmber).toMatchObject({ childId, rating: 'amber', ratedOn: amberDay, nextDue: before!.nextDue, stage: before!.stage });
    expect(afterAmber!.updatedAt > before!.updatedAt).toBe(true);

    // Twice is harmless: nothing left to write.
    expect(await app.rerating.rateAll(amberDay)).toMatchObject({ changed: 0, failed: 0 });
    expect(await app.records.caseloadRatedOn()).toBe(amberDay);

    await app.rerating.rateAll(redDay);
    const [afterRed] = await caseload(server.url, token);
    expect(afterRed).toMatchObject({ childId, rating: 'red', ratedOn: redDay });
    const single = (await (await fetch(`${server.url}/api/children/${childId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { rating: string; ratedOn: string };
    expect(single).toMatchObject({ rating: 'red', ratedOn: redDay });
  });

  it('re-rates at local midnight by its clock, says "as of" the new day for entries it did not need to write, and catches up on start', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-rerate-'));
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, TIME_ZONE: 'Europe/London' });
    if (!config.ok) throw new Error(config.problems.join('; '));
    // The engine's first amber day of a child who came into care on 20 November (its first
    // review comes near); the clock starts a second before that day's midnight in London.
    const cameIntoCare = '2026-11-20';
    const amberDay = engineFirstDay(cameIntoCare, cameIntoCare, 'amber');
    const dayBefore = addDays(amberDay, -1);
    const midnight = nextDayStart(new Date(`${dayBefore}T12:00:00.000Z`), 'Europe/London');
    let now = new Date(midnight.getTime() - 1000);
    app = await startApp(config.config, { say: () => {}, now: () => now });
    await addUser(app, 'amy.worker');
    const late = await childInCareFrom(app, cameIntoCare, 'amy.worker');
    const steady = await childInCareFrom(app, dayBefore, 'amy.worker');
    const url = `http://127.0.0.1:${app.port}`;
    const token = await login(url, 'amy.worker');
    await app.rerating.rateAll(app.rerating.today());

    const rows = async (): Promise<Map<string, { rating: string | null; ratedOn?: string | null }>> => new Map((await caseload(url, token)).map((c) => [c.childId, c]));
    expect((await rows()).get(late)).toMatchObject({ rating: 'green', ratedOn: dayBefore });
    expect(engineFirstDay(dayBefore, dayBefore, 'amber') > amberDay).toBe(true);

    // Before midnight nothing moves; after it (23 December) the late plan turns amber.
    expect(await app.rerating.tick()).toBeUndefined();
    now = new Date(midnight.getTime() + 1000);
    expect(await app.rerating.tick()).toMatchObject({ day: amberDay, changed: 1, fromPlans: 0, failed: 0 });
    const after = await rows();
    expect(after.get(late)).toMatchObject({ rating: 'amber', ratedOn: amberDay });
    // Not written (its rating did not change) yet rated for the new day.
    expect(after.get(steady)).toMatchObject({ rating: 'green', ratedOn: amberDay });
    expect((await app.records.rateable(steady))?.summary.ratedOn).toBe(dayBefore);
    // Another look the same day does nothing.
    expect(await app.rerating.tick()).toBeUndefined();

    // Down over a midnight: the start-up pass re-reads every plan and rates it for the day.
    await app.stop();
    const redDay = engineFirstDay(cameIntoCare, amberDay, 'red');
    now = new Date(`${redDay}T12:00:00.000Z`);
    app = await startApp(config.config, { say: () => {}, now: () => now });
    const started = await app.rerating.rateAll(app.rerating.today());
    expect(started.failed).toBe(0);
    const byId = new Map((await app.records.children()).map((c) => [c.childId, c]));
    expect(byId.get(late)).toMatchObject({ rating: 'red', ratedOn: redDay });
  });

  it('measures re-rating a caseload at the day change (the benchmark, small; no time asserted)', async () => {
    const run = await runRerateBench(40);
    expect(run).toMatchObject({ children: 40 });
    expect(run.ms).toBeGreaterThan(0);
    expect(Number.isFinite(run.ratioToEngine)).toBe(true);
  });
});

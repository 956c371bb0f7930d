/// <reference types="mocha" />
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import * as Y from 'yjs';
import { fixedContext } from '../../../model/context.ts';
import { planSpec } from '../../../model/plan-spec.ts';
import { createPlanDoc, Plan } from '../../../model/plan.ts';
import { defaultForms } from '../../../model/template/registry.ts';
import type { Finding, ItemStatus, OccurrenceResult, StageResult, Timeline } from '../../../model/timeline/types.ts';
import { templates } from '../../../templates/index.ts';
import { openPlanFor, provide } from '../../testing/test-contexts.ts';
import { axeViolations } from '../../testing/axe.ts';
import './plan-timeline.ts';
import { ukShortDate as formatShortDate } from '../../../model/words.ts';
import type { PlanTimeline } from './plan-timeline.ts';

const SOURCE = { seed: '003_191524bca73c873d.txt', section: '8.9' } as const;

function stage(id: string, title: string, status: ItemStatus, extra: Partial<StageResult> = {}): StageResult {
  return { id, title, optional: false, recurring: false, status, conflicts: [], rule: { rule: `${title} on time`, source: SOURCE }, deadlines: [], ...extra };
}

function repeat(index: number, status: ItemStatus, due: string, done?: string): OccurrenceResult {
  return { stage: 'ppm', title: 'Permanence Planning Meeting', index, due, ...(done ? { done } : {}), status, rrule: 'FREQ=WEEKLY;INTERVAL=6', rule: 'PPM at least every 6 weeks', source: SOURCE };
}

const FINDINGS: Finding[] = [
  // Deliberately not in severity order: the view must put red first whatever it is given.
  { severity: 'green', kind: 'stage', subject: 'initial-ppm', date: '2026-08-20', message: 'Initial PPM was done after its due date.', rule: 'Initial PPM within 10 working days', source: { seed: '003_191524bca73c873d.txt', section: '8.1' } },
  { severity: 'amber', kind: 'conflict', subject: 'review-1', date: '2026-08-27', message: 'First review has more than one date recorded.', source: SOURCE },
  { severity: 'red', kind: 'stage', subject: 'review-2', date: '2026-11-19', message: 'Second review was due by 19 November 2026 and is not recorded.', rule: 'Second review within 12 weeks of the first review', source: SOURCE },
];

/** A hand-made timeline with one stage of every status, a conflict, repeats and an action. */
function sample(): Timeline {
  return {
    pathwayId: 'pathway-test',
    pathwayTitle: 'Permanence pathway: adoption',
    today: '2026-11-24',
    region: 'england-and-wales',
    start: '2026-08-03',
    stages: [
      stage('gateway', 'Legal Gateway decision', 'done-on-time', { done: '2026-08-03' }),
      stage('initial-ppm', 'Initial PPM', 'done-late', { due: '2026-08-17', done: '2026-08-20' }),
      stage('review-1', 'First review', 'done-on-time', { due: '2026-08-28', done: '2026-08-27', conflicts: ['2026-09-02'] }),
      stage('review-2', 'Second review', 'overdue', { due: '2026-11-19' }),
      stage('shobpa', 'Agency Decision Maker decision', 'due-soon', { due: '2026-11-30' }),
      stage('visit', 'Early visit', 'done-early', { notBefore: '2026-10-01', done: '2026-09-24' }),
      stage('placement', 'Placement day', 'not-yet-due', { due: '2027-03-29' }),
      stage('early', 'Early permanence placement agreed', 'not-applicable'),
      stage('further', 'Further review', 'optional'),
      stage('ppm', 'Permanence Planning Meeting', 'overdue', { recurring: true, due: '2026-10-22', done: '2026-09-10' }),
    ],
    occurrences: [repeat(1, 'done-on-time', '2026-10-01', '2026-09-10'), repeat(2, 'overdue', '2026-10-22')],
    ordering: [],
    introduction: [],
    actions: [{ meetingId: 'm1', meetingDate: '2026-11-03', id: 'a1', text: 'Start family finding', responsible: 'Family finder', due: '2026-11-24', status: 'due-soon' }],
    findings: FINDINGS,
    rating: 'red',
    reasons: ['Second review was due by 19 November 2026 and is not recorded.'],
    nextDue: { date: '2026-10-22', subject: 'ppm', title: 'Permanence Planning Meeting' },
  };
}

async function mount(timeline: Timeline): Promise<PlanTimeline> {
  const el = document.createElement('plan-timeline');
  el.timeline = timeline;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const root = (el: PlanTimeline): ShadowRoot => el.shadowRoot!;
const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const row = (el: PlanTimeline, key: string): HTMLTableRowElement | null => root(el).querySelector(`tr[data-key="${key}"]`);
const cell = (el: PlanTimeline, key: string, cls: string): string => squash(row(el, key)?.querySelector(`.${cls}`)?.textContent);
const shapes = (el: PlanTimeline, key: string, mark: string): string[] =>
  [...(row(el, key)?.querySelectorAll(`.lane .mark-${mark} svg`) ?? [])].map((s) => s.getAttribute('data-shape') ?? '');

describe('<plan-timeline> from a timeline', () => {
  afterEach(() => document.body.replaceChildren());

  it('heads the timeline with the pathway title and the overall rating in words and shape', async () => {
    const el = await mount(sample());
    expect(squash(root(el).querySelector('h2')?.textContent)).to.equal('Timeline: Permanence pathway: adoption');
    const rating = root(el).querySelector('.rating')!;
    expect(squash(rating.querySelector('.rating-line')?.textContent)).to.equal('Overall rating: Red (needs action now)');
    expect(rating.querySelector('svg')?.getAttribute('data-shape')).to.equal('triangle');
    expect(squash(rating.querySelector('.reasons')?.textContent)).to.contain('Second review was due by 19 November 2026');
    const facts = squash(root(el).querySelector('.facts')?.textContent);
    expect(facts).to.contain('Today: 24 Nov 2026').and.contain('Pathway started: 3 Aug 2026').and.contain('Next due: Permanence Planning Meeting, 22 Oct 2026');
    expect(root(el).querySelector('.facts time')?.getAttribute('datetime')).to.equal('2026-11-24');
  });

  it('says each status in words, with a distinct shape for each', async () => {
    const el = await mount(sample());
    el.notApplicableShown = true;
    await el.updateComplete;
    const expected: [string, string, string][] = [
      ['gateway', 'Done on time', 'circle-filled'],
      ['initial-ppm', 'Done late', 'square-filled'],
      ['review-2', 'Overdue', 'triangle'],
      ['shobpa', 'Due soon', 'hourglass'],
      ['visit', 'Done too early', 'diamond-filled'],
      ['placement', 'Not yet due', 'circle'],
      ['early', 'Does not apply', 'dash'],
      ['further', 'Optional, not held', 'circle-dashed'],
    ];
    for (const [id, label, shape] of expected) {
      const status = row(el, `stage:${id}`)!.querySelector('.status-label')!;
      expect(squash(status.textContent), id).to.equal(label);
      expect(status.querySelector('svg')?.getAttribute('data-shape'), id).to.equal(shape);
      expect(status.querySelector('svg')?.getAttribute('aria-hidden'), id).to.equal('true');
    }
    expect(new Set(expected.map((e) => e[2])).size).to.equal(expected.length);
    expect(cell(el, 'stage:initial-ppm', 'status')).to.contain('3 days after the due date');
    expect(cell(el, 'stage:shobpa', 'status')).to.contain('in 6 days');
    expect(cell(el, 'stage:visit', 'status')).to.contain('7 days before the earliest date allowed');
    expect(cell(el, 'stage:visit', 'due')).to.contain('not before 1 Oct 2026');
  });

  it('marks due dates hollow and actual dates filled on the axis, with a today line on every row', async () => {
    const el = await mount(sample());
    expect(shapes(el, 'stage:initial-ppm', 'due')).to.deep.equal(['circle']);
    expect(shapes(el, 'stage:initial-ppm', 'done')).to.deep.equal(['square-filled']);
    expect(cell(el, 'stage:initial-ppm', 'due')).to.equal('17 Aug 2026');
    expect(cell(el, 'stage:initial-ppm', 'done')).to.equal('20 Aug 2026');
    const time = row(el, 'stage:initial-ppm')!.querySelector('.done time')!;
    expect(time.getAttribute('datetime')).to.equal('2026-08-20');
    const due = row(el, 'stage:initial-ppm')!.querySelector<HTMLElement>('.mark-due')!;
    const done = row(el, 'stage:initial-ppm')!.querySelector<HTMLElement>('.mark-done')!;
    expect(parseFloat(due.style.left)).to.be.lessThan(parseFloat(done.style.left));
    expect(row(el, 'stage:initial-ppm')!.querySelector('.bar-late')).to.exist;

    const flag = root(el).querySelector<HTMLElement>('.today-flag')!;
    expect(squash(flag.textContent)).to.equal('Today 24 Nov 2026');
    const lines = [...root(el).querySelectorAll<HTMLElement>('tbody .today-line')];
    expect(lines.length).to.equal(root(el).querySelectorAll('tbody tr[data-key]').length);
    expect(new Set(lines.map((l) => l.style.left))).to.deep.equal(new Set([flag.style.left]));
    expect(parseFloat(flag.style.left)).to.be.greaterThan(0).and.lessThan(100);
  });

  it('shows an overdue stage with a warning shape and how long it is overdue', async () => {
    const el = await mount(sample());
    expect(cell(el, 'stage:review-2', 'status')).to.equal('Overdue 5 days past the due date');
    expect(cell(el, 'stage:review-2', 'done')).to.equal('Not recorded');
    expect(shapes(el, 'stage:review-2', 'due')).to.deep.equal(['triangle']);
    expect(row(el, 'stage:review-2')!.querySelector('.bar-overdue')).to.exist;
  });

  it('shows conflicting dates in words and as a double marker', async () => {
    const el = await mount(sample());
    expect(cell(el, 'stage:review-1', 'status')).to.contain('Conflicting dates recorded');
    expect(cell(el, 'stage:review-1', 'done')).to.equal(`27 Aug 2026 or ${formatShortDate('2026-09-02')}`);
    expect(shapes(el, 'stage:review-1', 'conflict')).to.deep.equal(['double']);
    expect(shapes(el, 'stage:review-1', 'done')).to.deep.equal(['circle-filled']);
  });

  it('shows the repeats of a recurring stage on its row and as text', async () => {
    const el = await mount(sample());
    expect(shapes(el, 'stage:ppm', 'repeat-done')).to.deep.equal(['circle-filled']);
    expect(shapes(el, 'stage:ppm', 'repeat-due')).to.deep.equal(['circle', 'triangle']);
    const details = row(el, 'stage:ppm')!.querySelector('details')!;
    expect(squash(details.querySelector('summary')?.textContent)).to.equal('Repeats: 2 expected, 1 held, 1 overdue or missed');
    const sept10 = formatShortDate('2026-09-10'); // "10 Sept 2026" in current ICU data, "10 Sep 2026" in older
    expect(squash(details.querySelector('ol')?.textContent)).to.contain(`Due 1 Oct 2026, held ${sept10}: Done on time`);
    expect(cell(el, 'stage:ppm', 'done')).to.equal(`${sept10} latest held`);
  });

  it('lists PPM actions in their own group', async () => {
    const el = await mount(sample());
    const groups = [...root(el).querySelectorAll('.group-row th')].map((th) => squash(th.textContent));
    expect(groups).to.deep.equal(['Decisions and actions from Permanence Planning Meetings']);
    expect(cell(el, 'action:m1:a1', 'stage')).to.equal('Start family finding Family finder, agreed at the PPM of 3 Nov 2026');
    expect(cell(el, 'action:m1:a1', 'status')).to.contain('Due soon').and.contain('due today');
  });

  it('lists findings red first, each with its date, rule and source', async () => {
    const el = await mount(sample());
    expect(squash(root(el).querySelector('#findings-title')?.textContent)).to.equal('Findings (3)');
    const headings = [...root(el).querySelectorAll('.finding-group h4')].map((h) => squash(h.textContent));
    expect(headings).to.deep.equal(['Red: needs action now (1)', 'Amber: needs attention soon (1)', 'Green: for information (1)']);
    const items = [...root(el).querySelectorAll('li.finding')];
    expect(items.map((li) => li.getAttribute('data-subject'))).to.deep.equal(['review-2', 'review-1', 'initial-ppm']);
    const red = squash(items[0]!.textContent);
    expect(red).to.contain('Red: Second review was due by 19 November 2026 and is not recorded.');
    expect(red).to.contain('Date: 19 Nov 2026');
    expect(red).to.contain('Rule: Second review within 12 weeks of the first review — Source: Warrington, Securing Permanence policy, 8.9');
    expect(items[0]!.querySelector('time')?.getAttribute('datetime')).to.equal('2026-11-19');
    expect(squash(items[1]!.querySelector('.rule')?.textContent)).to.equal('Source: Warrington, Securing Permanence policy, 8.9');
    expect(items.map((li) => li.querySelector('svg')?.getAttribute('data-shape'))).to.deep.equal(['triangle', 'hourglass', 'circle-filled']);
  });

  it('hides stages that do not apply behind a toggle', async () => {
    const el = await mount(sample());
    expect(row(el, 'stage:early')).to.equal(null);
    const toggle = root(el).querySelector<HTMLButtonElement>('#not-applicable-toggle')!;
    expect(squash(toggle.textContent)).to.equal('Show stages that do not apply (1)');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(cell(el, 'stage:early', 'status')).to.equal('Does not apply');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    toggle.click();
    await el.updateComplete;
    expect(row(el, 'stage:early')).to.equal(null);
  });

  it('shows the rule and source behind each date on request', async () => {
    const el = await mount(sample());
    expect(row(el, 'stage:review-2')!.querySelector('.rule')).to.equal(null);
    root(el).querySelector<HTMLButtonElement>('#rules-toggle')!.click();
    await el.updateComplete;
    expect(cell(el, 'stage:review-2', 'rule')).to.equal('Rule: Second review on time — Source: Warrington, Securing Permanence policy, 8.9');
  });

  it('zooms the axis to the months around today, with arrows for dates off it', async () => {
    const el = await mount(sample());
    const toggle = root(el).querySelector<HTMLButtonElement>('#zoom-toggle')!;
    expect(squash(toggle.textContent)).to.equal('Zoom the time axis to 3 months back and 6 ahead');
    expect(root(el).querySelectorAll('.edge').length).to.equal(0);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(squash(root(el).querySelector('caption')?.textContent)).to.contain('from 24 Aug 2026 to 24 May 2027');
    expect(row(el, 'stage:gateway')!.querySelector('.edge-before')).to.exist;
    expect(shapes(el, 'stage:gateway', 'done')).to.deep.equal([]);
    expect(shapes(el, 'stage:review-2', 'due')).to.deep.equal(['triangle']);
  });

  it('reaches the toggles from the keyboard, with a visible focus, and works them with Enter and Space', async () => {
    const el = await mount(sample());
    await sendKeys({ press: 'Tab' });
    const toggle = root(el).querySelector<HTMLButtonElement>('#not-applicable-toggle')!;
    expect(root(el).activeElement).to.equal(toggle);
    const style = getComputedStyle(toggle);
    expect(style.outlineStyle).to.equal('solid');
    expect(style.outlineWidth).to.equal('3px');
    expect(style.boxShadow).to.contain('6px');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement?.id).to.equal('rules-toggle');
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(root(el).activeElement?.getAttribute('aria-pressed')).to.equal('true');
  });

  it('gives the axis an accessible form: a captioned table with the graphic hidden', async () => {
    const el = await mount(sample());
    const table = root(el).querySelector('table')!;
    expect(squash(table.querySelector('caption')?.textContent)).to.contain('Each stage with its status').and.contain('on a time axis from');
    expect([...table.querySelectorAll('thead th[scope=col]')].map((th) => squash(th.textContent))).to.deep.equal(['Stage', 'Status', 'Due by', 'Done']);
    for (const track of table.querySelectorAll('.track')) expect(track.getAttribute('aria-hidden')).to.equal('true');
    expect(table.querySelectorAll('tbody th[scope=row]').length).to.equal(10);
  });

  it('has no serious or critical axe-core findings', async () => {
    const el = await mount(sample());
    el.notApplicableShown = true;
    el.rulesShown = true;
    await el.updateComplete;
    row(el, 'stage:ppm')!.querySelector('details')!.open = true;
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

describe('<plan-timeline> live from the open plan', () => {
  afterEach(() => document.body.replaceChildren());

  const forms = defaultForms(templates);
  const spec = planSpec(forms);

  function adoptionPlan(pathwayId = 'pathway-adoption'): Plan {
    const ctx = fixedContext('Asha Patel', 'a');
    const doc = createPlanDoc(
      spec,
      { childId: 'c1', templates: [], child: { name: 'Sky Example', jurisdiction: 'England', proceedings: 'Care proceedings', multiTrack: true }, pathwayId },
      ctx,
    );
    return new Plan(doc, spec, ctx);
  }

  async function mountLive(plan: Plan, today: string): Promise<PlanTimeline> {
    const el = document.createElement('plan-timeline');
    el.today = today;
    await provide(el, { plan: openPlanFor(plan, forms) });
    return el;
  }

  it('evaluates the plan from the context and updates as stages are recorded, here and on another replica', async () => {
    const plan = adoptionPlan();
    plan.recordStage('legal-gateway', '2026-08-03');
    const el = await mountLive(plan, '2026-08-20');
    expect(squash(root(el).querySelector('h2')?.textContent)).to.equal('Timeline: Permanence pathway: adoption');
    expect(squash(root(el).querySelector('.facts')?.textContent)).to.contain('Child: Sky Example').and.contain('Pathway started: 3 Aug 2026');
    expect(cell(el, 'stage:legal-planning-meeting', 'status-label')).to.equal('Overdue');
    expect(cell(el, 'stage:legal-planning-meeting', 'due')).to.equal('10 Aug 2026');

    plan.recordStage('legal-planning-meeting', '2026-08-07');
    await el.updateComplete;
    expect(cell(el, 'stage:legal-planning-meeting', 'status-label')).to.equal('Done on time');
    expect(cell(el, 'stage:legal-planning-meeting', 'done')).to.equal('7 Aug 2026');

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(plan.doc));
    new Plan(other, spec, fixedContext('Ben Okafor', 'b')).recordStage('multi-track-decision', '2026-08-12');
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(other));
    await el.updateComplete;
    expect(cell(el, 'stage:multi-track-decision', 'status-label')).to.equal('Done late');

    el.today = '2026-08-05';
    await el.updateComplete;
    expect(cell(el, 'stage:family-finder-allocated', 'status-label')).to.equal('Due soon');

    const host = el.parentElement!;
    el.remove();
    plan.recordStage('family-finder-allocated', '2026-08-04');
    host.append(el);
    await el.updateComplete;
    expect(cell(el, 'stage:family-finder-allocated', 'status-label')).to.equal('Done on time');
    expect(squash(root(el).querySelector('.today-flag')?.textContent)).to.equal('Today 5 Aug 2026');
  });

  it('takes a plan set directly, and says when it names no pathway the board knows', async () => {
    const el = document.createElement('plan-timeline');
    const host = await provide(el, { plan: openPlanFor(adoptionPlan('pathway-unknown'), forms) });
    expect(squash(root(el).querySelector('[role=status]')?.textContent)).to.contain('does not name a pathway the board knows');
    host.plan = openPlanFor(adoptionPlan(), forms);
    await el.updateComplete;
    expect(root(el).querySelector('h2')).to.exist;
  });

  it("shows the demo plan in the workspace's timeline part, with done, late, due soon, overdue and conflicting items", async () => {
    const { demoPlan } = await import('../../testing/demo-plan.ts');
    await import('../../app/workspace-elements.ts');
    const app = document.createElement('workspace-page');
    app.section = 'timeline';
    await provide(app, { plan: demoPlan() });
    const el = app.shadowRoot!.querySelector<PlanTimeline>('.part plan-timeline')!;
    el.today = '2026-11-24';
    await el.updateComplete;
    const statuses = new Set([...root(el).querySelectorAll('tr[data-key] .status-label')].map((s) => squash(s.textContent)));
    for (const s of ['Done on time', 'Done late', 'Due soon', 'Overdue']) expect(statuses, s).to.include(s);
    expect(root(el).querySelector('.mark-conflict')).to.exist;
    expect(squash(root(el).querySelector('.facts')?.textContent)).to.contain('Child: Rowan Example').and.contain('Pathway started: 3 Aug 2026');
  });

  it('says when no plan is open', async () => {
    const el = document.createElement('plan-timeline');
    document.body.append(el);
    await el.updateComplete;
    expect(squash(root(el).textContent)).to.equal('No plan is open.');
  });
});

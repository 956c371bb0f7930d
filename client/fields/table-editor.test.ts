/// <reference types="mocha" />
import { expect } from 'chai';
import { fixedContext } from '../../model/context.ts';
import { Plan } from '../../model/plan.ts';
import type { TableView } from '../../model/record-view.ts';
import { axeViolations } from '../testing/axe.ts';
import { demoPlan } from '../testing/demo-plan.ts';
import { wireDocs } from '../testing/wired-docs.ts';
import { addLabelOf, PlanTableEditor } from './table-editor.ts';

function twoPeople(): { mine: Plan; theirs: Plan; wire: ReturnType<typeof wireDocs>; meetingId: string } {
  const open = demoPlan(true);
  const mine = new Plan(open.plan.doc, open.plan.spec, fixedContext('asha.patel', 'mine'));
  const wire = wireDocs(open.plan.doc);
  const theirs = new Plan(wire.b, open.plan.spec, fixedContext('sam.lee', 'theirs'));
  return { mine, theirs, wire, meetingId: mine.latestMeeting()!.meeting.id };
}

async function mount(plan: Plan, meetingId: string): Promise<PlanTableEditor> {
  const el = document.createElement('plan-table-editor');
  const meeting = plan.ppms.row(meetingId)!;
  el.record = meeting;
  el.table = meeting.spec.tables.find((t) => t.id === 'decisions')!;
  el.planPart = 'ppms';
  el.label = 'Decisions of this meeting';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const decisions = (plan: Plan, meetingId: string): TableView => plan.ppms.row(meetingId)!.table('decisions');
const texts = (plan: Plan, meetingId: string): string[] => decisions(plan, meetingId).rows().map((r) => r.text('decision').toString());
const button = (el: PlanTableEditor, name: string): HTMLButtonElement =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === name)!;
const legends = (el: PlanTableEditor): string[] => [...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent.trim());

async function settle(el: PlanTableEditor): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
}

describe('<plan-table-editor>', () => {
  afterEach(() => document.body.replaceChildren());

  it('adds a row named by the table, with every cell an editor labelled by its column and placed by its path', async () => {
    const { mine, theirs, meetingId } = twoPeople();
    const el = await mount(mine, meetingId);
    expect(el.shadowRoot!.querySelector('h4')!.textContent).to.equal('Decisions of this meeting');
    expect(legends(el)).to.deep.equal(['Decision 1', 'Decision 2']);
    button(el, 'Add a decision').click();
    await settle(el);
    expect(legends(el)).to.deep.equal(['Decision 1', 'Decision 2', 'Decision 3']);
    expect(decisions(theirs, meetingId).length).to.equal(3);
    const row = el.shadowRoot!.querySelectorAll('li.row')[2]!;
    const rowId = decisions(mine, meetingId).rows()[2]!.id;
    expect(row.getAttribute('data-row-id')).to.equal(rowId);
    const text = row.querySelector('plan-text-field')!;
    expect(text.dataset['fieldPath']).to.equal(`ppms/${meetingId}/decisions.decision`);
    expect(text.dataset['rowId']).to.equal(rowId);
    await text.updateComplete;
    const ta = text.shadowRoot!.querySelector('textarea')!;
    expect(text.shadowRoot!.activeElement).to.equal(ta); // focus moved into the new row
    ta.value = 'Book the adoption medical.';
    ta.dispatchEvent(new InputEvent('input'));
    expect(texts(theirs, meetingId)[2]).to.equal('Book the adoption medical.');
    const labels = [...row.querySelectorAll('plan-text-field, plan-register-field')].map((f) => (f as HTMLElement & { label: string }).label);
    expect(labels).to.deep.equal(['Decision', 'Reason', 'Person / agency responsible', 'Target date', 'Date completed']);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('keeps rows added at once by two people, one of them offline', async () => {
    const { mine, theirs, wire, meetingId } = twoPeople();
    const el = await mount(mine, meetingId);
    wire.pause();
    decisions(mine, meetingId).insert({ decision: 'Mine' });
    decisions(theirs, meetingId).insert({ decision: 'Theirs' });
    wire.resume();
    await settle(el);
    expect(legends(el)).to.have.length(4);
    expect(texts(mine, meetingId).slice(2).sort()).to.deep.equal(['Mine', 'Theirs']);
    expect(texts(theirs, meetingId)).to.deep.equal(texts(mine, meetingId));
  });

  it('moves a row up and down from the keyboard, the focus following it', async () => {
    const { mine, theirs, meetingId } = twoPeople();
    const el = await mount(mine, meetingId);
    const [first, second] = texts(mine, meetingId);
    expect(button(el, 'Move up: Decision 1')).to.equal(undefined);
    button(el, 'Move up: Decision 2').click();
    await settle(el);
    expect(texts(theirs, meetingId)).to.deep.equal([second, first]);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Move down: Decision 1');
    button(el, 'Move down: Decision 1').click();
    await settle(el);
    expect(texts(theirs, meetingId)).to.deep.equal([first, second]);
  });

  it('removes a row to "Removed rows", from which it is restored where it was with its values', async () => {
    const { mine, theirs, meetingId } = twoPeople();
    const el = await mount(mine, meetingId);
    const before = decisions(mine, meetingId).toJSON();
    button(el, 'Remove: Decision 1').click();
    await settle(el);
    expect(decisions(theirs, meetingId).length).to.equal(1);
    const summary = el.shadowRoot!.querySelector('summary')!;
    expect(summary.textContent).to.equal('Removed rows (1)');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('removed');
    el.shadowRoot!.querySelector('details')!.open = true;
    const restore = [...el.shadowRoot!.querySelectorAll('details button')][0] as HTMLButtonElement;
    expect(restore.getAttribute('aria-label')).to.match(/^Restore: Decision 1: “Complete the viability assessment/);
    restore.click();
    await settle(el);
    expect(decisions(theirs, meetingId).toJSON()).to.deep.equal(before);
    expect(el.shadowRoot!.querySelector('details')).to.equal(null);
  });

  it('words the add button from the table', () => {
    const table = { id: 't', label: 'Introduction days', columns: [{ id: 'c', label: 'C', kind: 'text' as const }] };
    expect(addLabelOf(table)).to.equal('Add a row to Introduction days');
    expect(addLabelOf({ ...table, rowName: 'introduction day' })).to.equal('Add an introduction day');
  });
});

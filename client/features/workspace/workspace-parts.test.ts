/// <reference types="mocha" />
import { expect } from 'chai';
import * as Y from 'yjs';
import { answerOf } from '../../../model/assurance.ts';
import { fixedContext } from '../../../model/context.ts';
import { restrictedRecord, createRestrictedDoc } from '../../../model/restricted.ts';
import '../../app/workspace-elements.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';
import { demoPlan } from '../../testing/demo-plan.ts';
import { provide } from '../../testing/test-contexts.ts';
import { emptyPlan, twoPeople } from '../../testing/workspace-plans.ts';
import type { WorkspaceTarget } from './workspace-sections.ts';

const EDIT = { phase: 'saved', readOnly: false } as const;
const READ = { phase: 'saved', readOnly: true } as const;

async function mount<K extends keyof HTMLElementTagNameMap>(tag: K, values: Parameters<typeof provide>[1]): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  await provide(el, values);
  return el;
}

const sr = (el: Element): ShadowRoot => el.shadowRoot!;
const labelled = (root: ShadowRoot, text: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement => {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent.replace(/\s+/g, ' ').trim() === text);
  if (!label) throw new Error(`no control labelled "${text}"`);
  return root.getElementById(label.htmlFor) as HTMLInputElement;
};
const change = (control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void => {
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('<workspace-meetings>', () => {
  afterEach(() => document.body.replaceChildren());

  it('lists every meeting, latest first, and shows the latest through <plan-form>', async () => {
    const el = await mount('workspace-meetings', { plan: demoPlan(), sync: EDIT });
    const rows = [...sr(el).querySelectorAll('tbody th a')].map((a) => a.textContent);
    expect(rows).to.deep.equal(['Meeting of 3 November 2026', 'Meeting of 14 October 2026', 'Meeting of 16 September 2026', 'Meeting of 19 August 2026']);
    expect(sr(el).querySelector('plan-form')!.getAttribute('form-part')).to.equal('ppm');
    expect(sr(el).querySelector('#meeting-title')!.textContent).to.equal('Meeting of 3 November 2026');
  });

  it('starts a new meeting as a new PPM record and asks to open it', async () => {
    const open = demoPlan();
    const el = await mount('workspace-meetings', { plan: open, sync: EDIT });
    const asked: WorkspaceTarget[] = [];
    el.addEventListener('workspace-navigate', (e) => asked.push(e.detail));
    const before = open.plan.ppms.length;
    sr(el).querySelector<HTMLButtonElement>('button')!.click();
    expect(open.plan.ppms.length).to.equal(before + 1);
    const id = open.plan.ppms.rows().at(-1)!.id;
    expect(asked).to.deep.equal([{ section: 'meetings', meetingId: id }]);
    el.meetingId = id;
    await el.updateComplete;
    // Dated today by the plan's clock (startNextMeeting), and so the latest meeting.
    expect(sr(el).querySelector('#meeting-title')!.textContent).to.match(/^Meeting of \d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(sr(el).querySelector('#meeting-title')!.hasAttribute('data-focus-first')).to.equal(true);
  });

  it('offers no "Start a new meeting" to a read-only person', async () => {
    const el = await mount('workspace-meetings', { plan: demoPlan(), sync: READ });
    expect(sr(el).querySelector('button')).to.equal(null);
  });
});

describe('<workspace-roles>', () => {
  afterEach(() => document.body.replaceChildren());

  it("shows one person's change of who holds a role in the other person's page", async () => {
    const [a, b] = twoPeople();
    const mine = await mount('workspace-roles', { plan: a, sync: EDIT });
    const theirs = await mount('workspace-roles', { plan: b, sync: EDIT });
    const title = a.plan.roles.rows()[0]!.value('role') as string;
    change(labelled(sr(mine), `${title}: Held by`), 'Ada Fictional');
    await theirs.updateComplete;
    expect(labelled(sr(theirs), `${title}: Held by`).value).to.equal('Ada Fictional');
    expect(b.plan.roles.rows()[0]!.get('holder').current!.by).to.equal('Test: Ada Fictional (Social Worker)');
    expect(labelled(sr(mine), `${title}: Responsible for`).value).to.contain('•');
    expect(await axeViolations(mine)).to.deep.equal([]);
  });

  it('is text only for a read-only person', async () => {
    const el = await mount('workspace-roles', { plan: demoPlan(), sync: READ });
    expect(sr(el).querySelectorAll('input, textarea, select').length).to.equal(0);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

describe('<workspace-stages>', () => {
  afterEach(() => document.body.replaceChildren());

  it('says where a stage recorded by another part is recorded, with a link there, and no date input', async () => {
    const el = await mount('workspace-stages', { plan: demoPlan(), sync: EDIT });
    el.childId = 'demo-1';
    await el.updateComplete;
    const row = [...sr(el).querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent.includes('Initial Permanence Planning Meeting'))!;
    expect(shadowText(row.querySelector('td')!)).to.equal('Recorded in the PPM of 19 August 2026.');
    expect(row.querySelector('a')!.getAttribute('href')).to.match(/^\/children\/demo-1\/meetings\/.+/);
    expect(row.querySelector('input')).to.equal(null);
  });

  it('records a stage with its date and note, shown with who recorded it', async () => {
    const open = emptyPlan('pathway-adoption');
    const el = await mount('workspace-stages', { plan: open, sync: EDIT });
    const row = [...sr(el).querySelectorAll('tbody tr')].find((r) => r.querySelector('input[type=date]'))!;
    row.querySelector('details')!.open = true;
    row.querySelector<HTMLInputElement>('input[type=date]')!.value = '2026-11-02';
    row.querySelector<HTMLTextAreaElement>('textarea')!.value = 'Agreed at supervision.';
    row.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(open.plan.stages.length).to.equal(1);
    expect(shadowText(row.querySelector('.records')!)).to.match(/^2 November 2026, recorded by Test: Ada Fictional \(Social Worker\) \(.+\): Agreed at supervision\.$/);
  });

  it('lets an editor choose the pathway of a plan that has none', async () => {
    const open = emptyPlan();
    const el = await mount('workspace-stages', { plan: open, sync: EDIT });
    change(labelled(sr(el), 'Pathway'), 'pathway-adoption');
    await el.updateComplete;
    expect(sr(el).querySelector('#stages-title')!.textContent).to.equal('Permanence pathway: adoption');
  });
});

describe('<workspace-assurance>', () => {
  afterEach(() => document.body.replaceChildren());

  it("shows the adoption task list and the CPR checklist for the adoption pathway; an answer reaches the other person's page", async () => {
    const [a, b] = twoPeople();
    const mine = await mount('workspace-assurance', { plan: a, sync: EDIT });
    const theirs = await mount('workspace-assurance', { plan: b, sync: EDIT });
    expect([...sr(mine).querySelectorAll('h3')].map((h) => h.textContent)).to.deep.equal(['Adoption planning task list', 'Child Permanence Report (CPR) quality assurance audit']);
    const select = sr(mine).querySelector<HTMLSelectElement>('#cpr-checklist-general-up-to-date-answer')!;
    change(select, 'Partly');
    change(sr(mine).querySelector<HTMLTextAreaElement>('#cpr-checklist-general-up-to-date-comment')!, 'Update the chronology.');
    await theirs.updateComplete;
    expect(sr(theirs).querySelector<HTMLSelectElement>('#cpr-checklist-general-up-to-date-answer')!.value).to.equal('Partly');
    expect(answerOf(b.plan, 'cpr-checklist', 'general/up-to-date').record!.text('comment').toString()).to.equal('Update the chronology.');
    expect(shadowText(sr(theirs).querySelector('details.group:nth-of-type(1) summary') ?? sr(theirs).querySelector('summary')!)).to.contain('answered');
    expect(await axeViolations(mine)).to.deep.equal([]);
  });

  it('shows nothing to answer for a pathway that uses no list', async () => {
    const el = await mount('workspace-assurance', { plan: emptyPlan('pathway-reunification'), sync: EDIT });
    expect(shadowText(el)).to.equal("The child's pathway uses no task list or checklist.");
  });
});

describe('<workspace-contingency> and <workspace-introduction>', () => {
  afterEach(() => document.body.replaceChildren());

  it('shows the options compared beside the contingency plan, the pathway’s own options first and said so', async () => {
    const el = await mount('workspace-contingency', { plan: demoPlan(), sync: EDIT });
    expect(sr(el).querySelector('plan-form')!.getAttribute('form-part')).to.equal('contingency');
    const first = sr(el).querySelector('aside details summary')!;
    expect(shadowText(first)).to.contain("On this child's pathway");
    expect(sr(el).querySelectorAll('aside details').length).to.be.greaterThan(4);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows the 3-working-day check beside the introduction plan once introductions are planned', async () => {
    const open = emptyPlan('pathway-adoption');
    const el = await mount('workspace-introduction', { plan: open, sync: EDIT });
    el.today = '2026-11-20';
    expect(shadowText(sr(el).querySelector('aside')!)).to.contain('3 working days');
    open.plan.introduction.set('introductionsStartDate', '2026-12-07');
    await el.updateComplete;
    const check = sr(el).querySelector('aside li')!;
    expect(shadowText(check)).to.contain('Final introduction plan circulated').and.match(/Due by ?2 December 2026/).and.contain('Not recorded');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

describe('<workspace-restricted>', () => {
  afterEach(() => document.body.replaceChildren());

  function restricted(): ReturnType<typeof restrictedRecord> {
    const ctx = fixedContext('Test: Ada Fictional (Social Worker)', 'r');
    const doc: Y.Doc = createRestrictedDoc('c-1', [], ctx);
    return restrictedRecord(doc, ctx);
  }

  it('is marked confidential, and edits its own document only', async () => {
    const record = restricted();
    const open = demoPlan();
    const before = Y.encodeStateAsUpdate(open.plan.doc);
    const el = await mount('workspace-restricted', { plan: open, sync: EDIT, restricted: { status: 'ready', record, readOnly: false } });
    expect(shadowText(sr(el).querySelector('.confidential')!)).to.match(/^Confidential/);
    change(labelled(sr(el), 'Placement address'), '1 Fictional Row');
    sr(el).querySelector<HTMLButtonElement>('button.secondary:not(.small)')!.click();
    await el.updateComplete;
    expect(record.text('placementAddress').toString()).to.equal('1 Fictional Row');
    expect(record.table('prospectiveAdopters').length).to.equal(1);
    expect(Y.encodeStateAsUpdate(open.plan.doc)).to.deep.equal(before);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('is text only when read only, and says why it cannot open', async () => {
    const el = await mount('workspace-restricted', { sync: READ, restricted: { status: 'ready', record: restricted(), readOnly: true } });
    expect(sr(el).querySelectorAll('input, textarea, select, button').length).to.equal(0);
    const ended = await mount('workspace-restricted', { restricted: { status: 'ended', message: 'You do not have access.' } });
    expect(shadowText(sr(ended).querySelector('[role=alert]')!)).to.equal('You do not have access.');
  });
});

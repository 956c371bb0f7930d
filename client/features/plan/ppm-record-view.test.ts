/// <reference types="mocha" />
import { expect } from 'chai';
import * as Y from 'yjs';
import { fixedContext } from '../../../model/context.ts';
import { Plan } from '../../../model/plan.ts';
import { testContingency, testIntroduction, testPpm, testSpec } from '../../../model/testing/forms.ts';
import { createPlanDoc } from '../../../model/plan.ts';
import { templates } from '../../../templates/index.ts';
import { defaultForms } from '../../../model/template/registry.ts';
import { planSpec } from '../../../model/plan-spec.ts';
import { openPlanFor, provide } from '../../testing/test-contexts.ts';
import './ppm-record-view.ts';
import type { PpmRecordView } from './ppm-record-view.ts';

function makePlan(): Plan {
  const ctx = fixedContext('Asha Patel', 'a');
  const doc = createPlanDoc(testSpec, { childId: 'c1', templates: [], child: { name: 'Rowan Example', religion: 'None stated' } }, ctx);
  return new Plan(doc, testSpec, ctx);
}

async function mount(plan: Plan): Promise<PpmRecordView> {
  const el = document.createElement('ppm-record-view');
  await provide(el, { plan: openPlanFor(plan, { ppm: testPpm, contingency: testContingency, introduction: testIntroduction }) });
  return el;
}

/** The template-driven form the record is laid out by, inside the view. */
const form = (el: PpmRecordView): ShadowRoot => el.shadowRoot!.querySelector('plan-form')!.shadowRoot!;

/** The view's text, the form's included. */
const text = (el: PpmRecordView): string => `${el.shadowRoot!.textContent} ${form(el).textContent}`.replace(/\s+/g, ' ');

/** The shown value of the field labelled `label` (the <dd> after its <dt>). */
function valueOf(el: PpmRecordView, label: string): string | undefined {
  const dt = [...form(el).querySelectorAll('dt')].find((d) => d.textContent === label);
  return dt?.nextElementSibling?.textContent?.trim();
}

describe('<ppm-record-view>', () => {
  afterEach(() => document.body.replaceChildren());

  it('says when no meeting is recorded, and shows the child details', async () => {
    const el = await mount(makePlan());
    expect(text(el)).to.contain('No meeting has been recorded for this child yet.');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.contain('Rowan Example');
    expect(valueOf(el, 'Religion')).to.equal('None stated');
  });

  it('renders the latest meeting with its fields and tables', async () => {
    const plan = makePlan();
    plan.addMeeting({ significantEvents: 'old meeting' });
    const id = plan.addMeeting({ meetingType: 'Permanence Care Planning Meeting', iroConsulted: true, significantEvents: 'Rowan started nursery.' });
    plan.ppms.row(id)!.table('decisions').insert({ decision: 'Refer to family finding', responsible: 'Family finder', targetDate: '2026-03-02' });
    const el = await mount(plan);
    expect(text(el)).to.contain('Meeting 2 of 2');
    expect(text(el)).to.contain('Rowan started nursery.');
    expect(text(el)).not.to.contain('old meeting');
    expect(valueOf(el, 'Has the IRO been consulted?')).to.equal('Yes');
    const cells = [...form(el).querySelectorAll('tbody td')].map((td) => td.textContent.trim());
    expect(cells).to.deep.equal(['Refer to family finding', 'Not recorded', 'Family finder', '2 March 2026']);
    expect([...form(el).querySelectorAll('th[scope=col]')].map((th) => th.textContent)).to.deep.equal([
      'Decision', 'Reason', 'Person / agency responsible', 'Target date',
    ]);
  });

  it('shows the latest meeting by date of meeting, as the printed minutes do, whatever the order they were added in', async () => {
    const plan = makePlan();
    plan.addMeeting({ meetingDate: '2026-10-14', significantEvents: 'October meeting.' });
    plan.addMeeting({ meetingDate: '2026-09-01', significantEvents: 'September meeting, typed up late.' });
    const el = await mount(plan);
    expect(text(el)).to.contain('Meeting 1 of 2');
    expect(text(el)).to.contain('October meeting.');
    expect(text(el)).not.to.contain('September meeting');
  });

  it('updates live when the document changes, including from another replica', async () => {
    const plan = makePlan();
    const id = plan.addMeeting({ significantEvents: 'First.' });
    const el = await mount(plan);
    plan.ppms.row(id)!.text('significantEvents').insert(6, ' Second.');
    await el.updateComplete;
    expect(text(el)).to.contain('First. Second.');

    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(plan.doc));
    new Plan(other, testSpec, fixedContext('Ben Okafor', 'b')).child.set('religion', 'Buddhist');
    plan.child.set('religion', 'Christian');
    Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(other));
    await el.updateComplete;
    const conflict = form(el).querySelector('.conflict');
    expect(conflict, 'conflict note').to.exist;
    expect(conflict!.getAttribute('role')).to.equal('note');
    expect(conflict!.textContent).to.contain('Christian').and.contain('Buddhist').and.contain('Ben Okafor').and.contain('Asha Patel');
  });

  it('takes the plan from @lit/context and renders the shipped PPM template', async () => {
    const forms = defaultForms(templates);
    const spec = planSpec(forms);
    const ctx = fixedContext('Asha Patel', 'a');
    const plan = new Plan(createPlanDoc(spec, { childId: 'c2', templates: [], child: { name: 'Sky Example' } }, ctx), spec, ctx);
    plan.addMeeting({ meetingDate: '2026-02-03', childView: 'Sky wants to stay at school.' });
    const el = document.createElement('ppm-record-view');
    await provide(el, { plan: openPlanFor(plan, forms) });
    expect(text(el)).to.contain('held on 3 February 2026');
    expect(text(el)).to.contain('Sky wants to stay at school.');
    const headings = [...form(el).querySelectorAll('h3')].map((h) => h.textContent.trim());
    expect(headings.length).to.equal(forms.ppm.sections.length);
    for (const caption of ['People Involved in Developing this Plan']) {
      expect([...form(el).querySelectorAll('caption')].map((c) => c.textContent)).to.include(caption);
    }
  });
});

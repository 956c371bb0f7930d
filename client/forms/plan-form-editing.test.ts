/// <reference types="mocha" />
import { expect } from 'chai';
import { fixedContext } from '../../model/context.ts';
import { startNextMeeting } from '../../model/next-meeting.ts';
import { Plan } from '../../model/plan.ts';
import { axeViolations } from '../testing/axe.ts';
import { demoPlan } from '../testing/demo-plan.ts';
import { provide } from '../testing/test-contexts.ts';
import { wireDocs } from '../testing/wired-docs.ts';
import { OTHER_CHILD_DETAILS, PlanForm, READ_ONLY_NOTE, THIS_MEETING_DECISIONS, type FormPart } from './plan-form.ts';

async function mount(part: FormPart, canEdit: boolean, open = demoPlan(canEdit)): Promise<PlanForm> {
  const el = document.createElement('plan-form');
  el.formPart = part;
  await provide(el, { plan: { ...open, canEdit } });
  await settle(el);
  return el;
}

async function settle(el: PlanForm): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
}

const root = (el: PlanForm): ShadowRoot => el.shadowRoot!;

/** Every element the person can tab to or type in, through the fields' shadow roots. */
function focusables(node: ParentNode): Element[] {
  const found: Element[] = [];
  for (const e of node.querySelectorAll('*')) {
    if (e.matches('input, select, textarea, button, [tabindex], summary, a[href]')) found.push(e);
    if (e.shadowRoot) found.push(...focusables(e.shadowRoot));
  }
  return found;
}

/** The field element (text or single-valued) whose label is `label`. */
function field(el: PlanForm, label: string): HTMLElement & { label: string; updateComplete: Promise<boolean> } {
  const all = [...root(el).querySelectorAll('plan-text-field, plan-register-field')] as (HTMLElement & { label: string; updateComplete: Promise<boolean> })[];
  const found = all.find((f) => f.label === label);
  if (!found) throw new Error(`no field labelled "${label}"`);
  return found;
}

describe('<plan-form> editable', () => {
  afterEach(() => document.body.replaceChildren());

  it('lays out every field of every template as a labelled editor, placed by its path', async () => {
    for (const part of ['ppm', 'contingency', 'introduction', 'child'] as const) {
      const open = demoPlan(true);
      const el = await mount(part, true, open);
      const template = part === 'child' ? open.forms.ppm : open.forms[part];
      const record = part === 'ppm' ? open.plan.latestMeeting()!.meeting : part === 'child' ? open.plan.child : open.plan[part];
      for (const section of template.sections.filter((s) => part !== 'child' || s.scope === 'child')) {
        for (const f of section.fields) {
          const found = field(el, f.label);
          const owner = section.scope === 'child' ? open.plan.child : record;
          expect(found.dataset['fieldPath']).to.equal(`${section.scope === 'child' ? 'child' : { ppm: 'ppms', contingency: 'contingency', introduction: 'introduction', child: 'child' }[part]}/${owner.id}/${f.id}`);
        }
        expect(section.tables.length).to.equal(section.tables.filter((t) => [...root(el).querySelectorAll('plan-table-editor')].some((e) => e.table?.id === t.id)).length);
      }
      expect(root(el).textContent).not.to.contain(READ_ONLY_NOTE);
      document.body.replaceChildren();
    }
  });

  it('edits the child’s details, including those no template section holds, live for the other person', async () => {
    const open = demoPlan(true);
    const wire = wireDocs(open.plan.doc);
    const theirs = new Plan(wire.b, open.plan.spec, fixedContext('sam.lee', 't'));
    const el = await mount('child', true, open);
    expect([...root(el).querySelectorAll('h3')].map((h) => h.textContent)).to.contain(OTHER_CHILD_DETAILS);
    const religion = field(el, 'Religion');
    const input = religion.shadowRoot!.querySelector('input')!;
    input.value = 'None stated';
    input.dispatchEvent(new Event('change'));
    expect(theirs.child.value('religion')).to.equal('None stated');
    const proceedings = field(el, open.plan.child.spec.fields.find((f) => f.id === 'proceedings')!.label);
    const select = proceedings.shadowRoot!.querySelector('select')!;
    select.value = 'Pre-proceedings (PLO)';
    select.dispatchEvent(new Event('change'));
    expect(theirs.childFacts().proceedings).to.equal('Pre-proceedings (PLO)');
  });

  it('labels a meeting’s decisions as its own, after the previous actions carried forward from the meeting before', async () => {
    const open = demoPlan(true);
    const previous = open.plan.latestMeeting()!.meeting;
    startNextMeeting(open.plan, { meetingDate: '2026-12-08' });
    const el = await mount('ppm', true, open);
    const editor = [...root(el).querySelectorAll('plan-table-editor')].find((e) => e.table?.id === 'decisions')!;
    await editor.updateComplete;
    expect(editor.shadowRoot!.querySelector('h4')!.textContent).to.equal(THIS_MEETING_DECISIONS);
    expect(editor.shadowRoot!.textContent).not.to.contain('Decisions taken at Last Review');
    const previousList = root(el).querySelector('plan-previous-actions')!;
    await previousList.updateComplete;
    const list = previousList.shadowRoot!;
    expect(list.querySelector('#previous-actions')!.textContent).to.equal('Previous actions (from the meeting of 3 Nov 2026)');
    const actions = [...list.querySelectorAll('.previous-action')];
    expect(actions.map((a) => a.querySelector('.action-text')!.textContent)).to.deep.equal([
      'Complete the viability assessment of the maternal grandmother.',
      'Start early family finding in parallel.',
    ]);
    // Recording one done writes the earlier meeting's row (one action, one record) and it leaves the list.
    const done = actions[0]!.querySelector('plan-register-field')!;
    expect(done.dataset['fieldPath']).to.equal(`ppms/${previous.id}/decisions.completedDate`);
    const date = done.shadowRoot!.querySelector('input')!;
    date.value = '2026-12-01';
    date.dispatchEvent(new Event('change'));
    await settle(el);
    expect(previous.table('decisions').rows()[0]!.value('completedDate')).to.equal('2026-12-01');
    expect(list.querySelectorAll('.previous-action')).to.have.length(1);
    // Typing in this meeting's own fields does not lay the list out again.
    let renders = 0;
    const render = previousList.render.bind(previousList);
    previousList.render = () => {
      renders++;
      return render();
    };
    open.plan.latestMeeting()!.meeting.replaceText('significantEvents', 'Settled.');
    await settle(el);
    expect(renders).to.equal(0);
    previous.table('decisions').rows()[1]!.replaceText('decision', 'Start early family finding now.');
    await settle(el);
    expect(renders).to.equal(1);
    expect(list.querySelector('.action-text')!.textContent).to.equal('Start early family finding now.');
  });

  it('suggests the people the plan already names in a person field', async () => {
    const open = demoPlan(true);
    open.plan.roles.rows()[0]!.set('holder', 'Morgan Reed');
    const el = await mount('contingency', true, open);
    const owner = field(el, 'Person responsible for the primary plan');
    await owner.updateComplete;
    const options = [...owner.shadowRoot!.querySelectorAll('datalist option')].map((o) => (o as HTMLOptionElement).value);
    expect(options).to.deep.equal(['Asha Patel', 'Kai Fictional', 'Morgan Reed']);
    expect(owner.shadowRoot!.querySelector('input')!.getAttribute('list')).to.equal('people');
  });

  it('has no serious or critical axe findings with values and a conflict shown at its field, writers by name when known', async () => {
    const open = demoPlan(true);
    const wire = wireDocs(open.plan.doc);
    wire.pause();
    open.plan.child.set('dateOfBirth', '2024-06-13');
    new Plan(wire.b, open.plan.spec, fixedContext('sam.lee', 't', new Date('2026-11-04T09:00:00Z'))).child.set('dateOfBirth', '2024-06-16');
    wire.resume();
    const el = await mount('ppm', true, { ...open, people: new Map([['sam.lee', 'Sam Lee']]) });
    const dob = field(el, 'Date of birth');
    await dob.updateComplete;
    expect(dob.shadowRoot!.textContent).to.contain('2 values: choose one');
    expect(dob.shadowRoot!.textContent).to.contain('written by Sam Lee'); // a known person by name
    expect(dob.hasAttribute('conflict')).to.equal(true);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

describe('<plan-form> read only', () => {
  afterEach(() => document.body.replaceChildren());

  for (const part of ['ppm', 'contingency', 'introduction', 'child'] as const) {
    it(`shows the ${part} form as text with the read-only note, and nothing focusable that looks editable`, async () => {
      const el = await mount(part, false);
      const note = root(el).querySelector('.read-only-note')!;
      expect(note.textContent).to.equal(READ_ONLY_NOTE);
      expect(root(el).firstElementChild).to.equal(note);
      expect(focusables(root(el))).to.deep.equal([]);
      expect(root(el).querySelectorAll('plan-text-field, plan-register-field, plan-table-editor')).to.have.length(0);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }

  it('turns editable when the person’s grant becomes edit, and back', async () => {
    const open = demoPlan(false);
    const el = document.createElement('plan-form');
    const host = await provide(el, { plan: open });
    expect(root(el).querySelector('.read-only-note')).not.to.equal(null);
    host.plan = { ...open, canEdit: true };
    await settle(el);
    expect(root(el).querySelector('.read-only-note')).to.equal(null);
    expect(root(el).querySelectorAll('plan-register-field').length).to.be.greaterThan(0);
  });
});

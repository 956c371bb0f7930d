/// <reference types="mocha" />
import { expect } from 'chai';
import { fixedContext } from '../../model/context.ts';
import { Plan } from '../../model/plan.ts';
import type { FieldSpec } from '../../model/template/form.ts';
import { axeViolations } from '../testing/axe.ts';
import { demoPlan } from '../testing/demo-plan.ts';
import { wireDocs } from '../testing/wired-docs.ts';
import { PlanRegisterField } from './register-field.ts';

/** The demo plan on two wired documents: `mine` and `theirs` are two people's views of it. */
function twoPeople(): { mine: Plan; theirs: Plan; wire: ReturnType<typeof wireDocs> } {
  const open = demoPlan(true);
  const mine = new Plan(open.plan.doc, open.plan.spec, fixedContext('asha.patel', 'mine', new Date('2026-11-03T10:00:00Z')));
  const wire = wireDocs(open.plan.doc);
  const theirs = new Plan(wire.b, open.plan.spec, fixedContext('sam.lee', 'theirs', new Date('2026-11-03T10:00:30Z')));
  return { mine, theirs, wire };
}

const fieldOf = (plan: Plan, id: string): FieldSpec => plan.child.spec.fields.find((f) => f.id === id)!;

async function mount(plan: Plan, fieldId: string): Promise<PlanRegisterField> {
  const el = document.createElement('plan-register-field');
  el.record = plan.child;
  el.field = fieldOf(plan, fieldId);
  el.label = el.field.label;
  el.dataset['fieldPath'] = `child/${plan.child.id}/${fieldId}`;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const control = (el: PlanRegisterField): HTMLInputElement & HTMLSelectElement => el.shadowRoot!.querySelector('#control') as HTMLInputElement & HTMLSelectElement;

function change(el: PlanRegisterField, value: string): void {
  const c = control(el);
  c.value = value;
  c.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<plan-register-field>', () => {
  afterEach(() => document.body.replaceChildren());

  it('edits a date, a choice, a yes/no and a short value, each written as the signed-in person', async () => {
    const { mine, theirs } = twoPeople();
    const dob = await mount(mine, 'dateOfBirth');
    expect(control(dob).type).to.equal('date');
    expect(control(dob).labels?.[0]?.textContent).to.equal('Date of birth');
    change(dob, '2024-06-15');
    expect(theirs.child.value('dateOfBirth')).to.equal('2024-06-15');
    expect(theirs.child.get('dateOfBirth').current?.by).to.equal('asha.patel');

    const status = await mount(mine, 'legalStatus');
    expect(control(status).tagName).to.equal('SELECT');
    expect(control(status).value).to.equal('Interim care order'); // the current value is shown
    expect((await mount(mine, 'multiTrack')).shadowRoot!.querySelector('select')!.value).to.equal('yes');
    change(status, 'Care order');
    expect(theirs.child.value('legalStatus')).to.equal('Care order');
    change(status, '');
    expect(theirs.child.value('legalStatus')).to.equal(undefined);
    theirs.child.set('legalStatus', 'Placement order');
    await status.updateComplete;
    expect(control(status).value).to.equal('Placement order'); // a remote choice shows after a local one

    const multiTrack = await mount(mine, 'multiTrack');
    change(multiTrack, 'no');
    expect(theirs.child.value('multiTrack')).to.equal(false);

    const religion = await mount(mine, 'religion');
    change(religion, '  None stated ');
    expect(theirs.child.value('religion')).to.equal('None stated');
  });

  it('shows a remote write at once, and refuses a value the field cannot hold with the reason', async () => {
    const { mine, theirs } = twoPeople();
    const religion = await mount(mine, 'religion');
    theirs.child.set('religion', 'Church of England');
    await religion.updateComplete;
    expect(control(religion).value).to.equal('Church of England');
    change(religion, 'x'.repeat(501));
    await religion.updateComplete;
    expect(religion.shadowRoot!.querySelector('.error-message')!.textContent).to.contain('Error:');
    expect(control(religion).getAttribute('aria-invalid')).to.equal('true');
    expect(theirs.child.value('religion')).to.equal('Church of England');
  });

  it('shows a conflict at the field with both values, who and when, and resolves it by a new write', async () => {
    const { mine, theirs, wire } = twoPeople();
    const dob = await mount(mine, 'dateOfBirth');
    wire.pause();
    mine.child.set('dateOfBirth', '2024-06-13');
    theirs.child.set('dateOfBirth', '2024-06-16');
    wire.resume();
    await dob.updateComplete;
    const conflict = dob.shadowRoot!.querySelector('.conflict')!;
    expect(conflict.textContent).to.contain('2 values: choose one');
    expect(conflict.textContent).to.contain('“16 June 2024”');
    expect(conflict.textContent).to.contain('written by sam.lee');
    expect(conflict.textContent).to.contain('“13 June 2024”');
    expect(conflict.textContent).to.contain('written by asha.patel');
    expect(conflict.textContent).to.contain('3 November 2026 at 10:00');
    expect(await axeViolations(dob)).to.deep.equal([]);
    const buttons = [...conflict.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Use this value: 16 June 2024', 'Use this value: 13 June 2024']);
    buttons[1]!.click();
    await dob.updateComplete;
    expect(dob.shadowRoot!.querySelector('.conflict')).to.equal(null);
    for (const plan of [mine, theirs]) {
      expect(plan.child.get('dateOfBirth').conflicts).to.deep.equal([]);
      expect(plan.child.value('dateOfBirth')).to.equal('2024-06-13');
    }
  });
});

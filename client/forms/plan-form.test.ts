/// <reference types="mocha" />
import { expect } from 'chai';
import { FieldKind } from '../../model/template/form.ts';
import { FIELD_RENDERERS } from '../fields/field-renderer.ts';
import { axeViolations } from '../testing/axe.ts';
import { demoPlan } from '../testing/demo-plan.ts';
import { provide, type TestContexts } from '../testing/test-contexts.ts';
import { PlanForm, type FormPart } from './plan-form.ts';

async function mount(part: FormPart, open = demoPlan()): Promise<{ el: PlanForm; host: TestContexts }> {
  const el = document.createElement('plan-form');
  el.formPart = part;
  const host = await provide(el, { plan: open });
  return { el, host };
}

const root = (el: PlanForm): ShadowRoot => el.shadowRoot!;
const headings = (el: PlanForm): string[] => [...root(el).querySelectorAll('h3')].map((h) => h.textContent.trim());
function valueOf(el: PlanForm, label: string): string | undefined {
  const dt = [...root(el).querySelectorAll('dt')].find((d) => d.textContent === label);
  return dt?.nextElementSibling?.textContent?.trim();
}

describe('<plan-form>', () => {
  afterEach(() => document.body.replaceChildren());

  it('is registered under its tag name, and has a renderer for every field kind', () => {
    expect(customElements.get('plan-form')).to.equal(PlanForm);
    expect(Object.keys(FIELD_RENDERERS).sort()).to.deep.equal([...FieldKind.options].sort());
  });

  it('lays out the contingency plan template: every section, its fields in words and its tables', async () => {
    const open = demoPlan();
    open.plan.child.set('primaryPlanReviewDate', '2027-01-15');
    open.plan.contingency.set('placementAtRisk', true);
    const { el } = await mount('contingency', open);
    expect(headings(el)).to.deep.equal(open.forms.contingency.sections.map((s) => s.title));
    expect(valueOf(el, open.forms.contingency.sections[0]!.fields.find((f) => f.id === 'primaryPlanReviewDate')!.label)).to.equal('15 January 2027');
    const atRisk = open.forms.contingency.sections.flatMap((s) => s.fields).find((f) => f.id === 'placementAtRisk')!;
    expect(valueOf(el, atRisk.label)).to.equal('Yes');
    const tables = open.forms.contingency.sections.flatMap((s) => s.tables).map((t) => t.label);
    expect([...root(el).querySelectorAll('caption')].map((c) => c.textContent)).to.deep.equal(tables);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('lays out the introduction plan template and follows changes to it live', async () => {
    const open = demoPlan();
    const { el } = await mount('introduction', open);
    expect(headings(el)).to.deep.equal(open.forms.introduction.sections.map((s) => s.title));
    const venue = open.forms.introduction.sections.flatMap((s) => s.fields).find((f) => f.id === 'birthParentMeetingVenue')!;
    expect(valueOf(el, venue.label)).to.equal('Not recorded');
    open.plan.introduction.set('birthParentMeetingVenue', 'Family centre');
    await el.updateComplete;
    expect(valueOf(el, venue.label)).to.equal('Family centre');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows the latest meeting of the PPM record unless a meeting is named', async () => {
    const open = demoPlan();
    const { el } = await mount('ppm', open);
    const events = open.forms.ppm.sections.flatMap((s) => s.fields).find((f) => f.id === 'significantEvents')!;
    expect(valueOf(el, events.label)).to.contain('settled at nursery');
    el.recordId = open.plan.ppms.rows()[0]!.id;
    await el.updateComplete;
    expect(valueOf(el, events.label)).to.equal('Not recorded');
  });

  it('says when no plan is open', async () => {
    const { el, host } = await mount('ppm');
    host.plan = undefined;
    await el.updateComplete;
    expect(root(el).textContent.trim()).to.equal('No plan is open.');
  });
});

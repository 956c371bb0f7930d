/// <reference types="mocha" />
import { expect } from 'chai';
import '../../app/elements.ts';
import '../../app/workspace-elements.ts';
import { demoPlan } from '../../testing/demo-plan.ts';
import { provide } from '../../testing/test-contexts.ts';
import type { OpenPlan } from '../../binding/open-plan-context.ts';
import { PlanView } from './plan-view.ts';
import type { SyncState } from '../../sync/sync-state.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';

async function mount(plan: OpenPlan | undefined, syncState: SyncState = { phase: 'saved', readOnly: false }): Promise<PlanView> {
  const el = document.createElement('plan-view');
  el.childName = 'Name from the caseload';
  await provide(el, { plan, sync: syncState });
  return el;
}

const root = (el: PlanView): ShadowRoot => el.shadowRoot!;

/** Waits for the element and the elements inside it to render. */
async function settled(el: PlanView): Promise<void> {
  await el.updateComplete;
  for (const child of root(el).querySelectorAll('ppm-record-view, plan-timeline, sync-status')) await (child as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
}

describe('<plan-view>', () => {
  afterEach(() => document.body.replaceChildren());

  it('is registered under its tag name', () => {
    expect(customElements.get('plan-view')).to.equal(PlanView);
  });

  it("shows the child's name as the page's only h1, a way back, the sync status, the PPM record and the timeline", async () => {
    const el = await mount(demoPlan());
    await settled(el);
    const headings = root(el).querySelectorAll('h1');
    expect(headings).to.have.length(1);
    expect(headings[0]!.textContent).to.equal('Rowan Example');
    const back = root(el).querySelector('a')!;
    expect([back.textContent, back.getAttribute('href')]).to.deep.equal(['Back to caseload', '/']);
    const status = root(el).querySelector('sync-status')!;
    expect(shadowText(status.shadowRoot!.querySelector('[role=status]')!)).to.equal('Stored on the server');
    const ppm = root(el).querySelector('ppm-record-view')!;
    expect(ppm.shadowRoot!.querySelector('h2')!.textContent).to.contain('Permanence Planning Meeting: Rowan Example');
    const timeline = root(el).querySelector('plan-timeline')!;
    expect(timeline.shadowRoot!.querySelector('h2')!.textContent).to.contain('Timeline: ');
  });

  it('follows a change of the child\'s name live, and tells the page its new title', async () => {
    const open = demoPlan();
    const titles: string[] = [];
    document.body.addEventListener('plan-title', (e) => titles.push(e.detail));
    const el = await mount(open);
    open.plan.child.set('name', 'Rowan Renamed');
    await settled(el);
    expect(root(el).querySelector('h1')!.textContent).to.equal('Rowan Renamed');
    expect(titles).to.deep.equal(['Rowan Example', 'Rowan Renamed']);
  });

  it('shows the name from the caseload until a plan is open', async () => {
    const el = await mount(undefined);
    expect(root(el).querySelector('h1')!.textContent).to.equal('Name from the caseload');
    expect(root(el).querySelector('ppm-record-view')).to.equal(null);
  });

  it('says in words when access is read only', async () => {
    const el = await mount(demoPlan(), { phase: 'saved', readOnly: true });
    await settled(el);
    expect(shadowText(root(el).querySelector('sync-status')!.shadowRoot!.querySelector('.read-only')!)).to.equal('Read only: you can see this plan but not change it.');
  });

  it('fires back-to-caseload when the back link is followed', async () => {
    const el = await mount(undefined);
    let back = 0;
    document.body.addEventListener('back-to-caseload', () => back++, { once: true });
    root(el).querySelector('a')!.click();
    expect(back).to.equal(1);
  });

  it('moves the focus to its heading when asked', async () => {
    const el = await mount(demoPlan());
    await el.focusHeading();
    expect(root(el).activeElement).to.equal(root(el).querySelector('h1'));
  });

  it('has no serious or critical axe-core findings', async () => {
    const el = await mount(demoPlan());
    await settled(el);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

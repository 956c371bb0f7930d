/// <reference types="mocha" />
import { expect } from 'chai';
import '../../app/workspace-elements.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';
import { demoPlan } from '../../testing/demo-plan.ts';
import { provide } from '../../testing/test-contexts.ts';
import { emptyPlan } from '../../testing/workspace-plans.ts';
import { WORKSPACE_SECTIONS, type WorkspaceSection } from '../../session/routes.ts';
import type { WorkspacePage } from './workspace-page.ts';

const EDIT = { phase: 'saved', readOnly: false } as const;
const READ = { phase: 'saved', readOnly: true } as const;

async function mount(section: WorkspaceSection, values: Parameters<typeof provide>[1], restricted = false): Promise<WorkspacePage> {
  const el = document.createElement('workspace-page');
  el.childId = 'demo-1';
  el.section = section;
  el.restricted = restricted;
  await provide(el, values);
  const part = el.shadowRoot!.querySelector('.part > *');
  if (part && 'updateComplete' in part) await (part as WorkspacePage).updateComplete;
  return el;
}

const navLinks = (el: WorkspacePage) => [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')];

describe('<workspace-page>', () => {
  afterEach(() => document.body.replaceChildren());

  it("shows the child's name, case record ID, date of birth and pathway in the header", async () => {
    const el = await mount('details', { plan: demoPlan(), sync: EDIT });
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('Rowan Example');
    const facts = [...el.shadowRoot!.querySelectorAll('.facts div')].map((d) => d.textContent.replace(/\s+/g, ' ').trim()).join(' | ');
    expect(facts).to.equal('Case record ID:Not recorded | Date of birth:14 June 2024 | Pathway:Permanence pathway: adoption');
  });

  it('lists every section as a link to its address, the current one marked aria-current="page"', async () => {
    const el = await mount('roles', { plan: demoPlan(), sync: EDIT });
    const links = navLinks(el);
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(WORKSPACE_SECTIONS.filter((s) => s !== 'restricted').map((s) => (s === 'details' ? '/children/demo-1' : `/children/demo-1/${s}`)));
    expect(links.filter((a) => a.getAttribute('aria-current') === 'page').map((a) => a.textContent)).to.deep.equal(['Roles and responsibilities']);
  });

  it('asks the page to move to a section on a plain click, and leaves a modified click to the browser', async () => {
    const el = await mount('details', { plan: demoPlan(), sync: EDIT });
    const asked: unknown[] = [];
    el.addEventListener('workspace-navigate', (e) => asked.push(e.detail));
    navLinks(el)[1]!.click();
    expect(asked).to.deep.equal([{ section: 'meetings' }]);
    // The browser's own handling (a new tab) is left alone: stop it here, after the page has seen the click.
    const stop = (e: Event): void => e.preventDefault();
    document.addEventListener('click', stop);
    const ctrl = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ctrlKey: true });
    navLinks(el)[2]!.dispatchEvent(ctrl);
    document.removeEventListener('click', stop);
    expect(asked).to.have.length(1);
  });

  it('has no restricted section without the grant, and does not make the element that opens it', async () => {
    const el = await mount('restricted', { plan: demoPlan(), sync: EDIT });
    expect(navLinks(el).map((a) => a.textContent)).not.to.include('Confidential details');
    expect(el.shadowRoot!.querySelector('workspace-restricted')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.part')!.getAttribute('data-section')).to.equal('details');
  });

  it('lists the open conflicts, each linking to its part', async () => {
    const el = await mount('details', { plan: demoPlan(), sync: EDIT });
    const details = el.shadowRoot!.querySelector('details.conflicts')!;
    expect(shadowText(details.querySelector('summary')!)).to.equal('Open conflicts (1)');
    const link = details.querySelector('a')!;
    expect(link.textContent).to.contain('Pathway and stages: Stages reached');
    expect(link.getAttribute('href')).to.equal('/children/demo-1/stages');
    expect(shadowText(details)).to.contain('“2026-08-26”').and.contain('“2026-08-27”');
  });

  it('takes a person from a conflict in the list to the field itself', async () => {
    const [a, b] = (await import('../../testing/workspace-plans.ts')).twoPeople();
    // Both write the date of birth without seeing each other's write: a conflict.
    const { Plan } = await import('../../../model/plan.ts');
    const Y = await import('yjs');
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(a.plan.doc));
    b.plan.child.set('dateOfBirth', '2024-01-02');
    new Plan(offline, a.plan.spec, a.plan.ctx).child.set('dateOfBirth', '2024-02-01');
    Y.applyUpdate(a.plan.doc, Y.encodeStateAsUpdate(offline));
    const el = await mount('roles', { plan: a, sync: EDIT });
    el.addEventListener('workspace-navigate', (e) => {
      el.section = e.detail.section;
    });
    const details = el.shadowRoot!.querySelector('details.conflicts')!;
    expect(shadowText(details.querySelector('summary')!)).to.equal('Open conflicts (1)');
    details.querySelector('a')!.click();
    const path = `child/${a.plan.child.id}/dateOfBirth`;
    let focused: Element | null = null;
    for (let i = 0; i < 50 && focused?.getAttribute('data-field-path') !== path; i++) {
      await new Promise((r) => setTimeout(r, 20));
      focused = el.shadowRoot!.querySelector('workspace-details')?.shadowRoot?.activeElement ?? null;
    }
    expect(focused?.getAttribute('data-field-path')).to.equal(path);
  });

  it('says history is loading while <plan-history> is not defined, and renders the slot element', async () => {
    const el = await mount('history', { plan: demoPlan(), sync: EDIT });
    expect(el.shadowRoot!.querySelector('plan-history')).to.exist;
    if (!customElements.get('plan-history')) expect(shadowText(el.shadowRoot!.querySelector('.part')!)).to.contain('History is loading');
  });

  it('says the page is read only, in words, for a person with read access', async () => {
    const el = await mount('details', { plan: demoPlan(), sync: READ });
    expect(shadowText(el.shadowRoot!.querySelector('#read-only')!)).to.contain('Read only.');
  });

  for (const section of WORKSPACE_SECTIONS.filter((s) => s !== 'restricted')) {
    it(`has no serious or critical accessibility findings in "${section}", empty and full`, async () => {
      for (const plan of [emptyPlan(), demoPlan()]) {
        const el = await mount(section, { plan, sync: EDIT });
        expect(await axeViolations(el), `${section} ${plan.meta.childId}`).to.deep.equal([]);
        document.body.replaceChildren();
      }
    });
  }
});

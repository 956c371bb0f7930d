/// <reference types="mocha" />
import { expect } from 'chai';
import { CaseloadList, EMPTY_CASELOAD, planPath } from './caseload-list.ts';
import type { CaseloadChild } from '../../../model/wire/index.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';

/** A fictional caseload: one child of each rating, one not yet rated, read and edit access. */
const CASELOAD: CaseloadChild[] = [
  { childId: 'c-rowan', name: 'Rowan Example', pathwayId: 'pathway-adoption', pathwayTitle: 'Permanence pathway: adoption', stage: 'Initial Permanence Planning Meeting (PPM)', rating: 'red', nextDue: '2026-11-24', nextDueTitle: 'Second Child in Care Review', updatedAt: '2026-11-20T09:00:00.000Z', access: 'edit', restricted: true },
  { childId: 'c-skye', name: 'Skye Sample', pathwayId: 'pathway-special-guardianship', pathwayTitle: 'Special guardianship', stage: 'Viability assessments', rating: 'amber', nextDue: '2026-12-01', nextDueTitle: 'Permanence plan', updatedAt: '2026-11-20T09:00:00.000Z', access: 'read', restricted: false },
  { childId: 'c-ellis', name: 'Ellis Placeholder', pathwayId: 'pathway-reunification', pathwayTitle: 'Reunification', stage: 'Parenting assessment started', rating: 'green', nextDue: null, nextDueTitle: null, updatedAt: '2026-11-20T09:00:00.000Z', access: 'edit', restricted: false },
  { childId: 'c-quinn', name: 'Quinn Fictional', pathwayId: null, pathwayTitle: null, stage: null, rating: null, nextDue: null, nextDueTitle: null, updatedAt: '2026-11-20T09:00:00.000Z', access: 'read', restricted: false },
];

async function mount(caseload: readonly CaseloadChild[] | undefined, error?: string): Promise<CaseloadList> {
  const el = document.createElement('caseload-list');
  el.caseload = caseload;
  el.error = error;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const root = (el: CaseloadList): ShadowRoot => el.shadowRoot!;
/** The cells of each body row, as text. */
const cells = (el: CaseloadList): string[][] =>
  [...root(el).querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => shadowText(c)));

describe('<caseload-list>', () => {
  afterEach(() => document.body.replaceChildren());

  it('is registered under its tag name', () => {
    expect(customElements.get('caseload-list')).to.equal(CaseloadList);
  });

  it('is a table with a caption, column headers and a row header per child', async () => {
    const el = await mount(CASELOAD);
    const table = root(el).querySelector('table')!;
    expect(shadowText(table.querySelector('caption')!)).to.equal('Children whose plans you can see (4)');
    expect([...table.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')])).to.deep.equal([
      ['Child', 'col'],
      ['Pathway', 'col'],
      ['Latest stage', 'col'],
      ['Rating', 'col'],
      ['Next due', 'col'],
      ['Your access', 'col'],
    ]);
    expect([...table.querySelectorAll('tbody th')].map((th) => th.getAttribute('scope'))).to.deep.equal(['row', 'row', 'row', 'row']);
  });

  it('tells every status in words: pathway, stage, rating, next due and access', async () => {
    const el = await mount(CASELOAD);
    expect(cells(el)).to.deep.equal([
      ['Rowan Example', 'Permanence pathway: adoption', 'Initial Permanence Planning Meeting (PPM)', 'Red (needs action now)', '24 Nov 2026Second Child in Care Review', 'Can editincluding restricted details'],
      ['Skye Sample', 'Special guardianship', 'Viability assessments', 'Amber (needs attention soon)', '1 Dec 2026Permanence plan', 'Read only'],
      ['Ellis Placeholder', 'Reunification', 'Parenting assessment started', 'Green (on track)', 'Nothing due', 'Can edit'],
      ['Quinn Fictional', 'No pathway chosen', 'None recorded', 'Not rated', 'Nothing due', 'Read only'],
    ]);
    expect(root(el).querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-24');
  });

  it('says the day each rating holds for, when the server gives it', async () => {
    const rated = CASELOAD.map((c, i) => (i < 2 ? { ...c, ratedOn: '2026-12-04' } : i === 2 ? { ...c, ratedOn: null } : c));
    const el = await mount(rated);
    expect(cells(el).map((row) => row[3])).to.deep.equal(['Red (needs action now)as of 4 Dec 2026', 'Amber (needs attention soon)as of 4 Dec 2026', 'Green (on track)', 'Not rated']);
    const asOf = root(el).querySelector('tbody tr .as-of time')!;
    expect(asOf.getAttribute('datetime')).to.equal('2026-12-04');
  });

  it('shows each rating by a shape as well as colour, hidden from screen readers', async () => {
    const el = await mount(CASELOAD);
    const shapes = [...root(el).querySelectorAll('tbody tr')].map((tr) => tr.querySelector('svg')!);
    expect(shapes.map((s) => s.dataset.shape)).to.deep.equal(['triangle', 'hourglass', 'circle-filled', 'dash']);
    for (const s of shapes) expect(s.getAttribute('aria-hidden')).to.equal('true');
    expect(new Set(shapes.map((s) => getComputedStyle(s).color)).size).to.equal(4);
  });

  it("makes each name a link to the child's plan that fires open-child", async () => {
    const el = await mount(CASELOAD);
    const link = root(el).querySelector<HTMLAnchorElement>('tbody a')!;
    expect(link.getAttribute('href')).to.equal('/children/c-rowan');
    expect(planPath('a b')).to.equal('/children/a%20b');
    const opened: string[] = [];
    document.body.addEventListener('open-child', (e) => opened.push(e.detail.childId), { once: true });
    link.click();
    expect(opened).to.deep.equal(['c-rowan']);
  });

  it('says so when there are no children', async () => {
    const el = await mount([]);
    expect(root(el).querySelector('table')).to.equal(null);
    expect(shadowText(root(el).querySelector('[role=status]')!)).to.equal(EMPTY_CASELOAD);
  });

  it('says it is loading until the caseload arrives', async () => {
    const el = await mount(undefined);
    expect(shadowText(root(el).querySelector('[role=status]')!)).to.equal('Loading your caseload…');
  });

  it('shows a load failure as an alert with a way to try again', async () => {
    const el = await mount(undefined, 'Your caseload could not be loaded. The server cannot be reached.');
    expect(shadowText(root(el).querySelector('[role=alert]')!)).to.equal('Your caseload could not be loaded. The server cannot be reached. Try again');
    let asked = 0;
    el.addEventListener('reload-caseload', () => asked++);
    root(el).querySelector('button')!.click();
    expect(asked).to.equal(1);
  });

  it('has no serious or critical axe-core findings', async () => {
    expect(await axeViolations(await mount(CASELOAD))).to.deep.equal([]);
    expect(await axeViolations(await mount([]))).to.deep.equal([]);
  });
});

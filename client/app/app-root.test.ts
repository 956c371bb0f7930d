/// <reference types="mocha" />
import { expect } from 'chai';
import { AppRoot, SIGNED_OUT_NOTICE } from './app-root.ts';
import type { CaseloadChild } from '../../model/wire/index.ts';
import { ServerApi } from '../session/server-api.ts';
import { SessionStore } from '../session/session-store.ts';
import { memoryStorage } from '../testing/memory-storage.ts';
import { fakeFetch, sessionReply, type Answer } from '../testing/fake-fetch.ts';
import { axeViolations, shadowText } from '../testing/axe.ts';

const ROWAN: CaseloadChild = {
  childId: 'c-rowan',
  name: 'Rowan Example',
  pathwayId: 'pathway-adoption',
  pathwayTitle: 'Permanence pathway: adoption',
  stage: 'Initial Permanence Planning Meeting (PPM)',
  rating: 'amber',
  nextDue: '2026-11-24',
  nextDueTitle: 'Second Child in Care Review',
  updatedAt: '2026-11-20T09:00:00.000Z',
  access: 'edit',
  restricted: false,
};

/** Mounts an `<app-root>` whose session store talks to a fake server answering `answers`. */
async function mount(answers: Record<string, Answer>): Promise<{ el: AppRoot; store: SessionStore }> {
  const { fetch } = fakeFetch(answers);
  const store = new SessionStore({ api: new ServerApi('', fetch), storage: memoryStorage() });
  const el = new AppRoot(store);
  document.body.append(el);
  await el.updateComplete;
  return { el, store };
}

const root = (el: AppRoot): ShadowRoot => el.shadowRoot!;
const h1s = (el: AppRoot): string[] => [...root(el).querySelectorAll('h1')].map((h) => h.textContent);

async function until(el: AppRoot, test: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > 3000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
  }
}

/** Signs in through the form, as a person would. */
async function signIn(el: AppRoot): Promise<void> {
  const form = root(el).querySelector('sign-in-form')!;
  await form.updateComplete;
  form.shadowRoot!.querySelector<HTMLInputElement>('#username')!.value = 'asha';
  form.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = 'secret';
  form.shadowRoot!.querySelector('button')!.click();
  await until(el, () => h1s(el)[0] === 'Your caseload', 'the caseload page');
}

describe('<app-root>', () => {
  afterEach(() => {
    document.body.replaceChildren();
    sessionStorage.clear();
  });

  it('is registered under its tag name', () => {
    expect(customElements.get('app-root')).to.equal(AppRoot);
  });

  it('shows the sign-in page when signed out, with one h1 and its title', async () => {
    const { el } = await mount({});
    expect(h1s(el)).to.deep.equal(['Sign in']);
    expect(document.title).to.equal('Sign in – Permanence planning board');
    expect(root(el).querySelector('sign-in-form')).to.exist;
    expect(root(el).querySelector('caseload-list, workspace-page')).to.equal(null);
  });

  it('after signing in shows the caseload from the server, moves the focus to its heading and retitles the page', async () => {
    const { el } = await mount({ 'POST /api/login': { status: 200, body: sessionReply() }, 'GET /api/children': { status: 200, body: { children: [ROWAN] } } });
    await signIn(el);
    expect(h1s(el)).to.deep.equal(['Your caseload']);
    expect(document.title).to.equal('Your caseload – Permanence planning board');
    expect(root(el).activeElement).to.equal(root(el).querySelector('h1'));
    expect(shadowText(root(el).querySelector('.account')!)).to.contain("Signed in as Asha Patel (Child's Social Worker, Children in Care Team)");
    const list = root(el).querySelector('caseload-list')!;
    await until(el, () => list.caseload !== undefined, 'the caseload');
    await list.updateComplete;
    expect(list.shadowRoot!.querySelector('tbody a')!.textContent).to.equal('Rowan Example');
  });

  it('signs out back to the sign-in page, saying so', async () => {
    const { el, store } = await mount({ 'POST /api/login': { status: 200, body: sessionReply() }, 'GET /api/children': { status: 200, body: { children: [] } } });
    await signIn(el);
    root(el).querySelector<HTMLButtonElement>('.account button')!.click();
    await el.updateComplete;
    expect(h1s(el)).to.deep.equal(['Sign in']);
    expect(store.token()).to.equal(undefined);
    const form = root(el).querySelector('sign-in-form')!;
    await form.updateComplete;
    expect(shadowText(form.shadowRoot!.querySelector('.notice')!)).to.equal(SIGNED_OUT_NOTICE);
  });

  it("goes back to sign-in with the server's message when the caseload call is refused", async () => {
    const { el } = await mount({
      'POST /api/login': { status: 200, body: sessionReply() },
      'GET /api/children': { status: 401, body: { error: 'token-expired', message: 'Your session has expired: sign in again.' } },
    });
    const form = root(el).querySelector('sign-in-form')!;
    form.shadowRoot!.querySelector<HTMLInputElement>('#username')!.value = 'asha';
    form.shadowRoot!.querySelector<HTMLInputElement>('#password')!.value = 'secret';
    form.shadowRoot!.querySelector('button')!.click();
    await until(el, () => h1s(el)[0] === 'Sign in' && root(el).querySelector('sign-in-form')?.shadowRoot?.querySelector('.notice') !== null, 'the notice');
    expect(shadowText(root(el).querySelector('sign-in-form')!.shadowRoot!.querySelector('.notice')!)).to.equal('Your session has expired: sign in again.');
  });

  it('has no serious or critical axe-core findings on the sign-in and caseload pages', async () => {
    const { el } = await mount({ 'POST /api/login': { status: 200, body: sessionReply() }, 'GET /api/children': { status: 200, body: { children: [ROWAN] } } });
    expect(await axeViolations(el)).to.deep.equal([]);
    await signIn(el);
    await until(el, () => root(el).querySelector('caseload-list')?.caseload !== undefined, 'the caseload');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

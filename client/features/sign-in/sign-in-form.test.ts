/// <reference types="mocha" />
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import { ServerApi } from '../../session/server-api.ts';
import { SessionStore, type SignInOutcome } from '../../session/session-store.ts';
import { fakeFetch, sessionReply } from '../../testing/fake-fetch.ts';
import { provide, type TestContexts } from '../../testing/test-contexts.ts';
import { SignInForm, validateSignIn } from './sign-in-form.ts';
import { axeViolations, shadowText } from '../../testing/axe.ts';

type Calls = [string, string][];

/**
 * Mounts a form whose session store (from the session context) signs in with a server that
 * answers with `outcome`, and records each call.
 */
async function mount(outcome: SignInOutcome = { ok: true }): Promise<{ el: SignInForm; calls: Calls }> {
  const calls: Calls = [];
  const server = fakeFetch({
    'POST /api/login': outcome.ok
      ? { status: 200, body: sessionReply() }
      : { status: 401, body: { error: outcome.code, message: outcome.message }, headers: outcome.retryAfterSeconds ? { 'retry-after': String(outcome.retryAfterSeconds) } : {} },
  });
  const fetchFn: typeof fetch = (input, init) => {
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as { username: string; password: string };
    calls.push([body.username, body.password]);
    return server.fetch(input, init);
  };
  const store = new SessionStore({ api: new ServerApi('', fetchFn), storage: null });
  const el = document.createElement('sign-in-form');
  await provide(el, { session: { session: undefined, notice: undefined, store } });
  return { el, calls };
}

const root = (el: SignInForm): ShadowRoot => el.shadowRoot!;
const input = (el: SignInForm, id: 'username' | 'password'): HTMLInputElement => root(el).querySelector<HTMLInputElement>(`#${id}`)!;

/** Waits until the form has shown the answer to a submission. */
async function settle(el: SignInForm): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
  }
}

/** Submits the form as a click on its button does, and waits for the answer to be shown. */
async function submit(el: SignInForm): Promise<void> {
  root(el).querySelector('button')!.click();
  await settle(el);
}

describe('<sign-in-form>', () => {
  afterEach(() => document.body.replaceChildren());

  it('is registered under its tag name', () => {
    expect(customElements.get('sign-in-form')).to.equal(SignInForm);
  });

  it('labels both fields and says what each holds', async () => {
    const { el } = await mount();
    const labels = [...root(el).querySelectorAll('label')].map((l) => [l.textContent, l.htmlFor]);
    expect(labels).to.deep.equal([
      ['Username', 'username'],
      ['Password', 'password'],
    ]);
    expect(input(el, 'username').autocomplete).to.equal('username');
    expect(input(el, 'password').type).to.equal('password');
    expect(input(el, 'password').autocomplete).to.equal('current-password');
    expect(root(el).querySelector('button')!.type).to.equal('submit');
    expect(root(el).querySelector('[role=alert]')).to.equal(null);
  });

  it('checks empty fields before sending: an alert summary, a message by each field, focus on the first', async () => {
    const { el, calls } = await mount();
    await submit(el);
    expect(calls).to.deep.equal([]);
    const alert = root(el).querySelector('[role=alert]')!;
    expect(shadowText(alert.querySelector('h2')!)).to.equal('There is a problem');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['Enter your username', 'Enter your password']);
    expect([...alert.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['#username', '#password']);
    for (const id of ['username', 'password'] as const) {
      expect(input(el, id).getAttribute('aria-invalid')).to.equal('true');
      const describedBy = input(el, id).getAttribute('aria-describedby')!;
      expect(root(el).getElementById(describedBy)?.textContent).to.contain(`Enter your ${id}`);
    }
    expect(root(el).activeElement).to.equal(input(el, 'username'));
  });

  it('asks only for what is missing, and a summary link moves the focus to its field', async () => {
    const { el, calls } = await mount();
    input(el, 'username').value = 'asha';
    await submit(el);
    expect(calls).to.deep.equal([]);
    const links = [...root(el).querySelectorAll<HTMLAnchorElement>('[role=alert] a')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['Enter your password']);
    expect(input(el, 'username').getAttribute('aria-invalid')).to.equal('false');
    input(el, 'username').focus();
    links[0]!.click();
    expect(root(el).activeElement).to.equal(input(el, 'password'));
  });

  it('refuses over-long values as the server would', () => {
    expect(validateSignIn('a'.repeat(65), 'x')).to.deep.equal([{ field: 'username', message: 'Your username must be 64 characters or fewer' }]);
    expect(validateSignIn('asha', 'x'.repeat(1025))).to.deep.equal([{ field: 'password', message: 'Your password must be 1024 characters or fewer' }]);
    expect(validateSignIn(' asha ', 'secret')).to.deep.equal([]);
    expect(validateSignIn('   ', 'secret')).to.deep.equal([{ field: 'username', message: 'Enter your username' }]);
  });

  it("shows the server's message for a wrong username or password, and clears the password", async () => {
    const { el, calls } = await mount({ ok: false, code: 'bad-credentials', message: 'The username or password is not right.' });
    input(el, 'username').value = ' asha ';
    input(el, 'password').value = 'wrong';
    await submit(el);
    expect(calls).to.deep.equal([['asha', 'wrong']]);
    expect(shadowText(root(el).querySelector('[role=alert]')!)).to.equal('There is a problem The username or password is not right.');
    expect(input(el, 'password').value).to.equal('');
    expect(input(el, 'username').value).to.equal(' asha ');
  });

  it('shows too many attempts with the time to wait', async () => {
    const { el } = await mount({ ok: false, code: 'too-many-attempts', message: 'Too many failed sign-in attempts. Try again in 15 minute(s).', retryAfterSeconds: 900 });
    input(el, 'username').value = 'asha';
    input(el, 'password').value = 'wrong';
    await submit(el);
    const text = shadowText(root(el).querySelector('[role=alert]')!);
    expect(text).to.contain('Too many failed sign-in attempts. Try again in 15 minute(s).');
    expect(text).to.match(/You can try again after \d\d:\d\d\./);
  });

  it('shows the same error again as a new alert, so it is announced again', async () => {
    const { el } = await mount({ ok: false, code: 'bad-credentials', message: 'The username or password is not right.' });
    input(el, 'username').value = 'asha';
    input(el, 'password').value = 'wrong';
    await submit(el);
    const first = root(el).querySelector('[role=alert]');
    input(el, 'password').value = 'wrong again';
    await submit(el);
    const second = root(el).querySelector('[role=alert]');
    expect(second).to.exist;
    expect(second).not.to.equal(first);
  });

  it('signs in with the keyboard alone, with a visible focus on each control', async () => {
    const { el, calls } = await mount();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(input(el, 'username'));
    expect(getComputedStyle(input(el, 'username')).outlineStyle).to.equal('solid');
    expect(getComputedStyle(input(el, 'username')).outlineWidth).to.equal('3px');
    await sendKeys({ type: 'asha' });
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(input(el, 'password'));
    await sendKeys({ type: 'secret' });
    await sendKeys({ press: 'Tab' });
    const button = root(el).querySelector('button')!;
    expect(root(el).activeElement).to.equal(button);
    expect(getComputedStyle(button).outlineStyle).to.equal('solid');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(255, 221, 0)');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(calls[0]).to.deep.equal(['asha', 'secret']);
  });

  it('submits with Enter from the password field', async () => {
    const { el, calls } = await mount();
    input(el, 'username').value = 'asha';
    input(el, 'password').focus();
    await sendKeys({ type: 'secret' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(calls).to.deep.equal([['asha', 'secret']]);
  });

  it('shows a notice, such as why the person was signed out', async () => {
    const { el } = await mount();
    const host = el.parentElement as TestContexts;
    host.session = { ...host.session!, notice: 'Your session has expired: sign in again.' };
    await el.updateComplete;
    expect(shadowText(root(el).querySelector('[role=status]')!)).to.equal('Your session has expired: sign in again.');
  });

  it('has no serious or critical axe-core findings, with and without errors', async () => {
    const { el } = await mount();
    expect(await axeViolations(el)).to.deep.equal([]);
    await submit(el);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

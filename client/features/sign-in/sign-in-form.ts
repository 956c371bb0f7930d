/**
 * `<sign-in-form>`: username and password, each with a visible label, and a Sign in button.
 * Empty or over-long fields are caught here, each with a message beside its field and in an
 * error summary; a refusal from the server (wrong username or password, too many attempts with
 * the time to wait) is shown with the server's own message. The summary is an alert, so a
 * screen reader announces it as soon as it appears. Works with the keyboard alone, with a
 * visible focus on every control.
 *
 * Signs in through the session store from {@link sessionContext}, its only way in (provided by
 * the page root, or by `<test-contexts>` in element tests). Shows the session's notice (why
 * the person was signed out) above the form.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { sessionContext } from '../../session/session-context.ts';
import type { SignInOutcome } from '../../session/session-store.ts';
import { colour } from '../../ui/tokens.ts';
import { focusInput, focusLink, focusPrimaryButton, visuallyHidden } from '../../ui/focus.ts';

/** One problem to show: the field it is about (none for the server's answers) and the words. */
export interface FormError {
  readonly field?: 'username' | 'password';
  readonly message: string;
}

/** Longest username and password the server accepts. */
const MAX = { username: 64, password: 1024 } as const;

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Checks what was typed; an empty list when it may be sent. */
export function validateSignIn(username: string, password: string): FormError[] {
  const errors: FormError[] = [];
  if (username.trim() === '') errors.push({ field: 'username', message: 'Enter your username' });
  else if (username.length > MAX.username) errors.push({ field: 'username', message: `Your username must be ${MAX.username} characters or fewer` });
  if (password === '') errors.push({ field: 'password', message: 'Enter your password' });
  else if (password.length > MAX.password) errors.push({ field: 'password', message: `Your password must be ${MAX.password} characters or fewer` });
  return errors;
}

/** `<sign-in-form>`: signs in through the session store of the context; see the file's comment. */
export class SignInForm extends LitElement {
  static override properties = {
    errors: { state: true },
    busy: { state: true },
  };

  static override styles = [css`
    :host { display: block; max-width: 30rem; color: ${colour.text}; line-height: 1.5; }
    .notice { border-left: 5px solid ${colour.link}; background: ${colour.infoBackground}; padding: 0.5rem 0.75rem; margin: 0 0 1.25rem; }
    .summary { border: 5px solid ${colour.red}; padding: 1rem; margin: 0 0 1.5rem; }
    .summary h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    .summary ul { margin: 0; padding-left: 1.25rem; }
    .summary li + li { margin-top: 0.25rem; }
    .summary a { display: inline-block; padding: 0.15rem 0; color: ${colour.red}; font-weight: 700; }
    .summary p { margin: 0; font-weight: 700; color: ${colour.red}; }
    .field { margin: 0 0 1.25rem; }
    .field.invalid { border-left: 5px solid ${colour.red}; padding-left: 0.75rem; }
    label { display: block; font-weight: 700; margin-bottom: 0.25rem; }
    .field-error { color: ${colour.red}; font-weight: 700; margin: 0 0 0.25rem; }
    input { box-sizing: border-box; width: 100%; font: inherit; padding: 0.35rem 0.5rem; border: 2px solid ${colour.text}; border-radius: 0; }
    .invalid input { border-color: ${colour.red}; }
    button { font: inherit; font-weight: 700; padding: 0.5rem 1.25rem; color: ${colour.white}; background: ${colour.green}; border: 2px solid transparent; box-shadow: 0 2px 0 ${colour.greenShadow}; cursor: pointer; }
    button:hover { background: ${colour.greenHover}; }
    input:focus-visible { ${focusInput} }
    a:focus-visible { ${focusLink} }
    button:focus-visible { ${focusPrimaryButton} }
  `, visuallyHidden];

  /** The problems shown now. */
  declare errors: readonly FormError[];
  /** A sign-in is under way. */
  declare busy: boolean;

  readonly #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  constructor() {
    super();
    this.errors = [];
    this.busy = false;
  }

  override render(): TemplateResult {
    const notice = this.#session.value?.notice;
    const fieldError = (field: 'username' | 'password'): FormError | undefined => this.errors.find((e) => e.field === field);
    return html`
      ${notice && this.errors.length === 0 ? html`<p class="notice" role="status">${notice}</p>` : nothing}
      ${this.errors.length > 0 ? this.#summary() : nothing}
      <form novalidate @submit=${this.#submit}>
        ${this.#field('username', 'Username', 'text', 'username', fieldError('username'))}
        ${this.#field('password', 'Password', 'password', 'current-password', fieldError('password'))}
        <button type="submit" aria-describedby=${this.busy ? 'busy' : nothing}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
        ${this.busy ? html`<span id="busy" class="visually-hidden">Signing in, please wait</span>` : nothing}
      </form>
    `;
  }

  #summary(): TemplateResult {
    const fieldErrors = this.errors.filter((e) => e.field);
    const other = this.errors.filter((e) => !e.field);
    return html`<div class="summary" role="alert" aria-labelledby="summary-title">
      <h2 id="summary-title">There is a problem</h2>
      ${other.map((e) => html`<p>${e.message}</p>`)}
      ${fieldErrors.length > 0
        ? html`<ul>${fieldErrors.map((e) => html`<li><a href="#${e.field}" @click=${(ev: Event) => this.#focusField(ev, e.field!)}>${e.message}</a></li>`)}</ul>`
        : nothing}
    </div>`;
  }

  #field(id: 'username' | 'password', label: string, type: string, autocomplete: string, error: FormError | undefined): TemplateResult {
    return html`<div class="field ${error ? 'invalid' : ''}">
      <label for=${id}>${label}</label>
      ${error ? html`<p id="${id}-error" class="field-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <input
        id=${id}
        name=${id}
        type=${type}
        autocomplete=${autocomplete}
        autocapitalize="none"
        spellcheck="false"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}
      />
    </div>`;
  }

  #focusField(event: Event, field: 'username' | 'password'): void {
    event.preventDefault();
    this.#input(field)?.focus();
  }

  #input(field: 'username' | 'password'): HTMLInputElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLInputElement>(`#${field}`);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const username = this.#input('username')?.value ?? '';
    const password = this.#input('password')?.value ?? '';
    const problems = validateSignIn(username, password);
    // Clear first, so the same message appearing again is announced again.
    this.errors = [];
    await this.updateComplete;
    if (problems.length > 0) {
      this.errors = problems;
      await this.updateComplete;
      this.#input(problems[0]!.field!)?.focus();
      return;
    }
    const store = this.#session.value?.store;
    const signIn = store?.signIn.bind(store);
    if (!signIn) {
      this.errors = [{ message: 'Signing in is not available on this page. Reload the page and try again.' }];
      return;
    }
    this.busy = true;
    let outcome: SignInOutcome;
    try {
      outcome = await signIn(username.trim(), password);
    } finally {
      this.busy = false;
    }
    // The password is never left in the form, whether it was right or not.
    const input = this.#input('password');
    if (input) input.value = '';
    if (outcome.ok) return;
    const wait = outcome.retryAfterSeconds ? ` You can try again after ${clock.format(new Date(Date.now() + outcome.retryAfterSeconds * 1000))}.` : '';
    this.errors = [{ message: `${outcome.message}${wait}` }];
  }
}

customElements.define('sign-in-form', SignInForm);

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-form': SignInForm;
  }
}

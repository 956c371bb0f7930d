/**
 * `<app-root>`: the client's page, mounted by `index.html` inside `<main>`. It holds the session
 * (provided to every element below through {@link sessionContext} by its SessionController) and
 * shows one of three pages, each with one `h1` and its own document title:
 * - signed out: the sign-in form, with why the person was signed out when they were;
 * - signed in, at `/`: the caseload, loaded from the server;
 * - signed in, at `/children/<id>[/<section>[/<meetingId>]]`: that child's workspace, open live
 *   (`<workspace-page>`), at the part the address names, with a "Back to caseload" link; only a
 *   child in the person's caseload is opened, and its restricted part is offered only when the
 *   caseload says the person's grant covers it. The plan is opened here (`OpenPlanController`)
 *   and provided to the page's elements as contexts.
 * It registers every element its pages use, including those one feature shows inside another
 * by tag name (the timeline inside the plan page).
 * When the page changes the keyboard focus moves to the new page's heading, so screen reader
 * users hear where they are.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { CaseloadController } from '../features/caseload/caseload-controller.ts';
import { isPlainClick } from '../ui/plain-click.ts';
import { OpenPlanController } from './open-plan-controller.ts';
import { RepoLoader } from './repo-loader.ts';
import { RestrictedController } from './restricted-controller.ts';
import { RouteController } from './route-controller.ts';
import type { WorkspaceSection } from '../session/routes.ts';
import type { Session, SessionStore } from '../session/session-store.ts';
import { SessionController } from '../session/session-controller.ts';
import './elements.ts';
import { colour } from '../ui/tokens.ts';
import { focusStyles } from '../ui/focus.ts';

/** The product's name, ending every document title. */
export const PRODUCT_NAME = 'Permanence planning board';

/** Shown on the sign-in page after the person signed out themselves. */
export const SIGNED_OUT_NOTICE = 'You have signed out.';

/** `<app-root>`: the page root; see the file's comment for the pages it shows. */
export class AppRoot extends LitElement {
  static override styles = [css`
    :host { display: block; max-width: 100rem; color: ${colour.text}; }
    h1 { font-size: 2rem; margin: 0 0 0.75rem; }
    h1:focus { outline: none; }
    .account { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin: 0 0 1.5rem; padding: 0 0 0.5rem; border-bottom: 1px solid ${colour.border}; }
    .account p { margin: 0; }
    .muted { color: ${colour.secondary}; }
    .lead { max-width: 45rem; margin: 0 0 1.25rem; }
    .notice { border-left: 5px solid ${colour.link}; background: ${colour.infoBackground}; padding: 0.5rem 0.75rem; margin: 0 0 1.25rem; }
    button { font: inherit; padding: 0.3rem 0.9rem; border: 2px solid ${colour.text}; background: ${colour.panel}; color: ${colour.text}; cursor: pointer; }
    button:hover { background: ${colour.panelHover}; }
    a { color: ${colour.link}; text-underline-offset: 0.15em; }
  `, focusStyles];

  readonly #session: SessionController;
  readonly #caseload: CaseloadController;
  readonly #routes = new RouteController(this);
  /** The open plan's heading, for the document title. */
  #planTitle: { childId: string; title: string } | undefined;
  /** The page shown at the last render, to notice a change of page. */
  #page: string | undefined;

  /** @param store the session store; the browser default when omitted (tests pass their own) */
  constructor(store?: SessionStore) {
    super();
    this.#session = new SessionController(this, store);
    this.#caseload = new CaseloadController(this, this.#session.store);
    // One socket for the plan and its restricted part, from the plan's code (`plan-workspace.ts`),
    // loaded with the first plan opened: the sign-in page and the caseload never carry it.
    const repo = new RepoLoader();
    // Opens the plan of the page's child and provides it, its load and sync state, as contexts.
    new OpenPlanController(this, this.#session.store, () => {
      const route = this.#routes.route;
      const child = route.page === 'plan' ? this.#caseload.find(route.childId) : undefined;
      return child ? { childId: child.childId, readOnly: child.access === 'read' } : {};
    }, repo);
    // The restricted part: only while its section is shown, and only with a grant that covers it.
    new RestrictedController(this, this.#session.store, () => {
      const route = this.#routes.route;
      const child = route.page === 'plan' && route.section === 'restricted' ? this.#caseload.find(route.childId) : undefined;
      return child?.restricted ? { childId: child.childId } : {};
    }, repo);
  }

  override render(): TemplateResult {
    const session = this.#session.state.session;
    if (!session) return this.#signInPage();
    const route = this.#routes.route;
    return html`${this.#account(session)}${route.page === 'plan' ? this.#planPage(route.childId) : this.#caseloadPage()}`;
  }

  protected override updated(): void {
    const { key, title } = this.#current();
    document.title = `${title} – ${PRODUCT_NAME}`;
    if (key === this.#page) return;
    const previous = this.#page;
    this.#page = key;
    if (previous === undefined) return;
    // Back from a plan (link or the browser's Back button): show fresh ratings.
    if (key === 'caseload' && previous.startsWith('plan:')) void this.#caseload.load();
    const planView = this.shadowRoot?.querySelector('workspace-page');
    // The plan's elements load with the plan (`plan-workspace.ts`): focus once it is defined.
    if (planView) void customElements.whenDefined('workspace-page').then(() => planView.focusHeading());
    else this.shadowRoot?.querySelector('h1')?.focus();
  }

  /** Which page is shown (a key that changes with the page) and its title. */
  #current(): { key: string; title: string } {
    if (!this.#session.state.session) return { key: 'sign-in', title: 'Sign in' };
    const route = this.#routes.route;
    if (route.page === 'caseload') return { key: 'caseload', title: 'Your caseload' };
    const child = this.#caseload.find(route.childId);
    const shown = this.#planTitle?.childId === route.childId ? this.#planTitle.title : undefined;
    return { key: `plan:${route.childId}`, title: shown ?? child?.name ?? "Child's plan" };
  }

  #signInPage(): TemplateResult {
    return html`
      <h1 tabindex="-1">Sign in</h1>
      <p class="lead">
        Sign in with the username and password your administrator gave you. On a new installation, the demo accounts
        and their passwords are printed where the server was started.
      </p>
      <sign-in-form></sign-in-form>
    `;
  }

  #account(session: Session): TemplateResult {
    const { user } = session;
    return html`<div class="account">
      <p>Signed in as <strong>${user.name}</strong> <span class="muted">(${user.role}, ${user.organisation})</span></p>
      <button type="button" @click=${() => this.#session.store.signOut(SIGNED_OUT_NOTICE)}>Sign out</button>
    </div>`;
  }

  #caseloadPage(): TemplateResult {
    return html`
      <h1 tabindex="-1">Your caseload</h1>
      <p class="lead">The children whose plans you can see. Choose a child's name to open their plan.</p>
      ${this.#caseload.stale ? html`<p class="notice" role="status">${this.#caseload.stale}</p>` : nothing}
      <caseload-list
        .caseload=${this.#caseload.caseload}
        .error=${this.#caseload.error}
        @open-child=${(e: CustomEvent<{ childId: string; name: string }>) => this.#openChild(e.detail.childId, e.detail.name)}
        @reload-caseload=${() => void this.#caseload.load()}
      ></caseload-list>
    `;
  }

  #planPage(childId: string): TemplateResult {
    const child = this.#caseload.find(childId);
    if (child) {
      const route = this.#routes.route;
      const section = route.page === 'plan' ? route.section : undefined;
      const meetingId = route.page === 'plan' ? route.meetingId : undefined;
      return html`<workspace-page
        child-name=${child.name}
        child-id=${child.childId}
        section=${section ?? 'details'}
        meeting-id=${meetingId ?? ''}
        ?restricted=${child.restricted}
        @back-to-caseload=${() => this.#showCaseload()}
        @workspace-navigate=${(e: CustomEvent<{ section: WorkspaceSection; meetingId?: string }>) =>
          this.#routes.navigate({ page: 'plan', childId: child.childId, section: e.detail.section, ...(e.detail.meetingId ? { meetingId: e.detail.meetingId } : {}) })}
        @plan-title=${(e: CustomEvent<string>) => this.#setPlanTitle(child.childId, e.detail)}
      ></workspace-page>`;
    }
    const loading = this.#caseload.caseload === undefined && this.#caseload.error === undefined;
    return html`
      <a href="/" @click=${(e: MouseEvent) => this.#back(e)}>Back to caseload</a>
      <h1 tabindex="-1">${loading ? "Child's plan" : 'Plan not available'}</h1>
      ${loading
        ? html`<p role="status">Loading…</p>`
        : html`<p>${this.#caseload.error ?? 'There is no such child in your caseload, or you do not have access to their plan. Ask the child’s team manager if you need it.'}</p>`}
    `;
  }

  #openChild(childId: string, name: string): void {
    this.#planTitle = { childId, title: name };
    this.#routes.navigate({ page: 'plan', childId });
  }

  #showCaseload(): void {
    this.#routes.navigate({ page: 'caseload' });
  }

  #back(event: MouseEvent): void {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.#showCaseload();
  }

  #setPlanTitle(childId: string, title: string): void {
    if (this.#planTitle?.childId === childId && this.#planTitle.title === title) return;
    this.#planTitle = { childId, title };
    this.requestUpdate();
  }
}

customElements.define('app-root', AppRoot);

declare global {
  interface HTMLElementTagNameMap {
    'app-root': AppRoot;
  }
}

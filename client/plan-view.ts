/**
 * `<plan-view>`: the page of one child's plan: a "Back to caseload" link, the child's name as the
 * page's heading, the sync status (and read-only access, in words), then the latest PPM record
 * and the pathway timeline, both live. It opens the plan itself (see `open-plan-controller.ts`)
 * for `child-id`, with the session from the context; or shows a `plan` it is given (tests).
 *
 * Fires `back-to-caseload` (bubbling, composed) when the back link is followed, and
 * `plan-title` with the child's name whenever the heading changes, so the page can set the
 * document's title.
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { DocChangesController } from './doc-changes-controller.ts';
import { OpenPlanController } from './open-plan-controller.ts';
import type { OpenPlan } from './plan-context.ts';
import { isPlainClick } from './route-controller.ts';
import type { SyncState } from './sync-context.ts';
import './plan-timeline.ts';
import './ppm-record-view.ts';
import './sync-status.ts';

export class PlanView extends LitElement {
  static override properties = {
    childId: { type: String, attribute: 'child-id' },
    childName: { type: String, attribute: 'child-name' },
    readOnly: { type: Boolean, attribute: 'read-only' },
    plan: { attribute: false },
    syncState: { attribute: false },
  };

  static override styles = css`
    :host { display: block; color: #0b0c0c; }
    .back { display: inline-block; margin: 0 0 1rem; color: #0b0c0c; text-underline-offset: 0.15em; }
    .back::before { content: ''; display: inline-block; width: 0.45em; height: 0.45em; margin-right: 0.4em; border: solid currentColor; border-width: 0 0 2px 2px; transform: rotate(45deg); vertical-align: 0.1em; }
    .back:focus-visible { outline: 3px solid transparent; background: #ffdd00; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none; }
    .caption { color: #505a5f; font-size: 1.15rem; margin: 0; }
    h1 { font-size: 2rem; margin: 0 0 0.75rem; }
    h1:focus { outline: none; }
    sync-status { margin: 0 0 1.5rem; }
    .message { border-left: 5px solid #1d70b8; background: #f0f4f8; padding: 0.5rem 0.75rem; }
    .failed { border-left-color: #d4351c; background: #fdf2f0; }
    ppm-record-view { margin: 0 0 2.5rem; }
  `;

  /** The child whose plan to open. */
  declare childId: string | undefined;
  /** The child's name as the caseload gave it, shown until the plan has arrived. */
  declare childName: string | undefined;
  /** The caseload says the person may only read this plan (until the server says). */
  declare readOnly: boolean;
  /** A plan to show as it is, with no connection (tests, demonstrations). */
  declare plan: OpenPlan | undefined;
  /** The sync state to show with a given `plan`. */
  declare syncState: SyncState | undefined;

  readonly #open = new OpenPlanController(this, () => ({ childId: this.childId, readOnly: this.readOnly, given: this.plan, givenSync: this.syncState }));
  #title: string | undefined;

  constructor() {
    super();
    this.readOnly = false;
    // The heading is the child's name from the live document.
    new DocChangesController(this, () => {
      const load = this.#open.load;
      return load?.status === 'ready' ? { doc: load.openPlan.plan.doc, spec: load.openPlan.plan.spec } : undefined;
    }, ['child']);
  }

  /** Moves the keyboard focus to the heading, after the page changed to this one. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  }

  /** The child's name: from the plan once open, else the one the caseload gave. */
  #name(): string {
    const load = this.#open.load;
    const live = load?.status === 'ready' ? load.openPlan.plan.child.value('name') : undefined;
    return (typeof live === 'string' && live.trim() !== '' ? live : this.childName) ?? "Child's plan";
  }

  override render(): TemplateResult {
    const load = this.#open.load;
    return html`
      <a class="back" href="/" @click=${this.#back}>Back to caseload</a>
      <p class="caption">Child's plan</p>
      <h1 tabindex="-1">${this.#name()}</h1>
      <sync-status></sync-status>
      ${load === undefined
        ? nothing
        : load.status === 'ready'
          ? html`<ppm-record-view></ppm-record-view><plan-timeline></plan-timeline>`
          : load.status === 'failed'
            ? // When access ended, <sync-status> already says why.
              this.#open.sync?.phase === 'access-ended'
              ? nothing
              : html`<p class="message failed" role="alert">${load.message}</p>`
            : html`<p class="message" role="status">${load.message}</p>`}
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const title = this.#name();
    if (title !== this.#title) {
      this.#title = title;
      this.dispatchEvent(new CustomEvent<string>('plan-title', { detail: title, bubbles: true, composed: true }));
    }
  }

  #back(event: MouseEvent): void {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.dispatchEvent(new Event('back-to-caseload', { bubbles: true, composed: true }));
  }
}

customElements.define('plan-view', PlanView);

declare global {
  interface HTMLElementTagNameMap {
    'plan-view': PlanView;
  }
  interface HTMLElementEventMap {
    'plan-title': CustomEvent<string>;
    'back-to-caseload': Event;
  }
}

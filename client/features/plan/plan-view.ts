/**
 * `<plan-view>`: the page of one child's plan: a "Back to caseload" link, the child's name as the
 * page's heading, the sync status (and read-only access, in words), then the latest PPM record
 * and the pathway timeline, both live, who is in the plan (`<plan-presence>`) and its history and
 * versions (`<plan-history>`). It reads the open plan, how far it has opened and its
 * sync state from the contexts the page root provides (`app/open-plan-controller.ts`); it never
 * opens a plan itself. The timeline, presence and history are other features' elements, used by tag name and
 * registered by `app/`.
 *
 * Fires `back-to-caseload` (bubbling, composed) when the back link is followed, and
 * `plan-title` with the child's name whenever the heading changes, so the page can set the
 * document's title.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { DocChangesController } from '../../binding/doc-changes-controller.ts';
import { openPlanContext } from '../../binding/open-plan-context.ts';
import { planLoadContext } from '../../sync/plan-load.ts';
import { syncStateContext } from '../../sync/sync-state.ts';
import { focusStyles } from '../../ui/focus.ts';
import { isPlainClick } from '../../ui/plain-click.ts';
import { colour, space, typeSize } from '../../ui/tokens.ts';
import './ppm-record-view.ts';
import './sync-status.ts';

/** `<plan-view>`: the page of the open child's plan, read from the contexts. */
export class PlanView extends LitElement {
  static override properties = {
    childName: { type: String, attribute: 'child-name' },
  };

  static override styles = [css`
    :host { display: block; color: ${colour.text}; }
    .back { display: inline-block; margin: 0 0 1rem; color: ${colour.text}; text-underline-offset: 0.15em; }
    .back::before { content: ''; display: inline-block; width: 0.45em; height: 0.45em; margin-right: 0.4em; border: solid currentColor; border-width: 0 0 2px 2px; transform: rotate(45deg); vertical-align: 0.1em; }
    .caption { color: ${colour.secondary}; font-size: ${typeSize.lead}; margin: 0; }
    h1 { font-size: ${typeSize.h1}; margin: 0 0 ${space.m}; }
    h1:focus { outline: none; }
    sync-status { margin: 0 0 ${space.xl}; }
    .message { border-left: 5px solid ${colour.link}; background: ${colour.infoBackground}; padding: ${space.s} ${space.m}; }
    .failed { border-left-color: ${colour.red}; background: ${colour.redBackground}; }
    ppm-record-view { margin: 0 0 ${space.xxl}; }
  `, focusStyles];

  /** The child's name as the caseload gave it, shown until the plan has arrived. */
  declare childName: string | undefined;

  readonly #plan = new ContextConsumer(this, { context: openPlanContext, subscribe: true });
  readonly #load = new ContextConsumer(this, { context: planLoadContext, subscribe: true });
  readonly #sync = new ContextConsumer(this, { context: syncStateContext, subscribe: true });
  #title: string | undefined;

  constructor() {
    super();
    // The heading is the child's name from the live document.
    new DocChangesController(this, () => this.#plan.value?.plan, ['child']);
  }

  /** Moves the keyboard focus to the heading, after the page changed to this one. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('h1')?.focus();
  }

  /** The child's name: from the plan once open, else the one the caseload gave. */
  #name(): string {
    const live = this.#plan.value?.plan.child.value('name');
    return (typeof live === 'string' && live.trim() !== '' ? live : this.childName) ?? "Child's plan";
  }

  override render(): TemplateResult {
    const load = this.#plan.value ? { status: 'ready' as const } : this.#load.value;
    return html`
      <a class="back" href="/" @click=${this.#back}>Back to caseload</a>
      <p class="caption">Child's plan</p>
      <h1 tabindex="-1">${this.#name()}</h1>
      <sync-status></sync-status>
      ${load === undefined
        ? nothing
        : load.status === 'ready'
          ? html`<plan-presence></plan-presence><ppm-record-view></ppm-record-view><plan-timeline></plan-timeline>
              <section aria-labelledby="history-title"><h2 id="history-title">History and versions</h2><plan-history></plan-history></section>`
          : load.status === 'failed'
            ? // When access ended, <sync-status> already says why.
              this.#sync.value?.phase === 'access-ended'
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

/**
 * `<caseload-list>`: the children whose plans the signed-in person may see, as a table with a
 * caption and column headers: the child's name (a link that opens the plan), the pathway, the
 * latest stage recorded, the red/amber/green rating (in words and by shape, not by colour
 * alone) with the day it holds for ("as of 4 Dec 2026": the server re-rates every plan at
 * midnight as well as on every change), the next item due with its date, and whether the person
 * may edit or only read.
 *
 * Shows the `caseload` it is given; "Loading…" while it is undefined, `error` with a Try again
 * button when loading failed, and a sentence saying so when there are no children. Following a
 * name fires `open-child` (bubbling, composed) with the row; the link's address opens the same
 * plan in a new tab.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { pathOf } from '../../session/routes.ts';
import { isPlainClick } from '../../ui/plain-click.ts';
import type { CaseloadChild } from '../../../model/wire/index.ts';
import { ukShortDate } from '../../../model/words.ts';
import { RATING_LOOK } from '../../ui/rating-look.ts';
import { shapeIcon } from '../../ui/shapes.ts';
import { colour } from '../../ui/tokens.ts';
import { focusStyles } from '../../ui/focus.ts';
import { toneStyles } from '../../ui/shapes.ts';

/** The `open-child` event's detail: the row whose name was followed. */
export type OpenChildDetail = CaseloadChild;

/** The address of a child's plan page. */
export function planPath(childId: string): string {
  return pathOf({ page: 'plan', childId });
}

/** Said when no child's plan has been shared with the person. */
export const EMPTY_CASELOAD = "No children's plans have been shared with you yet. Ask the child's team manager to give you access.";

export class CaseloadList extends LitElement {
  static override properties = {
    caseload: { attribute: false },
    error: { type: String },
  };

  static override styles = [css`
    :host { display: block; color: ${colour.text}; }
    table { border-collapse: collapse; width: 100%; }
    caption { text-align: left; font-weight: 700; font-size: 1.15rem; padding-bottom: 0.5rem; }
    th, td { border-bottom: 1px solid ${colour.border}; padding: 0.5rem 0.6rem 0.5rem 0; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid ${colour.text}; }
    a { color: ${colour.link}; font-weight: 700; text-underline-offset: 0.15em; }
    a:hover { color: ${colour.linkHover}; text-decoration-thickness: 3px; }
    button { font: inherit; padding: 0.3rem 0.9rem; border: 2px solid ${colour.text}; background: ${colour.panel}; cursor: pointer; }
    .rating { display: inline-flex; align-items: center; gap: 0.35rem; }
    .shape { flex: none; }
    .muted { color: ${colour.secondary}; }
    .due-title { display: block; color: ${colour.secondary}; }
    .as-of { display: block; color: ${colour.secondary}; }
    .error { border-left: 5px solid ${colour.red}; padding: 0.5rem 0.75rem; }
    .error p { margin: 0 0 0.5rem; }
    @media (max-width: 48rem) {
      thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
      tr { display: block; border-bottom: 2px solid ${colour.border}; padding: 0.5rem 0; }
      th, td { display: block; border: none; padding: 0.15rem 0; }
      td::before { content: attr(data-label) ': '; font-weight: 700; }
    }
  `, toneStyles, focusStyles];

  /** The children to list; undefined while loading. */
  declare caseload: readonly CaseloadChild[] | undefined;
  /** Why the caseload could not be loaded. */
  declare error: string | undefined;

  override render(): TemplateResult {
    if (this.error) {
      return html`<div class="error" role="alert">
        <p>${this.error}</p>
        <button type="button" @click=${() => this.dispatchEvent(new Event('reload-caseload', { bubbles: true, composed: true }))}>Try again</button>
      </div>`;
    }
    if (!this.caseload) return html`<p role="status">Loading your caseload…</p>`;
    if (this.caseload.length === 0) return html`<p role="status" class="empty">${EMPTY_CASELOAD}</p>`;
    return html`
      <table>
        <caption>Children whose plans you can see (${this.caseload.length})</caption>
        <thead>
          <tr>
            <th scope="col">Child</th>
            <th scope="col">Pathway</th>
            <th scope="col">Latest stage</th>
            <th scope="col">Rating</th>
            <th scope="col">Next due</th>
            <th scope="col">Your access</th>
          </tr>
        </thead>
        <tbody>
          ${this.caseload.map((child) => this.#row(child))}
        </tbody>
      </table>
    `;
  }

  #row(child: CaseloadChild): TemplateResult {
    return html`<tr>
      <th scope="row" data-label="Child"><a href=${planPath(child.childId)} @click=${(e: MouseEvent) => this.#open(e, child)}>${child.name || 'Unnamed child'}</a></th>
      <td data-label="Pathway">${child.pathwayTitle ?? html`<span class="muted">No pathway chosen</span>`}</td>
      <td data-label="Latest stage">${child.stage ?? html`<span class="muted">None recorded</span>`}</td>
      <td data-label="Rating">${this.#rating(child)}</td>
      <td data-label="Next due">${this.#due(child)}</td>
      <td data-label="Your access">${child.access === 'edit' ? 'Can edit' : 'Read only'}${child.restricted ? html`<span class="due-title">including restricted details</span>` : nothing}</td>
    </tr>`;
  }

  #rating(child: CaseloadChild): TemplateResult {
    if (!child.rating) return html`<span class="rating">${shapeIcon('dash', 'neutral')} <span>Not rated</span></span>`;
    const look = RATING_LOOK[child.rating];
    return html`<span class="rating">${shapeIcon(look.shape, look.tone)} <span>${look.label} <span class="muted">(${look.meaning})</span></span></span>${this.#asOf(child)}`;
  }

  /** The day the rating holds for, when the server says. */
  #asOf(child: CaseloadChild): TemplateResult | typeof nothing {
    if (!child.ratedOn) return nothing;
    return html`<span class="as-of">as of <time datetime=${child.ratedOn}>${ukShortDate(child.ratedOn)}</time></span>`;
  }

  #due(child: CaseloadChild): TemplateResult {
    if (!child.nextDue) return html`<span class="muted">Nothing due</span>`;
    return html`<time datetime=${child.nextDue}>${ukShortDate(child.nextDue)}</time>${child.nextDueTitle ? html`<span class="due-title">${child.nextDueTitle}</span>` : nothing}`;
  }

  #open(event: MouseEvent, child: CaseloadChild): void {
    // Let the browser open a new tab or window for a modified click.
    if (!isPlainClick(event)) return;
    event.preventDefault();
    this.dispatchEvent(new CustomEvent<OpenChildDetail>('open-child', { detail: child, bubbles: true, composed: true }));
  }
}

customElements.define('caseload-list', CaseloadList);

declare global {
  interface HTMLElementTagNameMap {
    'caseload-list': CaseloadList;
  }
  interface HTMLElementEventMap {
    'open-child': CustomEvent<OpenChildDetail>;
  }
}

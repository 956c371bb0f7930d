/**
 * `<plan-previous-actions>`: in a PPM meeting, the earlier decisions still open when it was held
 * (`previousActions` of `model/next-meeting.ts`: decisions of earlier meetings with no date
 * completed before this one), headed "Previous actions (from the meeting of 3 Nov 2026)", each
 * with who is responsible, its target date and, for a person who may change the plan, its "Date
 * completed" editor. That editor writes the earlier meeting's own row: a carried-forward action
 * stays one record.
 *
 * It observes the plan's meetings itself and re-renders only when something outside this
 * meeting changes (an earlier decision added, completed, reworded; a meeting added or
 * re-dated), never on typing in this meeting's own fields: with two years of meetings the list
 * is long.
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type * as Y from 'yjs';
import { cellPath } from '../../model/conflicts.ts';
import { previousActions, type PreviousAction } from '../../model/next-meeting.ts';
import type { Plan } from '../../model/plan.ts';
import type { FieldSpec, TableSpec } from '../../model/template/form.ts';
import { formatValue, ukShortDate } from '../../model/words.ts';
import { editField, renderField } from '../fields/field-renderer.ts';
import { fieldStyles } from '../fields/field-styles.ts';
import { colour, space, typeSize } from '../ui/tokens.ts';

/** `<plan-previous-actions>`: see the file's comment. */
export class PlanPreviousActions extends LitElement {
  static override properties = {
    plan: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
    decisions: { attribute: false },
    canEdit: { type: Boolean, attribute: 'can-edit' },
  };

  static override styles = [
    fieldStyles,
    css`
      :host { display: block; margin: ${space.s} 0 ${space.l}; }
      h4 { font-size: ${typeSize.h4}; margin: ${space.m} 0 ${space.xs}; }
      .guidance { color: ${colour.secondary}; margin: 0 0 ${space.s}; max-width: 50rem; }
      ol { margin: 0; padding-left: ${space.l}; max-width: 60rem; }
      li { margin-bottom: ${space.m}; }
      p { margin: 0 0 ${space.xs}; }
      .action-meta { color: ${colour.secondary}; }
    `,
  ];

  declare plan: Plan | undefined;
  declare meetingId: string | undefined;
  /** The meetings' decisions table (its columns: decision, responsible, target date, date completed). */
  declare decisions: TableSpec | undefined;
  declare canEdit: boolean;

  #observed: Y.Array<Y.Map<unknown>> | undefined;
  readonly #onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const at = this.plan?.ppms.indexOf(this.meetingId ?? '') ?? -1;
    // Changes inside this meeting only (its fields, its own decisions) leave the list as it is.
    if (at >= 0 && events.every((e) => e.path.length > 0 && e.path[0] === at)) return;
    this.requestUpdate();
  };

  constructor() {
    super();
    this.canEdit = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observed?.unobserveDeep(this.#onChange);
    this.#observed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('plan')) this.#observe();
  }

  override render(): TemplateResult {
    const { plan, meetingId, decisions } = this;
    if (!plan || !meetingId || !decisions) return html``;
    const actions = previousActions(plan, meetingId);
    const dates = [...new Set(actions.map((a) => a.meetingDate))];
    const heading = dates.length === 1 && dates[0] ? `Previous actions (from the meeting of ${ukShortDate(dates[0])})` : 'Previous actions (from earlier meetings)';
    const column = (id: string): FieldSpec | undefined => decisions.columns.find((c) => c.id === id);
    const completed = column('completedDate');
    const word = (a: PreviousAction, id: string): string | undefined => {
      const c = column(id);
      if (!c) return undefined;
      return c.kind === 'text' ? a.decision.text(id).toString() : formatValue(c, a.decision.value(id));
    };
    return html`
      <h4 id="previous-actions">${heading}</h4>
      <p class="guidance">Check that each was done: record the date completed, or it is carried forward to the next meeting.</p>
      ${actions.length === 0
        ? html`<p class="empty">No earlier actions are open.</p>`
        : html`<ol aria-labelledby="previous-actions">
            ${actions.map(
              (a, i) => html`<li class="previous-action" data-row-id=${a.decision.id}>
                <p class="action-text"><strong>${word(a, 'decision') || `Action ${i + 1}`}</strong></p>
                <p class="action-meta">
                  ${dates.length > 1 && a.meetingDate ? html`From the meeting of ${ukShortDate(a.meetingDate)}. ` : nothing}
                  ${column('responsible') ? html`Responsible: ${word(a, 'responsible')}. ` : nothing}
                  ${column('targetDate') ? html`Target date: ${word(a, 'targetDate')}.` : nothing}
                </p>
                ${completed
                  ? this.canEdit
                    ? editField(completed, a.decision, {
                        path: cellPath('ppms', a.meeting.id, decisions.id, completed.id),
                        rowId: a.decision.id,
                        label: `${completed.label}: ${word(a, 'decision')?.slice(0, 80) || `action ${i + 1}`}`,
                      })
                    : html`<p>${completed.label}: ${renderField(completed, a.decision)}</p>`
                  : nothing}
              </li>`,
            )}
          </ol>`}
    `;
  }

  #observe(): void {
    const array = this.plan?.ppms.array;
    if (array === this.#observed) return;
    this.#observed?.unobserveDeep(this.#onChange);
    this.#observed = array;
    array?.observeDeep(this.#onChange);
  }
}

customElements.define('plan-previous-actions', PlanPreviousActions);

declare global {
  interface HTMLElementTagNameMap {
    'plan-previous-actions': PlanPreviousActions;
  }
}

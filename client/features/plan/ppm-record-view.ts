/**
 * `<ppm-record-view>`: a read-only view of one Permanence Planning Meeting record of the open
 * plan: a heading with the child's name, which meeting it is and when it was held, then the
 * record laid out by the PPM template through the one template-driven form, `<plan-form>`
 * (the child's details first). It re-renders whenever the shared document changes, locally or
 * from another person; a field in conflict shows every kept value, with who and when.
 *
 * The plan comes from `openPlanContext` only. `meeting-id` picks the meeting; without one it is
 * the latest by the model's one rule, `Plan.latestMeeting()` (latest by date of meeting, then
 * the one added last), so the page and the printed minutes show the same meeting.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Plan } from '../../../model/plan.ts';
import type { RecordView } from '../../../model/record-view.ts';
import { formatValue } from '../../../model/words.ts';
import { DocChangesController } from '../../binding/doc-changes-controller.ts';
import { openPlanContext } from '../../binding/open-plan-context.ts';
import '../../forms/plan-form.ts';
import { colour, space, typeSize } from '../../ui/tokens.ts';

/** `<ppm-record-view>`: one PPM meeting of the open plan, read-only, through `<plan-form>`. */
export class PpmRecordView extends LitElement {
  static override properties = {
    meetingId: { type: String, attribute: 'meeting-id' },
  };

  static override styles = css`
    :host { display: block; font: inherit; color: ${colour.text}; line-height: 1.5; }
    h2 { font-size: ${typeSize.h2}; margin: 0 0 ${space.xs}; }
    .empty { color: ${colour.secondary}; font-style: italic; }
  `;

  /** Id of the meeting to show; the latest meeting when unset. */
  declare meetingId: string | undefined;

  readonly #context = new ContextConsumer(this, { context: openPlanContext, subscribe: true });

  constructor() {
    super();
    new DocChangesController(this, () => this.#context.value?.plan, ['child', 'ppms']);
  }

  /** Resolves when this element and the form inside it have rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const form = this.shadowRoot?.querySelector('plan-form');
    return form ? (await form.updateComplete) && done : done;
  }

  override render(): TemplateResult {
    const plan = this.#context.value?.plan;
    if (!plan) return html`<p class="empty" role="status">No plan is open.</p>`;
    const shown = this.#meeting(plan);
    const name = plan.child.value('name');
    return html`
      <article aria-labelledby="title">
        <h2 id="title">Permanence Planning Meeting${typeof name === 'string' ? html`: ${name}` : nothing}</h2>
        ${shown
          ? html`<p>Meeting ${shown.index + 1} of ${shown.count}${this.#meetingDate(shown.meeting)}</p>`
          : html`<p class="empty" role="status">No meeting has been recorded for this child yet.</p>`}
        <plan-form form-part="ppm" record-id=${shown?.meeting.id ?? this.meetingId ?? nothing}></plan-form>
      </article>
    `;
  }

  /** The meeting asked for, or the latest; with its place among the meetings held. */
  #meeting(plan: Plan): { meeting: RecordView; index: number; count: number } | undefined {
    if (!this.meetingId) return plan.latestMeeting();
    const meetings = plan.ppms.rows();
    const index = meetings.findIndex((m) => m.id === this.meetingId);
    return index < 0 ? undefined : { meeting: meetings[index]!, index, count: meetings.length };
  }

  #meetingDate(meeting: RecordView): TemplateResult | typeof nothing {
    const field = meeting.spec.fields.find((f) => f.id === 'meetingDate');
    const value = field ? meeting.value('meetingDate') : undefined;
    return field && value ? html`, held on <time datetime=${String(value)}>${formatValue(field, value)}</time>` : nothing;
  }
}

customElements.define('ppm-record-view', PpmRecordView);

declare global {
  interface HTMLElementTagNameMap {
    'ppm-record-view': PpmRecordView;
  }
}

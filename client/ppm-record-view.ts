/**
 * `<ppm-record-view>`: a read-only view of one Permanence Planning Meeting record of a child's
 * plan, laid out by the PPM template's sections (the child's details first), with tables for
 * people involved and decisions. It re-renders whenever the shared document changes, locally
 * or from another person. A field in conflict shows every kept value, with who and when, in
 * words as well as colour.
 *
 * Takes the plan and the PPM form from the `plan` and `form` properties, or else from the
 * {@link openPlanContext}. `meetingId` picks the meeting; the latest one by default.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Plan } from '../model/plan.ts';
import type { RecordView } from '../model/record-view.ts';
import type { FieldSpec, FormTemplate, SectionSpec, TableSpec } from '../model/template/form.ts';
import { DocChangesController } from './doc-changes-controller.ts';
import { formatValue, formatWhen, NOT_RECORDED } from './format-value.ts';
import { openPlanContext } from './plan-context.ts';

export class PpmRecordView extends LitElement {
  static override properties = {
    plan: { attribute: false },
    form: { attribute: false },
    meetingId: { type: String, attribute: 'meeting-id' },
  };

  static override styles = css`
    :host { display: block; font: inherit; color: #0b0c0c; line-height: 1.5; }
    h2 { font-size: 1.6rem; margin: 0 0 0.25rem; }
    h3 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 2px solid #b1b4b6; padding-bottom: 0.25rem; }
    .guidance { color: #505a5f; margin: 0 0 0.75rem; max-width: 50rem; }
    dl { display: grid; grid-template-columns: minmax(12rem, 22rem) 1fr; gap: 0.4rem 1.25rem; margin: 0; }
    dt { font-weight: 700; }
    dd { margin: 0; white-space: pre-wrap; }
    .empty { color: #505a5f; font-style: italic; }
    .conflict { display: block; margin-top: 0.25rem; padding: 0.25rem 0.5rem; border-left: 5px solid #d4351c; background: #fdf2f0; }
    .conflict::before { content: '⚠ '; }
    table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.25rem; }
    th, td { border: 1px solid #b1b4b6; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; white-space: pre-wrap; }
    th { background: #f3f2f1; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    @media (max-width: 40rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
  `;

  /** The plan to show; when unset, the plan from {@link openPlanContext}. */
  declare plan: Plan | undefined;
  /** The PPM form template the plan was made from; when unset, the one from the context. */
  declare form: FormTemplate | undefined;
  /** Id of the meeting to show; the latest meeting when unset. */
  declare meetingId: string | undefined;

  readonly #context = new ContextConsumer(this, { context: openPlanContext, subscribe: true });

  constructor() {
    super();
    new DocChangesController(this, () => {
      const plan = this.#plan();
      return plan ? { doc: plan.doc, spec: plan.spec } : undefined;
    }, ['child', 'ppms']);
  }

  #plan(): Plan | undefined {
    return this.plan ?? this.#context.value?.plan;
  }

  #form(): FormTemplate | undefined {
    return this.form ?? this.#context.value?.ppmForm;
  }

  override render(): TemplateResult {
    const plan = this.#plan();
    const form = this.#form();
    if (!plan || !form) return html`<p class="empty" role="status">No plan is open.</p>`;
    const meetings = plan.ppms.rows();
    const meeting = this.meetingId ? meetings.find((m) => m.id === this.meetingId) : meetings.at(-1);
    const name = plan.child.value('name');
    const index = meeting ? meetings.indexOf(meeting) + 1 : 0;
    return html`
      <article aria-labelledby="title">
        <h2 id="title">Permanence Planning Meeting${typeof name === 'string' ? html`: ${name}` : nothing}</h2>
        ${meeting
          ? html`<p>Meeting ${index} of ${meetings.length}${this.#meetingDate(meeting)}</p>`
          : html`<p class="empty" role="status">No meeting has been recorded for this child yet.</p>`}
        ${form.sections.map((s) => (s.scope === 'child' ? this.#section(s, plan.child) : meeting ? this.#section(s, meeting) : nothing))}
      </article>
    `;
  }

  #meetingDate(meeting: RecordView): TemplateResult | typeof nothing {
    const field = meeting.spec.fields.find((f) => f.id === 'meetingDate');
    const value = field ? meeting.value('meetingDate') : undefined;
    return field && value ? html`, held on <time datetime=${String(value)}>${formatValue(field, value)}</time>` : nothing;
  }

  #section(section: SectionSpec, record: RecordView): TemplateResult {
    const id = `section-${section.id}`;
    return html`
      <section aria-labelledby=${id}>
        <h3 id=${id}>${section.title}</h3>
        ${section.guidance ? html`<p class="guidance">${section.guidance}</p>` : nothing}
        ${section.fields.length > 0 ? html`<dl>${section.fields.map((f) => this.#field(f, record))}</dl>` : nothing}
        ${section.tables.map((t) => this.#table(t, record, t.label === section.title))}
      </section>
    `;
  }

  #field(field: FieldSpec, record: RecordView): TemplateResult {
    return html`<dt>${field.label}</dt><dd>${this.#value(field, record)}</dd>`;
  }

  #value(field: FieldSpec, record: RecordView): TemplateResult {
    if (field.kind === 'text') {
      const text = record.text(field.id).toString();
      return text ? html`${text}` : html`<span class="empty">${NOT_RECORDED}</span>`;
    }
    const state = record.get(field.id);
    const shown = formatValue(field, state.value);
    return html`${state.value === undefined ? html`<span class="empty">${shown}</span>` : shown}${state.conflicts.length > 0
        ? html`<span class="conflict" role="note">Conflict to resolve: ${[state.current, ...state.conflicts]
            .map((e) => (e ? `“${formatValue(field, e.value)}” (${e.by}, ${formatWhen(e.at)})` : ''))
            .join(' or ')}</span>`
        : nothing}`;
  }

  /** A table; its caption is kept for screen readers but hidden when it repeats the section heading. */
  #table(table: TableSpec, record: RecordView, captionRepeatsHeading: boolean): TemplateResult {
    const rows = record.table(table.id).rows();
    return html`
      <table>
        <caption class=${captionRepeatsHeading ? 'visually-hidden' : ''}>${table.label}</caption>
        <thead><tr>${table.columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
        <tbody>
          ${rows.length === 0
            ? html`<tr><td colspan=${table.columns.length} class="empty">None recorded</td></tr>`
            : rows.map((row) => html`<tr>${table.columns.map((c) => html`<td>${this.#value(c, row)}</td>`)}</tr>`)}
        </tbody>
      </table>
    `;
  }
}

customElements.define('ppm-record-view', PpmRecordView);

declare global {
  interface HTMLElementTagNameMap {
    'ppm-record-view': PpmRecordView;
  }
}

/**
 * `<plan-form>`: ONE element that lays out any form template of the open plan (the PPM record,
 * the contingency plan, the introduction plan) from the template's own sections, fields and
 * tables: each section a headed region with its guidance, its fields as a description list
 * and its tables as captioned tables, every value shown by its kind's renderer
 * (`fields/field-renderer.ts`). Read-only for now. A local authority's new or changed
 * template is laid out with no change here.
 *
 * `form-part` picks the form: `ppm` (one meeting: `record-id`, or the latest meeting by the model's
 * one rule, `Plan.latestMeeting()`), `contingency` or `introduction` (one record each). Sections
 * scoped to `child` show the child's details, shared by every form. The plan and its forms come
 * from `openPlanContext` only; the form re-renders whenever its part or the child's details
 * change, locally or from another person.
 */
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { PlanPart } from '../../model/plan-spec.ts';
import type { Plan } from '../../model/plan.ts';
import type { RecordView } from '../../model/record-view.ts';
import type { FormTemplate, SectionSpec, TableSpec } from '../../model/template/form.ts';
import { DocChangesController } from '../binding/doc-changes-controller.ts';
import { openPlanContext, type OpenPlan } from '../binding/open-plan-context.ts';
import { renderField } from '../fields/field-renderer.ts';
import { formStyles } from './form-styles.ts';

/** The forms of a plan, as `form-part` names them. */
export type FormPart = 'ppm' | 'contingency' | 'introduction';

/** Where each part's record lives in the plan, and which root holds it. */
const PARTS: Readonly<Record<FormPart, { readonly root: PlanPart; readonly record: (plan: Plan, id: string | undefined) => RecordView | undefined }>> = {
  ppm: { root: 'ppms', record: (plan, id) => (id ? plan.ppms.row(id) : plan.latestMeeting()?.meeting) },
  contingency: { root: 'contingency', record: (plan) => plan.contingency },
  introduction: { root: 'introduction', record: (plan) => plan.introduction },
};

/** `<plan-form>`: lays out one form template of the open plan; see the file's comment. */
export class PlanForm extends LitElement {
  static override properties = {
    formPart: { type: String, attribute: 'form-part' },
    recordId: { type: String, attribute: 'record-id' },
  };

  static override styles = formStyles;

  /** Which of the plan's forms to lay out. Default `ppm`. */
  declare formPart: FormPart;
  /** The record to show (a meeting's id for `ppm`); the latest meeting when unset. */
  declare recordId: string | undefined;

  readonly #open = new ContextConsumer(this, { context: openPlanContext, subscribe: true });

  constructor() {
    super();
    this.formPart = 'ppm';
    new DocChangesController(this, () => this.#open.value?.plan, () => ['child', PARTS[this.formPart].root]);
  }

  override render(): TemplateResult {
    const open = this.#open.value;
    if (!open) return html`<p class="empty" role="status">No plan is open.</p>`;
    const template = formOf(open, this.formPart);
    const record = PARTS[this.formPart].record(open.plan, this.recordId);
    return html`${template.sections.map((s) => (s.scope === 'child' ? this.#section(s, open.plan.child) : record ? this.#section(s, record) : nothing))}`;
  }

  #section(section: SectionSpec, record: RecordView): TemplateResult {
    const id = `section-${section.id}`;
    return html`
      <section aria-labelledby=${id}>
        <h3 id=${id}>${section.title}</h3>
        ${section.guidance ? html`<p class="guidance">${section.guidance}</p>` : nothing}
        ${section.fields.length > 0 ? html`<dl>${section.fields.map((f) => html`<dt>${f.label}</dt><dd>${renderField(f, record)}</dd>`)}</dl>` : nothing}
        ${section.tables.map((t) => this.#table(t, record, t.label === section.title))}
      </section>
    `;
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
            : rows.map((row) => html`<tr>${table.columns.map((c) => html`<td>${renderField(c, row)}</td>`)}</tr>`)}
        </tbody>
      </table>
    `;
  }
}

/** The form template a part is laid out by. */
export function formOf(open: OpenPlan, part: FormPart): FormTemplate {
  return open.forms[part];
}

customElements.define('plan-form', PlanForm);

declare global {
  interface HTMLElementTagNameMap {
    'plan-form': PlanForm;
  }
}

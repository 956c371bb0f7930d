/**
 * `<plan-form>`: ONE element that lays out any form template of the open plan (the PPM record,
 * the contingency plan, the introduction plan, the child's details) from the template's own
 * sections, fields and tables. A local authority's new or changed template is laid out with no
 * change here.
 *
 * - **Editable** when the open plan says the person may change it (`OpenPlan.canEdit`): every
 *   field is its kind's labelled editor (`fields/field-renderer.ts`: text bound to its Y.Text,
 *   single values to their register, conflicts shown and resolved at the field) and every table
 *   a `<plan-table-editor>` (add, edit, reorder, remove and restore rows).
 * - **Read only** otherwise: values in words (a description list; tables as captioned tables),
 *   nothing focusable that looks editable, and "You can read this plan but not change it" at the
 *   top.
 *
 * Every field carries `data-field-path="<part>/<recordId>/<fieldId>"` (`model/conflicts.ts`).
 *
 * `form-part` picks the form: `ppm` (one meeting: `record-id`, or the latest meeting by the model's
 * one rule, `Plan.latestMeeting()`), `contingency`, `introduction` (one record each) or `child`
 * (the child's details: the PPM template's child sections, then the child's fields no template's
 * section holds, such as jurisdiction and multi-track planning). Sections
 * scoped to `child` show the child's details, shared by every form. In a meeting, the decisions
 * table is labelled as this meeting's own ("Decisions of this meeting", where the template says
 * "Decisions taken at Last Review"), after the **previous actions**: the earlier decisions not
 * completed when it was held (`model/next-meeting.ts`), each with its "Date completed" to record.
 */
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { cellPath, fieldPath } from '../../model/conflicts.ts';
import { CORE_DECISIONS_TABLE_ID } from '../../model/core-fields.ts';
import type { PlanPart } from '../../model/plan-spec.ts';
import type { Plan } from '../../model/plan.ts';
import type { RecordView } from '../../model/record-view.ts';
import type { FieldSpec, FormTemplate, SectionSpec, TableSpec } from '../../model/template/form.ts';
import { DocChangesController } from '../binding/doc-changes-controller.ts';
import { openPlanContext, type OpenPlan } from '../binding/open-plan-context.ts';
import { editField, renderField } from '../fields/field-renderer.ts';
import '../fields/table-editor.ts';
import { formStyles } from './form-styles.ts';
import './previous-actions.ts';

/** The forms of a plan, as `form-part` names them. */
export type FormPart = 'ppm' | 'contingency' | 'introduction' | 'child';

/** What a person reads at the top of a form they cannot change. */
export const READ_ONLY_NOTE = 'You can read this plan but not change it.';

/** How a meeting labels its own decisions table (the template's label reads "Decisions taken at Last Review"). */
export const THIS_MEETING_DECISIONS = 'Decisions of this meeting';

/** Where each part's record lives in the plan, and which root holds it. */
const PARTS: Readonly<Record<FormPart, { readonly root: PlanPart; readonly record: (plan: Plan, id: string | undefined) => RecordView | undefined }>> = {
  ppm: { root: 'ppms', record: (plan, id) => (id ? plan.ppms.row(id) : plan.latestMeeting()?.meeting) },
  contingency: { root: 'contingency', record: (plan) => plan.contingency },
  introduction: { root: 'introduction', record: (plan) => plan.introduction },
  child: { root: 'child', record: (plan) => plan.child },
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
    const part = PARTS[this.formPart];
    const record = part.record(open.plan, this.recordId);
    const canEdit = open.canEdit === true;
    const sections = sectionsOf(open, this.formPart);
    return html`
      ${canEdit ? nothing : html`<p class="read-only-note" role="note"><strong>${READ_ONLY_NOTE}</strong></p>`}
      ${sections.map((s) =>
        s.scope === 'child' ? this.#section(open, s, 'child', open.plan.child, canEdit) : record ? this.#section(open, s, part.root, record, canEdit) : nothing,
      )}
    `;
  }

  #section(open: OpenPlan, section: SectionSpec, root: PlanPart, record: RecordView, canEdit: boolean): TemplateResult {
    const id = `section-${section.id}`;
    const inMeeting = root === 'ppms';
    const path = (f: FieldSpec): string => fieldPath(root, record.id, f.id);
    return html`
      <section aria-labelledby=${id}>
        <h3 id=${id}>${section.title}</h3>
        ${section.guidance ? html`<p class="guidance">${section.guidance}</p>` : nothing}
        ${section.fields.length === 0
          ? nothing
          : canEdit
            ? html`<div class="fields">${section.fields.map((f) => html`<div class=${f.kind === 'text' ? 'field wide' : 'field'}>${editField(f, record, { path: path(f), label: f.label })}</div>`)}</div>`
            : html`<dl>${section.fields.map((f) => html`<dt>${f.label}</dt><dd data-field-path=${path(f)}>${renderField(f, record)}</dd>`)}</dl>`}
        ${section.tables.map((t) => {
          const label = inMeeting && t.id === CORE_DECISIONS_TABLE_ID ? THIS_MEETING_DECISIONS : t.label;
          return html`
            ${inMeeting && t.id === CORE_DECISIONS_TABLE_ID
              ? html`<plan-previous-actions .plan=${open.plan} .meetingId=${record.id} .decisions=${t} ?can-edit=${canEdit}></plan-previous-actions>`
              : nothing}
            ${canEdit
              ? html`<plan-table-editor .record=${record} .table=${t} .planPart=${root} .label=${label} ?heading-hidden=${label === section.title}></plan-table-editor>`
              : this.#table(t, label, record, root, label === section.title)}
          `;
        })}
      </section>
    `;
  }

  /** A read-only table; its caption is kept for screen readers but hidden when it repeats the section heading. */
  #table(table: TableSpec, label: string, record: RecordView, root: PlanPart, captionRepeatsHeading: boolean): TemplateResult {
    const rows = record.table(table.id).rows();
    return html`
      <table>
        <caption class=${captionRepeatsHeading ? 'visually-hidden' : ''}>${label}</caption>
        <thead><tr>${table.columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
        <tbody>
          ${rows.length === 0
            ? html`<tr><td colspan=${table.columns.length} class="empty">None recorded</td></tr>`
            : rows.map(
                (row) =>
                  html`<tr data-row-id=${row.id}>${table.columns.map((c) => html`<td data-field-path=${cellPath(root, record.id, table.id, c.id)} data-row-id=${row.id}>${renderField(c, row)}</td>`)}</tr>`,
              )}
        </tbody>
      </table>
    `;
  }
}

/** The form template a part is laid out by (`child`: the PPM template, whose child sections it shows). */
export function formOf(open: OpenPlan, part: FormPart): FormTemplate {
  return open.forms[part === 'child' ? 'ppm' : part];
}

/**
 * The sections a part lays out: its template's sections; for `child`, the child-scoped sections
 * of every form template (the child's details are one record shared by all of them).
 */
export function sectionsOf(open: OpenPlan, part: FormPart): SectionSpec[] {
  if (part !== 'child') return formOf(open, part).sections;
  const own = open.forms.ppm.sections.filter((s) => s.scope === 'child');
  const covered = new Set(
    [open.forms.ppm, open.forms.contingency, open.forms.introduction].flatMap((t) => t.sections.filter((s) => s.scope === 'child').flatMap((s) => s.fields.map((f) => f.id))),
  );
  const rest = open.plan.child.spec.fields.filter((f) => !covered.has(f.id));
  return rest.length === 0 ? own : [...own, { id: 'more-child-details', title: OTHER_CHILD_DETAILS, scope: 'child', fields: rest, tables: [] }];
}

/** The heading of the child's details that no template's section holds (jurisdiction, proceedings, multi-track ...). */
export const OTHER_CHILD_DETAILS = 'Legal and planning details';

customElements.define('plan-form', PlanForm);

declare global {
  interface HTMLElementTagNameMap {
    'plan-form': PlanForm;
  }
}

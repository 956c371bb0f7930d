/**
 * `<plan-table-editor>`: one table of a record (a meeting's decisions, the people involved, the
 * introduction days ...) edited by a person who may change the plan. Each row is a card headed
 * by what it is ("Decision 2") holding every column's editor from `field-renderer.ts`, each
 * labelled by the column's label and placed by `data-field-path` / `data-row-id`. Rows are:
 *
 * - **added** with "Add a decision" (the table's `rowName`, else its label) at the end, every
 *   field created (DESIGN decision 5); concurrent additions by several people are all kept
 *   (rows have stable ids in a Y.Array);
 * - **reordered** with "Move up" / "Move down" (keyboard: the focus follows the row);
 * - **removed** with "Remove": the row is removed from the plan at once and kept, as it was, in
 *   the "Removed rows" disclosure of this page, from which "Restore" puts it back where it was
 *   with its id, texts and every kept write (`TableView.restore`). The model has no tombstones:
 *   what is kept here is this page's copy of rows this person removed; a row removed by someone
 *   else, or before a reload, comes back from the plan's history (named versions, restore).
 *
 * It re-renders when rows are added, removed or moved (the table's Y.Array), never on edits
 * inside a row: each field element observes its own value.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type * as Y from 'yjs';
import { cellPath } from '../../model/conflicts.ts';
import type { PlanPart } from '../../model/plan-spec.ts';
import type { RecordJson } from '../../model/record-json.ts';
import type { RecordView, TableView } from '../../model/record-view.ts';
import type { TableSpec } from '../../model/template/form.ts';
import { focusStyles } from '../ui/focus.ts';
import { colour, space, typeSize } from '../ui/tokens.ts';
import { css } from 'lit';
import { editField } from './field-renderer.ts';
import { fieldStyles } from './field-styles.ts';

/** Most removed rows this page keeps for restoring (older ones come back from history). */
export const MAX_REMOVED_ROWS = 50;

/** A row this person removed on this page, kept to restore. */
interface RemovedRow {
  readonly json: RecordJson;
  readonly index: number;
  readonly summary: string;
}

/** What one row is called: "decision" → "Decision", or "row" when the table does not say. */
export function rowNameOf(table: TableSpec): string {
  return table.rowName ?? 'row';
}

/** The add button's words: "Add a decision", "Add an introduction day", or "Add a row to <label>". */
export function addLabelOf(table: TableSpec): string {
  if (!table.rowName) return `Add a row to ${table.label}`;
  return `Add ${/^[aeiou]/i.test(table.rowName) ? 'an' : 'a'} ${table.rowName}`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** `<plan-table-editor>`: an editable table of a record; see the file's comment. */
export class PlanTableEditor extends LitElement {
  static override properties = {
    record: { attribute: false, hasChanged: (a?: RecordView, b?: RecordView) => a?.map !== b?.map },
    table: { attribute: false },
    planPart: { type: String, attribute: 'plan-part' },
    label: { type: String },
    headingHidden: { type: Boolean, attribute: 'heading-hidden' },
    removed: { state: true },
    announcement: { state: true },
  };

  static override styles = [
    fieldStyles,
    focusStyles,
    css`
      :host { display: block; margin: ${space.s} 0 ${space.l}; }
      h4 { font-size: ${typeSize.h4}; margin: 0 0 ${space.xs}; }
      .help { color: ${colour.secondary}; margin: 0 0 ${space.s}; max-width: 50rem; }
      ol { list-style: none; margin: 0; padding: 0; }
      li.row { border: 1px solid ${colour.border}; border-left: 5px solid ${colour.border}; margin: 0 0 ${space.m}; padding: ${space.s} ${space.m}; }
      fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
      legend { font-weight: 700; font-size: ${typeSize.h4}; padding: 0; margin-bottom: ${space.xs}; }
      .cells { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: ${space.s} ${space.l}; }
      .cells > plan-text-field { grid-column: 1 / -1; }
      .cells > plan-register-field[conflict] { grid-column: span 2; }
      .actions { display: flex; flex-wrap: wrap; gap: ${space.s}; margin-top: ${space.s}; }
      button { font: inherit; min-height: 2.25rem; min-width: 2.25rem; padding: 0.3rem 0.8rem; border: 2px solid transparent; border-radius: 0; cursor: pointer; }
      button.secondary { background: ${colour.panel}; color: ${colour.text}; box-shadow: 0 2px 0 ${colour.secondary}; }
      button.secondary:hover { background: ${colour.panelHover}; }
      button.warning { background: ${colour.red}; color: ${colour.white}; box-shadow: 0 2px 0 ${colour.redText}; }
      button.add { background: ${colour.green}; color: ${colour.white}; box-shadow: 0 2px 0 ${colour.greenShadow}; }
      button.add:hover { background: ${colour.greenHover}; }
      .none { color: ${colour.secondary}; font-style: italic; margin: 0 0 ${space.s}; }
      details { margin-top: ${space.m}; }
      summary { cursor: pointer; color: ${colour.link}; text-decoration: underline; min-height: 1.5rem; }
      details ul { margin: ${space.s} 0 0; padding-left: ${space.l}; }
      details li { margin-bottom: ${space.xs}; }
    `,
  ];

  /** The record holding the table. */
  declare record: RecordView | undefined;
  declare table: TableSpec | undefined;
  /** The plan's root holding the record, for the fields' paths. */
  declare planPart: PlanPart;
  /** The table's heading; the template's label when unset (a meeting may label its decisions). */
  declare label: string | undefined;
  /** Keep the table's heading for screen readers only (it repeats the section's heading). */
  declare headingHidden: boolean;
  declare removed: readonly RemovedRow[];
  declare announcement: string;

  #observed: Y.Array<Y.Map<unknown>> | undefined;
  readonly #onRows = (): void => this.requestUpdate();

  constructor() {
    super();
    this.planPart = 'ppms';
    this.removed = [];
    this.announcement = '';
    this.headingHidden = false;
  }

  /** The table's rows, as the model sees them. */
  get view(): TableView | undefined {
    return this.record && this.table ? this.record.table(this.table.id) : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observed?.unobserve(this.#onRows);
    this.#observed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record') || changed.has('table')) {
      this.removed = changed.has('record') && changed.get('record') ? [] : this.removed;
      this.#observe();
    }
  }

  override render(): TemplateResult {
    const view = this.view;
    const table = this.table;
    if (!view || !table || !this.record) return html``;
    const rows = view.rows();
    const name = capital(rowNameOf(table));
    const headingId = `table-${table.id}`;
    return html`
      <h4 id=${headingId} class=${this.headingHidden ? 'visually-hidden' : ''}>${this.label ?? table.label}</h4>
      ${table.help ? html`<p class="help">${table.help}</p>` : nothing}
      ${rows.length === 0 ? html`<p class="none">None recorded yet.</p>` : nothing}
      <ol aria-labelledby=${headingId}>
        ${repeat(
          rows,
          (row) => row.id,
          (row, index) => html`
            <li class="row" data-row-id=${row.id}>
              <fieldset>
                <legend>${name} ${index + 1}</legend>
                <div class="cells">
                  ${table.columns.map((column) =>
                    editField(column, row, { path: cellPath(this.planPart, this.record!.id, table.id, column.id), rowId: row.id, label: column.label, compact: true }),
                  )}
                </div>
              </fieldset>
              <div class="actions">
                ${index > 0 ? html`<button type="button" class="secondary" data-action="up" aria-label=${`Move up: ${name} ${index + 1}`} @click=${() => this.#move(row.id, index - 1, 'up')}>Move up</button>` : nothing}
                ${index < rows.length - 1 ? html`<button type="button" class="secondary" data-action="down" aria-label=${`Move down: ${name} ${index + 1}`} @click=${() => this.#move(row.id, index + 1, 'down')}>Move down</button>` : nothing}
                <button type="button" class="warning" data-action="remove" aria-label=${`Remove: ${name} ${index + 1}`} @click=${() => this.#remove(row, index)}>Remove</button>
              </div>
            </li>
          `,
        )}
      </ol>
      <button type="button" class="add" @click=${() => this.#add()}>${addLabelOf(table)}</button>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.removed.length > 0
        ? html`<details>
            <summary>Removed rows (${this.removed.length})</summary>
            <ul>
              ${this.removed.map(
                (r, i) => html`<li>${r.summary}
                  <button type="button" class="secondary" aria-label=${`Restore: ${r.summary}`} @click=${() => this.#restore(i)}>Restore</button></li>`,
              )}
            </ul>
          </details>`
        : nothing}
    `;
  }

  #add(): void {
    const view = this.view;
    if (!view) return;
    const id = view.insert();
    this.announcement = `${capital(rowNameOf(this.table!))} ${view.length} added.`;
    void this.updateComplete.then(() => this.#focusFirstControl(id));
  }

  #move(id: string, to: number, direction: 'up' | 'down'): void {
    const view = this.view;
    if (!view?.move(id, to)) return;
    this.announcement = `Moved to position ${to + 1}.`;
    void this.updateComplete.then(() => {
      const li = this.renderRoot.querySelector<HTMLElement>(`li[data-row-id="${CSS.escape(id)}"]`);
      const button = li?.querySelector<HTMLButtonElement>(`button[data-action="${direction}"]`) ?? li?.querySelector<HTMLButtonElement>('button');
      button?.focus();
    });
  }

  #remove(row: RecordView, index: number): void {
    const view = this.view;
    if (!view) return;
    const json = row.toJSON();
    const summary = summaryOf(this.table!, row, index);
    if (!view.remove(row.id)) return;
    this.removed = [{ json, index, summary }, ...this.removed].slice(0, MAX_REMOVED_ROWS);
    this.announcement = `${summary} removed. You can restore it from “Removed rows”.`;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('summary, button.add')?.focus());
  }

  #restore(at: number): void {
    const view = this.view;
    const kept = this.removed[at];
    if (!view || !kept) return;
    view.restore(kept.json, kept.index);
    this.removed = this.removed.filter((_, i) => i !== at);
    this.announcement = `${kept.summary} restored.`;
    void this.updateComplete.then(() => this.#focusFirstControl(kept.json.id));
  }

  #focusFirstControl(rowId: string): void {
    const li = this.renderRoot.querySelector(`li[data-row-id="${CSS.escape(rowId)}"]`);
    const field = li?.querySelector('plan-text-field, plan-register-field');
    void (field as LitElement | null)?.updateComplete.then(() => field?.shadowRoot?.querySelector<HTMLElement>('textarea, input, select')?.focus());
  }

  #observe(): void {
    const array = this.record && this.table ? (this.record.map.get(this.table.id) as Y.Array<Y.Map<unknown>> | undefined) : undefined;
    if (array === this.#observed) return;
    this.#observed?.unobserve(this.#onRows);
    this.#observed = array;
    array?.observe(this.#onRows);
  }
}

/** A removed row in a few words: its name and the start of its first filled column. */
function summaryOf(table: TableSpec, row: RecordView, index: number): string {
  for (const column of table.columns) {
    const value = column.kind === 'text' ? row.text(column.id).toString() : row.value(column.id);
    if (typeof value === 'string' && value.trim()) {
      const text = value.trim().replace(/\s+/g, ' ');
      return `${capital(rowNameOf(table))} ${index + 1}: “${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;
    }
  }
  return `${capital(rowNameOf(table))} ${index + 1}`;
}

customElements.define('plan-table-editor', PlanTableEditor);

declare global {
  interface HTMLElementTagNameMap {
    'plan-table-editor': PlanTableEditor;
  }
}

/**
 * A `text` field: the field's shared Y.Text, which merges character by character (DESIGN
 * decision 4).
 *
 * - Read-only ({@link textField}): the text with its line breaks, "Not recorded" when empty.
 * - Editable (`<plan-text-field>`, {@link editTextField}): a labelled, auto-growing
 *   `<textarea>` bound to the Y.Text by a {@link TextBinding}: local typing becomes minimal
 *   inserts and deletes, remote edits never move the caret nor break IME composition, and
 *   Ctrl+Z / Ctrl+Shift+Z undo and redo this person's edits in this field only. Lit renders the
 *   element once per Y.Text: the binding, not a re-render, shows every remote keystroke.
 *   Who else is in the field (`presenceContext`) is shown under its label.
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type * as Y from 'yjs';
import type { RecordView } from '../../model/record-view.ts';
import type { FieldSpec } from '../../model/template/form.ts';
import { NOT_RECORDED } from '../../model/words.ts';
import { TextBinding } from '../binding/text-binding.ts';
import { dispatchFieldEvent, type FieldPlace } from './field-events.ts';
import { fieldStyles } from './field-styles.ts';
import { PresenceController, presenceNote, presenceStyles } from './presence-note.ts';

/** A text field's current text, or "Not recorded" marked as empty. */
export function textField(field: FieldSpec, record: RecordView): TemplateResult {
  const text = record.text(field.id).toString();
  return text ? html`${text}` : html`<span class="empty">${NOT_RECORDED}</span>`;
}

/** How an editable field is labelled and placed. */
export interface EditPlace extends FieldPlace {
  /** The label shown and given to the control: the template's label. */
  readonly label: string;
  /** Guidance under the label (the template's help). */
  readonly hint?: string;
  /** A smaller control that grows with its text (a table cell). */
  readonly compact?: boolean;
}

/** An editable text field in its place. */
export function editTextField(field: FieldSpec, record: RecordView, place: EditPlace): TemplateResult {
  return html`<plan-text-field
    .text=${record.text(field.id)}
    .label=${place.label}
    .hint=${place.hint ?? field.help}
    data-field-path=${place.path}
    data-row-id=${place.rowId ?? nothing}
    ?compact=${place.compact ?? false}
  ></plan-text-field>`;
}

/** `<plan-text-field>`: a labelled textarea bound live to one Y.Text; see the file's comment. */
export class PlanTextField extends LitElement {
  static override properties = {
    text: { attribute: false },
    label: { type: String },
    hint: { type: String },
  };

  static override styles = [fieldStyles, presenceStyles, css`:host([compact]) textarea { min-height: 2.5rem; }`];

  /** The shared text edited here. */
  declare text: Y.Text | undefined;
  /** The template's label of the field. */
  declare label: string;
  declare hint: string | undefined;

  #binding: TextBinding | undefined;
  readonly #presence = new PresenceController(this);

  constructor() {
    super();
    this.label = '';
  }

  /** The binding of the textarea (tests read its undo manager and composition state). */
  get binding(): TextBinding | undefined {
    return this.#binding;
  }

  override render(): TemplateResult {
    return html`
      <label for="text">${this.label}</label>
      ${this.hint ? html`<span class="hint" id="hint">${this.hint}</span>` : nothing}
      ${presenceNote(this.#presence.at(this.#place()))}
      <textarea id="text" rows=${this.hasAttribute('compact') ? 1 : 3} spellcheck="true" aria-describedby=${this.hint ? 'hint' : nothing}
        @focus=${() => dispatchFieldEvent(this, 'field-focus', this.#place())}
        @blur=${() => dispatchFieldEvent(this, 'field-blur', this.#place())}></textarea>
    `;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#bind();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#binding?.destroy();
    this.#binding = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('text') || !this.#binding) this.#bind();
  }

  #bind(): void {
    const textarea = this.renderRoot.querySelector('textarea');
    if (this.#binding?.text === this.text && this.#binding?.textarea === textarea) return;
    this.#binding?.destroy();
    this.#binding = this.text && textarea ? new TextBinding(this.text, textarea) : undefined;
  }

  #place(): FieldPlace {
    const path = this.dataset['fieldPath'] ?? '';
    const rowId = this.dataset['rowId'];
    return rowId === undefined ? { path } : { path, rowId };
  }
}

customElements.define('plan-text-field', PlanTextField);

declare global {
  interface HTMLElementTagNameMap {
    'plan-text-field': PlanTextField;
  }
}

/**
 * The renderer of a `text` field: the field's shared Y.Text, which merges character by
 * character (DESIGN decision 4), shown with its line breaks; "Not recorded" when empty.
 */
import { html, type TemplateResult } from 'lit';
import type { RecordView } from '../../model/record-view.ts';
import type { FieldSpec } from '../../model/template/form.ts';
import { NOT_RECORDED } from '../../model/words.ts';

/** A text field's current text, or "Not recorded" marked as empty. */
export function textField(field: FieldSpec, record: RecordView): TemplateResult {
  const text = record.text(field.id).toString();
  return text ? html`${text}` : html`<span class="empty">${NOT_RECORDED}</span>`;
}

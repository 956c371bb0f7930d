/**
 * One renderer per field kind, chosen from a table keyed by the kind (as y-websocket chooses a
 * message handler from `messageHandlers[type]`), never from a switch: a form lays out any
 * template by asking {@link renderField} (read-only, the value in words) or {@link editField}
 * (the labelled control bound to the document) for each field, and a new kind is one new entry
 * in {@link FIELD_RENDERERS} (TypeScript refuses the table until every kind of the model's
 * `FieldKind` has one).
 */
import type { TemplateResult } from 'lit';
import type { RecordView } from '../../model/record-view.ts';
import type { FieldKind, FieldSpec } from '../../model/template/form.ts';
import { editRegisterField, registerField } from './register-field.ts';
import { editTextField, textField, type EditPlace } from './text-field.ts';

/** Shows and edits one field of one record (a PPM meeting, the child's details, a table row). */
export interface FieldRenderer {
  /** The value, read-only, in words. */
  readonly show: (field: FieldSpec, record: RecordView) => TemplateResult;
  /** A labelled control bound to the value, carrying its place (`data-field-path`, `data-row-id`). */
  readonly edit: (field: FieldSpec, record: RecordView, place: EditPlace) => TemplateResult;
}

/** The renderer of each field kind. */
export const FIELD_RENDERERS: Readonly<Record<FieldKind, FieldRenderer>> = {
  text: { show: textField, edit: editTextField },
  string: { show: registerField(), edit: editRegisterField },
  date: { show: registerField({ time: true }), edit: editRegisterField },
  boolean: { show: registerField(), edit: editRegisterField },
  choice: { show: registerField(), edit: editRegisterField },
  person: { show: registerField(), edit: editRegisterField },
};

/** The field's value as its kind shows it, read-only. */
export function renderField(field: FieldSpec, record: RecordView): TemplateResult {
  return FIELD_RENDERERS[field.kind].show(field, record);
}

/** The field's editor, labelled and placed. */
export function editField(field: FieldSpec, record: RecordView, place: EditPlace): TemplateResult {
  return FIELD_RENDERERS[field.kind].edit(field, record, place);
}

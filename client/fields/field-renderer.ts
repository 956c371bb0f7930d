/**
 * One renderer per field kind, chosen from a table keyed by the kind (as y-websocket chooses a
 * message handler from `messageHandlers[type]`), never from a switch: a form lays out any
 * template by asking {@link renderField} for each field, and a new kind is one new entry in
 * {@link FIELD_RENDERERS} (TypeScript refuses the table until every kind of the model's
 * `FieldKind` has one). Renderers are read-only for now; editing comes with the bindings of
 * `binding/`.
 */
import type { TemplateResult } from 'lit';
import type { RecordView } from '../../model/record-view.ts';
import type { FieldKind, FieldSpec } from '../../model/template/form.ts';
import { registerField } from './register-field.ts';
import { textField } from './text-field.ts';

/** Shows one field of one record (a PPM meeting, the child's details, a table row). */
export type FieldRenderer = (field: FieldSpec, record: RecordView) => TemplateResult;

/** The renderer of each field kind. */
export const FIELD_RENDERERS: Readonly<Record<FieldKind, FieldRenderer>> = {
  text: textField,
  string: registerField(),
  date: registerField({ time: true }),
  boolean: registerField(),
  choice: registerField(),
  person: registerField(),
};

/** The field's value as its kind shows it. */
export function renderField(field: FieldSpec, record: RecordView): TemplateResult {
  return FIELD_RENDERERS[field.kind](field, record);
}

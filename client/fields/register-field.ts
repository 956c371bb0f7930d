/**
 * The renderer of a single-valued field (string, date, yes/no, choice, person), which the model
 * keeps as a register: its value in words (`model/words.ts`: "3 February 2026", "Yes", "Not
 * recorded"), and, when people changed it at the same time (one of them offline), every kept
 * value with who wrote it and when, as a note to resolve (DESIGN decision 4), in words as well
 * as colour.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RecordView } from '../../model/record-view.ts';
import type { FieldSpec } from '../../model/template/form.ts';
import { formatValue, ukShortMoment } from '../../model/words.ts';

/** How a kind's register is shown. */
export interface RegisterFieldOptions {
  /** Wrap the value in `<time datetime>` (dates). */
  readonly time?: boolean;
}

/** A renderer for registers of one kind. */
export function registerField(options: RegisterFieldOptions = {}): (field: FieldSpec, record: RecordView) => TemplateResult {
  return (field, record) => {
    const state = record.get(field.id);
    const shown = formatValue(field, state.value);
    const value =
      state.value === undefined || state.value === null
        ? html`<span class="empty">${shown}</span>`
        : options.time
          ? html`<time datetime=${String(state.value)}>${shown}</time>`
          : html`${shown}`;
    return html`${value}${state.conflicts.length > 0
      ? html`<span class="conflict" role="note">Conflict to resolve: ${[state.current, ...state.conflicts]
          .map((e) => (e ? `“${formatValue(field, e.value)}” (${e.by}, ${ukShortMoment(e.at)})` : ''))
          .join(' or ')}</span>`
      : nothing}`;
  };
}

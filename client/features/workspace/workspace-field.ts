/**
 * One labelled control for one field of a record, writing through the model's API: a register
 * (string, person, date, choice, yes/no) is written with `RecordView.set` (a clear writes null)
 * when the person leaves the control; a text field with `RecordView.replaceText`, the smallest
 * change, so concurrent edits elsewhere in the text still merge. For the parts of the workspace
 * that are not form templates (roles, stages, checklist answers, the restricted part); the form
 * templates are laid out by `<plan-form>`. Read-only people get the value as text, no control.
 *
 * Every control carries `data-field-path` (`<part>/<recordId>/<fieldId>`, with `data-row-id` in
 * a table) and fires `field-focus` / `field-blur` as the form's fields do, so presence sees it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { RegisterValue } from '../../../model/field-value.ts';
import type { RecordView } from '../../../model/record-view.ts';
import type { FieldSpec } from '../../../model/template/form.ts';
import { formatValue, ukShortMoment } from '../../../model/words.ts';

/** Where a control sits and how it is shown. */
export interface FieldPlace {
  /** `<part>/<recordId>` of the record (or of the table's parent record). */
  readonly base: string;
  /** The row's id when the record is a table row. */
  readonly rowId?: string;
  /** The label shown (default: the field's own). */
  readonly label?: string;
  /** Said before the label to screen readers only, where a heading shows it (a role's title). */
  readonly context?: string;
  /** Shown as text, with no control. */
  readonly readOnly: boolean;
  /** Label only for screen readers (a table cell whose column header says it). */
  readonly hideLabel?: boolean;
  /** Fire no `field-focus` / `field-blur` (the restricted part: where a person is stays out of the plan's presence). */
  readonly quiet?: boolean;
}

function announce(target: EventTarget, type: 'field-focus' | 'field-blur', path: string, rowId: string | undefined): void {
  target.dispatchEvent(new CustomEvent(type, { detail: { path, rowId }, bubbles: true, composed: true }));
}

/** A register's value from a control's string: '' clears (null). */
function parsed(field: FieldSpec, raw: string): RegisterValue {
  if (raw === '') return null;
  if (field.kind === 'boolean') return raw === 'yes';
  return raw;
}

/** The control of one field, labelled. */
export function workspaceField(field: FieldSpec, record: RecordView, place: FieldPlace): TemplateResult {
  const path = `${place.base}/${field.id}`;
  const id = `f-${place.rowId ?? ''}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const label = html`${place.context ? html`<span class="visually-hidden">${place.context}: </span>` : nothing}${place.label ?? field.label}`;
  const labelEl = html`<label for=${id} class=${place.hideLabel ? 'visually-hidden' : ''}>${label}</label>`;
  const on = {
    focus: (e: Event) => {
      if (!place.quiet) announce(e.target!, 'field-focus', path, place.rowId);
    },
    blur: (e: Event) => {
      if (!place.quiet) announce(e.target!, 'field-blur', path, place.rowId);
    },
  };
  if (field.kind === 'text') {
    const text = record.text(field.id).toString();
    if (place.readOnly) return html`<div class="field"><span class="label ${place.hideLabel ? 'visually-hidden' : ''}">${label}</span><div class="multi-line">${text || html`<span class="empty">Not recorded</span>`}</div></div>`;
    return html`<div class="field">${labelEl}<textarea id=${id} rows="3" data-field-path=${path} data-row-id=${ifDefined(place.rowId)}
      .value=${text} @focus=${on.focus} @blur=${on.blur}
      @change=${(e: Event) => record.replaceText(field.id, (e.target as HTMLTextAreaElement).value)}></textarea></div>`;
  }
  const state = record.get(field.id);
  const conflict = state.conflicts.length > 0
    ? html`<p class="conflict" role="note"><strong>Conflict to resolve:</strong> ${[state.current, ...state.conflicts].map((e) => (e ? `“${formatValue(field, e.value)}” (${e.by}, ${ukShortMoment(e.at)})` : '')).join(' or ')}</p>`
    : nothing;
  if (place.readOnly) {
    return html`<div class="field"><span class="label ${place.hideLabel ? 'visually-hidden' : ''}">${label}</span><div>${state.value === undefined ? html`<span class="empty">Not recorded</span>` : formatValue(field, state.value)}</div>${conflict}</div>`;
  }
  const write = (e: Event): void => {
    const raw = (e.target as HTMLInputElement | HTMLSelectElement).value.trim();
    const next = parsed(field, raw);
    if ((next ?? undefined) === state.value && state.conflicts.length === 0) return;
    record.set(field.id, next);
  };
  const current = state.value === undefined ? '' : field.kind === 'boolean' ? (state.value ? 'yes' : 'no') : String(state.value);
  let control: TemplateResult;
  if (field.kind === 'choice' || field.kind === 'boolean') {
    const options = field.kind === 'boolean' ? [['yes', 'Yes'], ['no', 'No']] : (field.options ?? []).map((o) => [o, o]);
    control = html`<select id=${id} data-field-path=${path} data-row-id=${ifDefined(place.rowId)} @focus=${on.focus} @blur=${on.blur} @change=${write}>
      <option value="" ?selected=${current === ''}>Not recorded</option>
      ${options.map(([v, t]) => html`<option value=${v!} ?selected=${current === v}>${t}</option>`)}
    </select>`;
  } else {
    control = html`<input id=${id} type=${field.kind === 'date' ? 'date' : 'text'} data-field-path=${path} data-row-id=${ifDefined(place.rowId)}
      .value=${current} @focus=${on.focus} @blur=${on.blur} @change=${write} />`;
  }
  return html`<div class="field">${labelEl}${control}${conflict}</div>`;
}

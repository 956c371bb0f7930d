/**
 * A single-valued field (string, date, yes/no, choice, person), which the model keeps as a
 * register (`model/register.ts`).
 *
 * - Read-only ({@link registerField}): the value in words ("3 February 2026", "Yes", "Not
 *   recorded") and, when in conflict, every kept value with who wrote it and when.
 * - Editable (`<plan-register-field>`, {@link editRegisterField}): a labelled control per kind
 *   (`<input type="date">`, a `<select>` of the template's options or Yes / No, a text input for a
 *   short value, and for a person one suggesting the people the plan already names) that
 *   writes with `writeRegister` through the plan's context (one new entry per committed change:
 *   on `change`, never per keystroke). A value the field cannot hold is refused with the model's
 *   reason shown at the field, and nothing is written. A conflict is
 *   shown at the field by `conflict-view.ts`, with "Use this value" buttons.
 *
 * The element observes its own register, so a remote write re-renders this field only. Who else
 * is in the field (`presenceContext`) is shown under its label. The host carries a `conflict`
 * attribute while the field is in conflict, so a layout can give it more room.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type * as Y from 'yjs';
import { valueProblem, type RegisterValue } from '../../model/field-value.ts';
import type { Plan } from '../../model/plan.ts';
import type { RecordView } from '../../model/record-view.ts';
import type { RegisterEntry } from '../../model/register.ts';
import type { FieldKind, FieldSpec } from '../../model/template/form.ts';
import { formatValue, ukShortMoment } from '../../model/words.ts';
import { ContextConsumer } from '@lit/context';
import { openPlanContext } from '../binding/open-plan-context.ts';
import { conflictView } from './conflict-view.ts';
import { dispatchFieldEvent, type FieldPlace } from './field-events.ts';
import { fieldStyles } from './field-styles.ts';
import { PresenceController, presenceNote, presenceStyles } from './presence-note.ts';
import type { EditPlace } from './text-field.ts';

/** How a kind's register is shown read-only. */
export interface RegisterFieldOptions {
  /** Wrap the value in `<time datetime>` (dates). */
  readonly time?: boolean;
}

/** A read-only renderer for registers of one kind. */
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

/** An editable single-valued field in its place. */
export function editRegisterField(field: FieldSpec, record: RecordView, place: EditPlace): TemplateResult {
  return html`<plan-register-field
    .record=${record}
    .field=${field}
    .label=${place.label}
    .hint=${place.hint ?? field.help}
    data-field-path=${place.path}
    data-row-id=${place.rowId ?? nothing}
  ></plan-register-field>`;
}

/** What a control of one kind is made from. */
interface ControlArgs {
  readonly field: FieldSpec;
  readonly value: RegisterValue | undefined;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly write: (value: RegisterValue) => void;
  readonly focus: () => void;
  readonly blur: () => void;
  /** Names to suggest (a person field): the people the plan already names. */
  readonly people: () => readonly string[];
}

const textInput = (a: ControlArgs): TemplateResult =>
  html`<input id="control" type="text" autocomplete="off" .value=${live(typeof a.value === 'string' ? a.value : '')}
    aria-describedby=${a.describedBy ?? nothing} aria-invalid=${a.invalid ? 'true' : nothing}
    @change=${(e: Event) => a.write((e.target as HTMLInputElement).value.trim() || null)} @focus=${a.focus} @blur=${a.blur} />`;

/**
 * The control of each single-valued kind, as a table keyed by the kind (no switch). A select
 * marks its option `selected` (a `.value` set before the options exist would be lost).
 */
const CONTROLS: Readonly<Record<Exclude<FieldKind, 'text'>, (a: ControlArgs) => TemplateResult>> = {
  date: (a) =>
    html`<input id="control" type="date" .value=${live(typeof a.value === 'string' ? a.value : '')}
      aria-describedby=${a.describedBy ?? nothing} aria-invalid=${a.invalid ? 'true' : nothing}
      @change=${(e: Event) => a.write((e.target as HTMLInputElement).value || null)} @focus=${a.focus} @blur=${a.blur} />`,
  boolean: (a) =>
    html`<select id="control" aria-describedby=${a.describedBy ?? nothing}
      @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        a.write(v === 'yes' ? true : v === 'no' ? false : null);
      }} @focus=${a.focus} @blur=${a.blur}>
      <option value="" ?selected=${a.value !== true && a.value !== false}>Not recorded</option>
      <option value="yes" ?selected=${a.value === true}>Yes</option><option value="no" ?selected=${a.value === false}>No</option>
    </select>`,
  choice: (a) => {
    const options = a.field.options ?? [];
    const value = typeof a.value === 'string' ? a.value : '';
    return html`<select id="control" aria-describedby=${a.describedBy ?? nothing}
      @change=${(e: Event) => a.write((e.target as HTMLSelectElement).value || null)} @focus=${a.focus} @blur=${a.blur}>
      <option value="" ?selected=${!value}>Not recorded</option>
      ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
      ${value && !options.includes(value) ? html`<option value=${value} selected>${value}</option>` : nothing}
    </select>`;
  },
  string: textInput,
  person: (a) => {
    const people = a.people();
    return html`<input id="control" type="text" autocomplete="off" list=${people.length > 0 ? 'people' : nothing} .value=${live(typeof a.value === 'string' ? a.value : '')}
      aria-describedby=${a.describedBy ?? nothing} aria-invalid=${a.invalid ? 'true' : nothing}
      @change=${(e: Event) => a.write((e.target as HTMLInputElement).value.trim() || null)} @focus=${a.focus} @blur=${a.blur} />
      ${people.length > 0 ? html`<datalist id="people">${people.map((p) => html`<option value=${p}></option>`)}</datalist>` : nothing}`;
  },
};

/** Most names a person field suggests. */
export const MAX_SUGGESTED_PEOPLE = 100;

/**
 * The people a plan already names, to suggest in a person field: the holders of the roles and
 * the people involved in the latest meeting, each once, in name order.
 */
export function peopleNamed(plan: Plan): string[] {
  const names = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string' && v.trim()) names.add(v.trim());
  };
  for (const role of plan.roles.rows()) if (role.spec.fields.some((f) => f.id === 'holder')) add(role.value('holder'));
  const meeting = plan.latestMeeting()?.meeting;
  if (meeting?.spec.tables.some((t) => t.id === 'people')) for (const person of meeting.table('people').rows()) add(person.value('name'));
  return [...names].sort((a, b) => a.localeCompare(b)).slice(0, MAX_SUGGESTED_PEOPLE);
}

/** Record views are made afresh on each render of a form: the same Y.Map is the same record. */
const sameRecord = (next: RecordView | undefined, prev: RecordView | undefined): boolean => next?.map !== prev?.map;

/** `<plan-register-field>`: an editable single-valued field; see the file's comment. */
export class PlanRegisterField extends LitElement {
  static override properties = {
    record: { attribute: false, hasChanged: sameRecord },
    field: { attribute: false },
    label: { type: String },
    hint: { type: String },
    problem: { state: true },
  };

  static override styles = [fieldStyles, presenceStyles];

  /** The record holding the field (a meeting, the child's details, a table row). */
  declare record: RecordView | undefined;
  declare field: FieldSpec | undefined;
  declare label: string;
  declare hint: string | undefined;
  /** Why the last value typed could not be kept, shown as the field's error. */
  declare problem: string | undefined;

  #observed: Y.Map<unknown> | undefined;
  readonly #onChange = (): void => this.requestUpdate();
  readonly #presence = new PresenceController(this);
  /** The open plan, for the names of the people who wrote each value. */
  readonly #open = new ContextConsumer(this, { context: openPlanContext, subscribe: true });

  constructor() {
    super();
    this.label = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observe(undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observe(this.#register());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record') || changed.has('field')) this.#observe(this.#register());
  }

  /** A select shows the register's value after every render, also once the person has chosen in it. */
  protected override updated(): void {
    const inConflict = !!this.record && !!this.field && this.record.get(this.field.id).conflicts.length > 0;
    this.toggleAttribute('conflict', inConflict);
    const select = this.renderRoot.querySelector('select');
    if (!select || !this.record || !this.field) return;
    const value = this.record.get(this.field.id).value;
    select.value = value === true ? 'yes' : value === false ? 'no' : typeof value === 'string' ? value : '';
  }

  override render(): TemplateResult {
    const { record, field } = this;
    if (!record || !field) return html``;
    const state = record.get(field.id);
    const error = this.problem;
    return html`
      <div class=${error ? 'has-error' : ''}>
        <label for="control">${this.label}</label>
        ${this.hint ? html`<span class="hint" id="hint">${this.hint}</span>` : nothing}
        ${presenceNote(this.#presence.at(this.#place()))}
        ${error ? html`<span class="error-message" id="error"><span class="visually-hidden">Error:</span> ${error}</span>` : nothing}
        ${this.#control(field, state.value)}
        ${conflictView(field, state, { canEdit: true, choose: (entry) => this.#choose(entry), nameOf: (by) => this.#open.value?.people?.get(by) ?? by })}
      </div>
    `;
  }

  #control(field: FieldSpec, value: RegisterValue | undefined): TemplateResult {
    if (field.kind === 'text') throw new TypeError(`field "${field.id}" is text: edit it with <plan-text-field>`);
    return CONTROLS[field.kind]({
      field,
      value,
      describedBy: [this.hint ? 'hint' : '', this.problem ? 'error' : ''].filter(Boolean).join(' ') || undefined,
      invalid: this.problem !== undefined,
      write: (v) => this.#write(v),
      focus: () => dispatchFieldEvent(this, 'field-focus', this.#place()),
      blur: () => dispatchFieldEvent(this, 'field-blur', this.#place()),
      people: () => {
        const plan = this.#open.value?.plan;
        return plan ? peopleNamed(plan) : [];
      },
    });
  }

  /** Writes a value through the model (a new register entry by the signed-in person), or shows why not. */
  #write(value: RegisterValue): void {
    const { record, field } = this;
    if (!record || !field) return;
    const problem = value === null ? undefined : valueProblem(field, value);
    this.problem = problem;
    if (problem) return;
    if (record.get(field.id).value === (value ?? undefined) && record.get(field.id).conflicts.length === 0) return;
    record.set(field.id, value);
  }

  #choose(entry: RegisterEntry): void {
    this.problem = undefined;
    this.record?.resolve(this.field!.id, entry.id);
  }

  #register(): Y.Map<unknown> | undefined {
    return this.record && this.field ? (this.record.map.get(this.field.id) as Y.Map<unknown> | undefined) : undefined;
  }

  #observe(map: Y.Map<unknown> | undefined): void {
    if (map === this.#observed) return;
    this.#observed?.unobserve(this.#onChange);
    this.#observed = map;
    map?.observe(this.#onChange);
  }

  #place(): FieldPlace {
    const path = this.dataset['fieldPath'] ?? '';
    const rowId = this.dataset['rowId'];
    return rowId === undefined ? { path } : { path, rowId };
  }
}

customElements.define('plan-register-field', PlanRegisterField);

declare global {
  interface HTMLElementTagNameMap {
    'plan-register-field': PlanRegisterField;
  }
}

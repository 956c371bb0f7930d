/**
 * `<field-presence path="<part>/<recordId>/<fieldId>" row-id=…>`: who else is editing this field
 * now, at the field: "Amira Khan (Independent Reviewing Officer) is editing", each name with the
 * person's mark (initials on their colour, so colour is not the only cue). Renders nothing when
 * nobody else is. Reads {@link presenceContext}; a field drops it in beside its label with its
 * own `data-field-path` (and, in a table, its row's id). Not a live region: it changes whenever
 * someone moves between fields, and a screen reader would be interrupted on every move; the
 * text is there for anyone reading the field.
 */
import { ContextConsumer } from '@lit/context';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { personMark, personMarkStyles } from '../ui/person-mark.ts';
import { colour } from '../ui/tokens.ts';
import { presenceContext, type FieldPresence } from './presence-context.ts';
import { initialsOf } from './initials.ts';

/** Who of `presence` edits the field at `path` (and `rowId`). */
export function editorsOf(presence: FieldPresence | undefined, path: string, rowId?: string): FieldPresence {
  return (presence ?? []).filter((p) => p.path === path && (rowId === undefined || rowId === '' ? p.rowId === undefined : p.rowId === rowId));
}

/** "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `<field-presence>`: who else edits this field now; see the file's comment. */
export class FieldPresenceElement extends LitElement {
  static override properties = {
    path: { type: String },
    rowId: { type: String, attribute: 'row-id' },
  };

  static override styles = [
    css`
      :host { display: block; }
      :host([hidden]) { display: none; }
      p { display: flex; flex-wrap: wrap; align-items: center; gap: 0.35rem; margin: 0.25rem 0; font-size: 0.95rem; color: ${colour.text}; }
      .marks { display: inline-flex; gap: 0.15rem; }
      @media print { :host { display: none; } }
    `,
    personMarkStyles,
  ];

  /** The field's `data-field-path`. */
  declare path: string;
  /** The row's id, for a field in a table row. */
  declare rowId: string | undefined;

  readonly #presence = new ContextConsumer(this, { context: presenceContext, subscribe: true });

  constructor() {
    super();
    this.path = '';
    this.rowId = undefined;
  }

  override render(): TemplateResult | typeof nothing {
    const editors = editorsOf(this.#presence.value, this.path, this.rowId);
    if (editors.length === 0) return nothing;
    const names = editors.map((e) => (e.role ? `${e.name} (${e.role})` : e.name));
    return html`<p class="editing" data-editors=${editors.length}>
      <span class="marks">${editors.map((e) => personMark(initialsOf(e.name), e.colour))}</span>
      <span>${listOf(names)} ${editors.length === 1 ? 'is' : 'are'} editing</span>
    </p>`;
  }
}

customElements.define('field-presence', FieldPresenceElement);

declare global {
  interface HTMLElementTagNameMap {
    'field-presence': FieldPresenceElement;
  }
}

/**
 * Where a field sits in the plan and the events a field sends when a person moves into or out
 * of it. Every field element carries its place as `data-field-path="<part>/<recordId>/<fieldId>"`
 * (a table cell: `<tableId>.<columnId>` and `data-row-id`; see `model/conflicts.ts`), and on
 * focus and blur of its control dispatches a bubbling, composed `field-focus` / `field-blur`
 * `CustomEvent` with `{ path, rowId }`, which presence listens for at the workspace root.
 */

/** A field's place in the plan, as its element's `data-field-path` and `data-row-id` say. */
export interface FieldPlace {
  readonly path: string;
  readonly rowId?: string;
}

/** The events a field dispatches. */
export type FieldEventType = 'field-focus' | 'field-blur';

/** Dispatches `field-focus` or `field-blur` from `host`, through every shadow root. */
export function dispatchFieldEvent(host: HTMLElement, type: FieldEventType, place: FieldPlace): void {
  const detail: FieldPlace = place.rowId === undefined ? { path: place.path } : { path: place.path, rowId: place.rowId };
  host.dispatchEvent(new CustomEvent<FieldPlace>(type, { bubbles: true, composed: true, detail }));
}

declare global {
  interface HTMLElementEventMap {
    'field-focus': CustomEvent<FieldPlace>;
    'field-blur': CustomEvent<FieldPlace>;
  }
}

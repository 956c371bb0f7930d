/**
 * Typed read and write access to a record and to its tables. Every write runs in one Yjs
 * transaction whose origin is the context's, so observers can tell whose change it was.
 */
import * as Y from 'yjs';
import type { PlanContext } from './context.ts';
import { valueProblem, type RegisterValue } from './field-value.ts';
import { buildRecord, recordToJson, type RecordJson } from './record-json.ts';
import { fieldOf, rowSpec, tableOf, type RecordSpec } from './record-spec.ts';
import { readRegister, resolveRegister, writeRegister, type RegisterEntry, type RegisterState } from './register.ts';
import type { FieldSpec } from './template/form.ts';

/** Initial values of a new row: strings for text fields, values for single-valued ones. */
export type RowInput = Readonly<Record<string, string | boolean | null | undefined>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
function transact(map: Y.AbstractType<any>, ctx: PlanContext, fn: () => void): void {
  if (map.doc) map.doc.transact(fn, ctx.origin ?? ctx);
  else fn();
}

function checkedValue(field: FieldSpec, value: unknown): RegisterValue {
  if (field.kind === 'text') throw new TypeError(`field "${field.id}" is text: edit it through text()`);
  const problem = valueProblem(field, value);
  if (problem) throw new RangeError(`"${field.label}" (${field.id}): ${problem}`);
  return value as RegisterValue;
}

/** A view of one record. Reads are live: they always reflect the current document. */
export class RecordView {
  readonly map: Y.Map<unknown>;
  readonly spec: RecordSpec;
  readonly ctx: PlanContext;

  constructor(map: Y.Map<unknown>, spec: RecordSpec, ctx: PlanContext) {
    this.map = map;
    this.spec = spec;
    this.ctx = ctx;
  }

  /** The record's stable id. */
  get id(): string {
    return String(this.map.get('id'));
  }

  /** A single-valued field: its value, who set it and any conflicting writes. */
  get(fieldId: string): RegisterState {
    const field = fieldOf(this.spec, fieldId);
    if (field.kind === 'text') throw new TypeError(`field "${fieldId}" is text: read it through text()`);
    return readRegister(this.map.get(fieldId) as Y.Map<unknown>);
  }

  /** Shortcut for `get(fieldId).value`. */
  value(fieldId: string): RegisterValue | undefined {
    return this.get(fieldId).value;
  }

  /** Writes a single-valued field (null clears it). Throws RangeError for a value the field cannot hold. */
  set(fieldId: string, value: RegisterValue): RegisterEntry {
    const checked = checkedValue(fieldOf(this.spec, fieldId), value);
    return writeRegister(this.map.get(fieldId) as Y.Map<unknown>, checked, this.ctx);
  }

  /** Resolves a conflict on a field by choosing one kept write; false if it is no longer kept. */
  resolve(fieldId: string, entryId: string): boolean {
    fieldOf(this.spec, fieldId);
    return resolveRegister(this.map.get(fieldId) as Y.Map<unknown>, entryId, this.ctx);
  }

  /** The shared text of a text field, for editors to bind to. */
  text(fieldId: string): Y.Text {
    const field = fieldOf(this.spec, fieldId);
    if (field.kind !== 'text') throw new TypeError(`field "${fieldId}" is ${field.kind}, not text`);
    return this.map.get(fieldId) as Y.Text;
  }

  /**
   * Replaces a text field's content with `next` by one deletion and one insertion between the
   * common prefix and suffix, so that concurrent edits elsewhere in the text still merge.
   */
  replaceText(fieldId: string, next: string): void {
    const text = this.text(fieldId);
    const prev = text.toString();
    if (prev === next) return;
    let start = 0;
    while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
    let end = 0;
    while (end < prev.length - start && end < next.length - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
    transact(text, this.ctx, () => {
      text.delete(start, prev.length - start - end);
      text.insert(start, next.slice(start, next.length - end));
    });
  }

  /** A table of this record. */
  table(tableId: string): TableView {
    const table = tableOf(this.spec, tableId);
    return new TableView(this.map.get(tableId) as Y.Array<Y.Map<unknown>>, rowSpec(table), this.ctx);
  }

  /** The record as plain JSON. */
  toJSON(): RecordJson {
    return recordToJson(this.spec, this.map);
  }
}

/**
 * A view of a list of records (a table's rows, or the PPM meetings). Rows have stable ids:
 * concurrent inserts are all kept, and a row edited on one replica while removed on another is
 * removed.
 */
export class TableView {
  readonly array: Y.Array<Y.Map<unknown>>;
  readonly spec: RecordSpec;
  readonly ctx: PlanContext;

  constructor(array: Y.Array<Y.Map<unknown>>, spec: RecordSpec, ctx: PlanContext) {
    this.array = array;
    this.spec = spec;
    this.ctx = ctx;
  }

  get length(): number {
    return this.array.length;
  }

  rows(): RecordView[] {
    return this.array.toArray().map((map) => new RecordView(map, this.spec, this.ctx));
  }

  /** Index of the row with this id, or -1. */
  indexOf(id: string): number {
    return this.array.toArray().findIndex((map) => map.get('id') === id);
  }

  row(id: string): RecordView | undefined {
    const index = this.indexOf(id);
    return index < 0 ? undefined : new RecordView(this.array.get(index), this.spec, this.ctx);
  }

  /**
   * Adds a row with every field created (DESIGN decision 5) and the given initial values, at
   * `index` (default: the end). Returns the new row's id. Throws RangeError for a bad value.
   */
  insert(values: RowInput = {}, index = this.array.length): string {
    for (const key of Object.keys(values)) fieldOf(this.spec, key);
    const id = this.ctx.newId();
    const json: RecordJson = { id };
    for (const field of this.spec.fields) {
      const value = values[field.id];
      if (field.kind === 'text') {
        if (value !== undefined && typeof value !== 'string') throw new RangeError(`"${field.id}" takes text`);
        json[field.id] = value ?? '';
      } else {
        json[field.id] =
          value === undefined
            ? []
            : [{ id: this.ctx.newId(), value: checkedValue(field, value), by: this.ctx.actor, at: this.ctx.now().toISOString() }];
      }
    }
    for (const table of this.spec.tables) json[table.id] = [];
    const map = buildRecord(this.spec, json);
    transact(this.array, this.ctx, () => this.array.insert(Math.min(index, this.array.length), [map]));
    return id;
  }

  /** Removes the row with this id; false when it is not there (already removed elsewhere). */
  remove(id: string): boolean {
    const index = this.indexOf(id);
    if (index < 0) return false;
    transact(this.array, this.ctx, () => this.array.delete(index, 1));
    return true;
  }

  /**
   * Moves the row with this id to `index` (counted after it is taken out), as one transaction:
   * Y.Array has no move, so the row is removed and a copy with the same id, texts and every kept
   * write is inserted. An edit another person makes to the row at the same moment lands on the
   * removed copy and is not kept (the row's history still has it). False when the row is gone.
   */
  move(id: string, index: number): boolean {
    const from = this.indexOf(id);
    if (from < 0) return false;
    const json = recordToJson(this.spec, this.array.get(from));
    transact(this.array, this.ctx, () => {
      this.array.delete(from, 1);
      this.array.insert(Math.max(0, Math.min(index, this.array.length)), [buildRecord(this.spec, json)]);
    });
    return true;
  }

  /**
   * Puts back a removed row from its JSON (`RecordView.toJSON()` taken before removing it), with
   * its id, texts and kept writes, at `index` (clamped). False when a row with that id is there.
   */
  restore(json: RecordJson, index = this.array.length): boolean {
    if (this.indexOf(json.id) >= 0) return false;
    transact(this.array, this.ctx, () => this.array.insert(Math.max(0, Math.min(index, this.array.length)), [buildRecord(this.spec, json)]));
    return true;
  }

  toJSON(): RecordJson[] {
    return this.rows().map((r) => r.toJSON());
  }
}

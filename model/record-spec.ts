/**
 * The shape of a record: the fields and tables it holds. Every part of a plan (the child's
 * details, one PPM meeting, a table row, the contingency plan, ...) is a record.
 */
import type { FieldSpec, TableSpec } from './template/form.ts';

export interface RecordSpec {
  readonly fields: readonly FieldSpec[];
  readonly tables: readonly TableSpec[];
}

/** The record spec of one row of a table: its columns, no nested tables. */
export function rowSpec(table: TableSpec): RecordSpec {
  return { fields: table.columns, tables: [] };
}

/** Looks up a field by id; throws for an id the spec does not have (a programmer error). */
export function fieldOf(spec: RecordSpec, id: string): FieldSpec {
  const field = spec.fields.find((f) => f.id === id);
  if (!field) throw new RangeError(`no field "${id}" in this record (has ${spec.fields.map((f) => f.id).join(', ')})`);
  return field;
}

/** Looks up a table by id; throws for an id the spec does not have (a programmer error). */
export function tableOf(spec: RecordSpec, id: string): TableSpec {
  const table = spec.tables.find((t) => t.id === id);
  if (!table) throw new RangeError(`no table "${id}" in this record (has ${spec.tables.map((t) => t.id).join(', ')})`);
  return table;
}

/**
 * Merges field lists, allowing a later list to repeat a field with the same kind and options
 * (a form placing a core field in one of its sections). Throws when a repeat disagrees.
 */
export function mergeFields(...lists: readonly (readonly FieldSpec[])[]): FieldSpec[] {
  const out = new Map<string, FieldSpec>();
  for (const list of lists) {
    for (const f of list) {
      const prior = out.get(f.id);
      if (!prior) {
        out.set(f.id, f);
      } else if (prior.kind !== f.kind || JSON.stringify(prior.options) !== JSON.stringify(f.options)) {
        throw new RangeError(`field "${f.id}" is declared twice with different kinds or options`);
      }
    }
  }
  return [...out.values()];
}

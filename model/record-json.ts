/**
 * The plain-JSON form of a record and the conversion between it and Yjs types. The JSON keeps
 * everything needed for an exact round trip: row ids and every kept write of a single-valued
 * field (so conflicts survive export and import).
 */
import * as Y from 'yjs';
import type { RecordSpec } from './record-spec.ts';
import { rowSpec } from './record-spec.ts';
import { createRegister, registerEntries, type RegisterEntry } from './register.ts';

/** A record as plain JSON: `id`, then one key per field (text as a string, single-valued as its entries) and per table. */
export interface RecordJson {
  id: string;
  [key: string]: string | RegisterEntry[] | RecordJson[];
}

/**
 * The keys and fresh Yjs values of a record built from its JSON (which must already be valid for
 * `spec`): set them on a new Y.Map (a row) or on a root map (which cannot be replaced).
 */
export function recordContent(spec: RecordSpec, json: RecordJson): [string, unknown][] {
  const content: [string, unknown][] = [['id', json.id]];
  for (const field of spec.fields) {
    const value = json[field.id];
    if (field.kind === 'text') content.push([field.id, new Y.Text(typeof value === 'string' ? value : '')]);
    else content.push([field.id, createRegister(Array.isArray(value) ? (value as RegisterEntry[]) : [])]);
  }
  for (const table of spec.tables) {
    const rows = (json[table.id] as RecordJson[] | undefined) ?? [];
    const array = new Y.Array<Y.Map<unknown>>();
    array.push(rows.map((row) => buildRecord(rowSpec(table), row)));
    content.push([table.id, array]);
  }
  return content;
}

/** Builds the Yjs form of a record (a new Y.Map) from its JSON. */
export function buildRecord(spec: RecordSpec, json: RecordJson): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of recordContent(spec, json)) map.set(key, value);
  return map;
}

/** Reads a record into its plain-JSON form, guided by `spec` (keys outside the spec are left out). */
export function recordToJson(spec: RecordSpec, map: Y.Map<unknown>): RecordJson {
  const json: RecordJson = { id: String(map.get('id')) };
  for (const field of spec.fields) {
    const value = map.get(field.id);
    if (field.kind === 'text') json[field.id] = value instanceof Y.Text ? value.toString() : '';
    else json[field.id] = value instanceof Y.Map ? registerEntries(value) : [];
  }
  for (const table of spec.tables) {
    const array = map.get(table.id);
    json[table.id] =
      array instanceof Y.Array ? array.toArray().map((row) => recordToJson(rowSpec(table), row as Y.Map<unknown>)) : [];
  }
  return json;
}

/** An empty record of `spec` with the given id: empty texts, unset fields, empty tables. */
export function blankRecord(spec: RecordSpec, id: string): RecordJson {
  const json: RecordJson = { id };
  for (const field of spec.fields) json[field.id] = field.kind === 'text' ? '' : [];
  for (const table of spec.tables) json[table.id] = [];
  return json;
}

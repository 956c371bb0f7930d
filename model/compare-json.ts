/**
 * Which fields differ between two plain-JSON forms of one document (a named version and the plan
 * now), each by its path and what people call it: "Permanence Planning Meetings › Meeting of 4
 * December 2026 › Reason for updating the plan". Walks the DocSpec, not the JSON, so only fields
 * the templates name are compared and every change has a label. Records of a list root and rows
 * of a table are matched by id: a record or row only in one side is one `added` / `removed`
 * change; one in both is compared field by field. A single-valued field compares by the value a
 * reader sees (and says so when it is in conflict), so two writes of the same value are no change.
 *
 * Paths: `<root>/<recordId>/<fieldId>` for a field (the `data-field-path` of the field), and
 * `<root>/<recordId>/<tableId>/<rowId>/<columnId>` for a cell. Deterministic; no DOM, no Yjs.
 */
import type { DocJson } from './doc-json.ts';
import type { DocSpec } from './doc-spec.ts';
import type { RecordJson } from './record-json.ts';
import { rowSpec, type RecordSpec } from './record-spec.ts';
import type { RegisterEntry } from './register.ts';
import type { FieldSpec } from './template/form.ts';
import { formatValue, NOT_RECORDED } from './words.ts';

/** One difference, in words. */
export interface FieldChange {
  readonly path: string;
  /** Where, as people call it: the part, the record or row, the field. */
  readonly label: string;
  readonly kind: 'changed' | 'added' | 'removed';
  /** The value in the earlier JSON, in words (cut to {@link MAX_WORDS} characters); absent for `added`. */
  readonly before?: string;
  /** The value in the later JSON, in words; absent for `removed`. */
  readonly after?: string;
}

/** The changes found, at most `limit` of them, and whether there were more. */
export interface Comparison {
  readonly changes: readonly FieldChange[];
  readonly truncated: boolean;
}

/** The most characters of a value shown in a change. */
export const MAX_WORDS = 300;
/** The most changes listed unless told otherwise. */
export const DEFAULT_CHANGE_LIMIT = 500;

const SEP = ' › ';

const cut = (text: string): string => (text.length > MAX_WORDS ? `${text.slice(0, MAX_WORDS - 1)}…` : text);

/** A field's value in words: text as it is, a single value as a reader sees it, a conflict with every kept value. */
export function valueWords(field: FieldSpec, value: unknown): string {
  if (field.kind === 'text') return typeof value === 'string' && value.trim() !== '' ? cut(value) : NOT_RECORDED;
  const entries = Array.isArray(value) ? (value as RegisterEntry[]) : [];
  if (entries.length === 0) return NOT_RECORDED;
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  const current = sorted.at(-1)!;
  const shown = formatValue(field, current.value);
  const others = [...new Set(sorted.filter((e) => e !== current && e.value !== current.value).map((e) => formatValue(field, e.value)))];
  return cut(others.length === 0 ? shown : `${shown} (in conflict with ${others.join(', ')})`);
}

/**
 * What a record of a list root (a meeting: by its first date, "Meeting of 4 December 2026") or a
 * row (by its first words, "Row 2 (Start family finding)") is called, else its number.
 */
function recordName(spec: RecordSpec, record: RecordJson, index: number, noun: string): string {
  const date = noun === 'Row' ? undefined : spec.fields.find((f) => f.kind === 'date');
  const dated = date ? valueWords(date, record[date.id]) : NOT_RECORDED;
  if (date && dated !== NOT_RECORDED) return `${noun} of ${dated}`;
  const first = spec.fields.find((f) => f.kind === 'string' || f.kind === 'text' || f.kind === 'choice');
  const named = first ? valueWords(first, record[first.id]) : NOT_RECORDED;
  return named !== NOT_RECORDED ? `${noun} ${index + 1} (${cut(named).slice(0, 60)})` : `${noun} ${index + 1}`;
}

class Collector {
  readonly changes: FieldChange[] = [];
  truncated = false;
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  add(change: FieldChange): boolean {
    if (this.changes.length >= this.limit) {
      this.truncated = true;
      return false;
    }
    this.changes.push(change);
    return true;
  }
}

function compareRecord(spec: RecordSpec, before: RecordJson, after: RecordJson, path: string, label: string, out: Collector): void {
  for (const field of spec.fields) {
    const a = valueWords(field, before[field.id]);
    const b = valueWords(field, after[field.id]);
    if (a !== b && !out.add({ path: `${path}/${field.id}`, label: `${label}${SEP}${field.label}`, kind: 'changed', before: a, after: b })) return;
  }
  for (const table of spec.tables) {
    compareList(rowSpec(table), asList(before[table.id]), asList(after[table.id]), `${path}/${table.id}`, `${label}${SEP}${table.label}`, 'Row', out);
  }
}

function compareList(spec: RecordSpec, before: readonly RecordJson[], after: readonly RecordJson[], path: string, label: string, noun: string, out: Collector): void {
  const earlier = new Map(before.map((r, i) => [r.id, { r, i }]));
  const later = new Map(after.map((r, i) => [r.id, { r, i }]));
  for (const [id, { r, i }] of earlier) {
    if (!later.has(id) && !out.add({ path: `${path}/${id}`, label: `${label}${SEP}${recordName(spec, r, i, noun)}`, kind: 'removed', before: summary(spec, r) })) return;
  }
  for (const [id, { r, i }] of later) {
    const old = earlier.get(id);
    const name = `${label}${SEP}${recordName(spec, r, i, noun)}`;
    if (!old) {
      if (!out.add({ path: `${path}/${id}`, label: name, kind: 'added', after: summary(spec, r) })) return;
    } else compareRecord(spec, old.r, r, `${path}/${id}`, name, out);
  }
}

/** A record or row in a line: its recorded values, "Field: value; …". */
function summary(spec: RecordSpec, record: RecordJson): string {
  const parts = spec.fields.map((f) => [f.label, valueWords(f, record[f.id])] as const).filter(([, v]) => v !== NOT_RECORDED);
  return cut(parts.length === 0 ? 'Nothing recorded' : parts.map(([l, v]) => `${l}: ${v}`).join('; '));
}

const asList = (value: unknown): RecordJson[] => (Array.isArray(value) ? (value as RecordJson[]) : []);
const asRecord = (value: unknown): RecordJson => (value && typeof value === 'object' && !Array.isArray(value) ? (value as RecordJson) : { id: '' });

/**
 * The fields that differ from `before` to `after` (both the plain-JSON form of documents of
 * `spec`), in the order of the spec's parts and fields, at most `limit`. `meta` is not compared.
 */
export function compareDocJson(spec: DocSpec, before: DocJson | Record<string, unknown>, after: DocJson | Record<string, unknown>, limit = DEFAULT_CHANGE_LIMIT): Comparison {
  const out = new Collector(limit);
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const root of spec.roots) {
    if (root.kind === 'list') compareList(root.record, asList(b[root.name]), asList(a[root.name]), root.name, root.label, root.name === 'ppms' ? 'Meeting' : 'Record', out);
    else {
      const earlier = asRecord(b[root.name]);
      const later = asRecord(a[root.name]);
      compareRecord(root.record, earlier, later, `${root.name}/${later.id || earlier.id}`, root.label, out);
    }
    if (out.truncated) break;
  }
  return { changes: out.changes, truncated: out.truncated };
}

/**
 * How single-valued fields read to people: dates in British style, yes/no, and a clear
 * "Not recorded" rather than a blank that could be mistaken for "no".
 */
import type { RegisterValue } from '../model/field-value.ts';
import type { FieldSpec } from '../model/template/form.ts';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

export const NOT_RECORDED = 'Not recorded';

/** A field's value as text: "3 February 2026", "Yes", or the value itself. */
export function formatValue(field: FieldSpec, value: RegisterValue | undefined): string {
  if (value === undefined || value === null) return NOT_RECORDED;
  if (field.kind === 'boolean') return value ? 'Yes' : 'No';
  if (field.kind === 'date' && typeof value === 'string') return dateFormat.format(new Date(`${value}T00:00:00Z`));
  return String(value);
}

/** When a write was made, as "3 Feb, 10:02" (UK time). */
export function formatWhen(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/**
 * Reading a child's details typed as text, on the command line or in a tracker spreadsheet, into
 * the values the plan's `child` record takes: every field of the child's details (the core
 * fields and those of the PPM and contingency templates), found by its id or its label.
 * Spreadsheet habits are accepted where they cannot be misread: UK dates as DD/MM/YYYY, choices
 * in any letter case, yes/no for booleans. Anything else is refused with what was expected.
 */
import { IsoDate, valueProblem } from '../../model/field-value.ts';
import { planSpec } from '../../model/plan-spec.ts';
import { rootOf } from '../../model/doc-spec.ts';
import type { FieldSpec } from '../../model/template/form.ts';
import { defaultForms, type TemplateRegistry } from '../../model/template/registry.ts';
import { controlCharacterMessage, hasControlCharacters } from '../../model/wire/index.ts';
import { templates } from '../../templates/index.ts';

/** A value a child's details field takes, or why the text cannot be one. */
export type FieldRead = { ok: true; value: string | boolean } | { ok: false; problem: string };

/** The fields of a child's details in plans made from `registry`'s default forms, in form order. */
export function childFields(registry: TemplateRegistry = templates): readonly FieldSpec[] {
  return rootOf(planSpec(defaultForms(registry)), 'child').record.fields;
}

/** Text compared loosely: lower case, spaces collapsed, trimmed. */
export function looseKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The field whose id or label is `name` (loosely compared), or undefined. */
export function fieldNamed(name: string, fields: readonly FieldSpec[]): FieldSpec | undefined {
  const key = looseKey(name);
  return fields.find((f) => looseKey(f.id) === key) ?? fields.find((f) => looseKey(f.label) === key);
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A date as YYYY-MM-DD from `YYYY-MM-DD` or the UK `DD/MM/YYYY` (`D/M/YYYY`); it must exist. */
export function readDate(text: string): FieldRead {
  const trimmed = text.trim();
  const uk = UK_DATE.exec(trimmed);
  const iso = uk ? `${uk[3]!}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : trimmed;
  const parsed = IsoDate.safeParse(iso);
  if (parsed.success) return { ok: true, value: parsed.data };
  if (uk || /^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return { ok: false, problem: `"${trimmed}" is not a real calendar date` };
  return { ok: false, problem: `"${trimmed}" is not a date: write YYYY-MM-DD or DD/MM/YYYY` };
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/**
 * Reads `text` (not empty) as a value of `field`. Text fields keep the text as given (outer
 * spaces trimmed, a spreadsheet's CRLF line ends made LF); other kinds are checked as the
 * document model checks them. A control character (`model/wire/limits.ts`: any in a one-line
 * value, any but newline and tab in a text field) is refused first, by its code point, so the
 * problem never echoes it to a terminal.
 */
export function readFieldText(field: FieldSpec, text: string): FieldRead {
  const multiLine = field.kind === 'text';
  const trimmed = (multiLine ? text.replace(/\r\n?/g, '\n') : text).trim();
  if (hasControlCharacters(trimmed, multiLine)) return { ok: false, problem: `the value ${controlCharacterMessage(trimmed, multiLine)}` };
  let value: string | boolean = trimmed;
  switch (field.kind) {
    case 'text':
      return { ok: true, value: trimmed };
    case 'date': {
      const date = readDate(trimmed);
      if (!date.ok) return date;
      value = date.value;
      break;
    }
    case 'boolean':
      if (YES.has(trimmed.toLowerCase())) value = true;
      else if (NO.has(trimmed.toLowerCase())) value = false;
      else return { ok: false, problem: `"${trimmed}" is not yes or no` };
      break;
    case 'choice': {
      const option = (field.options ?? []).find((o) => looseKey(o) === looseKey(trimmed));
      if (option === undefined) return { ok: false, problem: `"${trimmed}" is not one of: ${(field.options ?? []).join('; ')}` };
      value = option;
      break;
    }
    case 'string':
    case 'person':
      break;
  }
  const problem = valueProblem(field, value);
  return problem ? { ok: false, problem: `"${trimmed}": ${problem}` } : { ok: true, value };
}

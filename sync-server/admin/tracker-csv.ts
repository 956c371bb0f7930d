/**
 * Reading a permanence tracker spreadsheet saved as CSV (UTF-8, comma separated, header row
 * first) into new children: one row per child. The columns are documented in
 * `sync-server/README.md` ("Tracker CSV columns") with an example in
 * `fixtures/tracker-example.csv`:
 *
 * - `name` and `pathway` (a pathway template id) are required;
 * - any field of the child's details, by id or label (`dateOfBirth` or `Date of birth`,
 *   `legalStatus`, `proceedings`, `jurisdiction`, `caseRecordId`, `primaryPlan`, ...);
 * - `stage:<stage id>`: the date the stage was reached (several dates separated by `;` for a
 *   stage that repeats, such as `stage:ppm`); each date is written to the stage's own record
 *   (`recordStageDate`): a PPM column (`stage:initial-ppm`, `stage:ppm`) makes PPM records with
 *   those meeting dates, an introduction stage (`stage:placement-day`, ...) the introduction
 *   plan's date, any other stage a row of the stage table;
 * - a header starting with `#` marks a column to leave out (notes, a RAG colour worked out by
 *   hand); any other unknown header is refused, so a misspelt stage is never dropped silently.
 *
 * Reading never stops at the first problem: every row that cannot be read is reported with its
 * row number as a spreadsheet shows it (the header is row 1), its column (letter and header) and
 * what is wrong. Pure: no storage, no clock (today is passed in).
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { FieldSpec } from '../../model/template/form.ts';
import type { PathwayTemplate } from '../../model/template/pathway.ts';
import type { TemplateRegistry } from '../../model/template/registry.ts';
import { controlCharacterMessage, hasControlCharacters } from '../../model/wire/index.ts';
import { templates } from '../../templates/index.ts';
import { childFields, fieldNamed, looseKey, readDate, readFieldText } from './child-details-input.ts';
import type { ChildInput, StageReached } from '../plans/new-children.ts';

/** Largest tracker file read, in bytes. */
export const MAX_TRACKER_BYTES = 10 * 1024 * 1024;
/** Most data rows in one import (a team's caseload is a few hundred children). */
export const MAX_TRACKER_ROWS = 5000;
/** The prefix of a stage column's header. */
export const STAGE_PREFIX = 'stage:';

/** Something that keeps a row (or the file, when `row` is absent) from being imported. */
export interface RowProblem {
  /** Row number as a spreadsheet shows it: the header is row 1, the first child row 2. */
  readonly row?: number;
  /** Column letter and header, e.g. `C (Date of birth)`. */
  readonly column?: string;
  readonly problem: string;
}

/** One child read from the tracker. */
export interface TrackerRow extends ChildInput {
  readonly row: number;
  readonly name: string;
  readonly stages: readonly StageReached[];
}

/** What a column of the file holds. */
export type ColumnMeaning =
  | { readonly kind: 'pathway' }
  | { readonly kind: 'field'; readonly field: FieldSpec }
  | { readonly kind: 'stage'; readonly stage: string }
  | { readonly kind: 'ignored' };

/** What reading a tracker found: the rows to import, and every problem (the import needs none). */
export interface TrackerRead {
  /** The rows that can be imported, in file order. */
  readonly rows: readonly TrackerRow[];
  /** Every problem found; an import goes ahead only when this is empty. */
  readonly problems: readonly RowProblem[];
  /** Rows below the header with at least one value. */
  readonly dataRows: number;
  /** Rows with every cell empty, skipped. */
  readonly blankRows: number;
}

/** How to read a tracker: today (for stage dates), the file name (for notes), the templates. */
export interface TrackerOptions {
  /** YYYY-MM-DD: stage dates after it are refused (a tracker's planned dates are not stages reached). */
  readonly today: string;
  /** The file name, for the note on each recorded stage. */
  readonly source?: string;
  readonly registry?: TemplateRegistry;
}

/** A column's letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** What tells one child from another in a tracker: the case record ID, and name with date of birth. */
export interface ChildIdentity {
  readonly caseRecordId?: string;
  readonly nameAndBirth?: string;
}

/** The identity of a child's details (by field id). */
export function identityOf(details: Readonly<Record<string, unknown>>): ChildIdentity {
  const id = typeof details.caseRecordId === 'string' && details.caseRecordId.trim() !== '' ? looseKey(details.caseRecordId) : undefined;
  const nameAndBirth = typeof details.name === 'string' && typeof details.dateOfBirth === 'string' ? `${looseKey(details.name)}|${details.dateOfBirth}` : undefined;
  return { ...(id === undefined ? {} : { caseRecordId: id }), ...(nameAndBirth === undefined ? {} : { nameAndBirth }) };
}

/**
 * Why two identities are the same child, or undefined when they are not: when both have a case
 * record ID only the IDs count (twins share a date of birth, and two different IDs are two
 * children); otherwise the same name and date of birth.
 */
export function sameChild(a: ChildIdentity, b: ChildIdentity): string | undefined {
  if (a.caseRecordId !== undefined && b.caseRecordId !== undefined) return a.caseRecordId === b.caseRecordId ? 'same case record ID' : undefined;
  return a.nameAndBirth !== undefined && a.nameAndBirth === b.nameAndBirth ? 'same name and date of birth' : undefined;
}

/** Reads the file's bytes; see the module comment for the format. */
export function readTracker(bytes: Uint8Array, options: TrackerOptions): TrackerRead {
  const registry = options.registry ?? templates;
  const fail = (problem: string, row?: number): TrackerRead => ({ rows: [], problems: [{ ...(row === undefined ? {} : { row }), problem }], dataRows: 0, blankRows: 0 });
  if (bytes.length > MAX_TRACKER_BYTES) return fail(`the file is larger than ${MAX_TRACKER_BYTES / 1024 / 1024} MiB; import the tracker in parts`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('the file is not UTF-8 text: in Excel use File > Save As > "CSV UTF-8 (Comma delimited)"');
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 100_000 });
  } catch (error) {
    const lines = error instanceof CsvError && typeof (error as { lines?: unknown }).lines === 'number' ? ` (near line ${(error as unknown as { lines: number }).lines})` : '';
    return fail(`the file is not readable CSV${lines}: ${(error as Error).message}`);
  }
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) return fail('the file is empty: the first row must name the columns (at least name and pathway)', 1);
  if (header.length === 1 && header[0]!.includes(';')) return fail('the columns are separated by semicolons: save the spreadsheet as "CSV UTF-8 (Comma delimited)"', 1);
  if (records.length - 1 > MAX_TRACKER_ROWS) return fail(`the file has ${records.length - 1} rows; import at most ${MAX_TRACKER_ROWS} at a time`);

  const fields = childFields(registry);
  const pathways = registry.ofKind('pathway');
  const columns = readHeader(header, records.slice(1), fields, pathways);
  if (columns.problems.length > 0) return { rows: [], problems: columns.problems, dataRows: records.length - 1, blankRows: 0 };

  const rows: TrackerRow[] = [];
  const problems: RowProblem[] = [];
  const seen: { row: number; identity: ChildIdentity }[] = [];
  let blankRows = 0;
  for (const [index, cells] of records.slice(1).entries()) {
    const rowNumber = index + 2;
    if (cells.every((c) => c.trim() === '')) {
      blankRows++;
      continue;
    }
    const read = readRow(rowNumber, cells, header, columns.meanings, pathways, options);
    problems.push(...read.problems);
    if (!read.row) continue;
    const identity = identityOf(read.row.details);
    const earlier = seen.find((s) => sameChild(s.identity, identity) !== undefined);
    if (earlier) {
      problems.push({ row: rowNumber, problem: `the same child as row ${earlier.row} (${sameChild(earlier.identity, identity)!}); keep one of the two rows` });
      continue;
    }
    seen.push({ row: rowNumber, identity });
    rows.push(read.row);
  }
  return { rows, problems, dataRows: records.length - 1 - blankRows, blankRows };
}

function readHeader(header: readonly string[], body: readonly string[][], fields: readonly FieldSpec[], pathways: readonly PathwayTemplate[]): { meanings: ColumnMeaning[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const meanings: ColumnMeaning[] = [];
  const claimed = new Map<string, string>();
  const allStages = new Set(pathways.flatMap((p) => p.stages.map((s) => s.id)));
  for (const [i, raw] of header.entries()) {
    const h = raw.trim();
    const column = `${columnLetter(i)} (${h === '' ? 'no header' : hasControlCharacters(h) ? 'header with a control character' : h})`;
    let meaning: ColumnMeaning | undefined;
    let problem: string | undefined;
    if (hasControlCharacters(raw)) problem = `the header ${controlCharacterMessage(raw)}`;
    else if (h.startsWith('#')) meaning = { kind: 'ignored' };
    else if (h === '') {
      if (body.some((cells) => (cells[i] ?? '').trim() !== '')) problem = 'this column has values but no header: name it, or start its header with # to leave it out';
      else meaning = { kind: 'ignored' };
    } else if (['pathway', 'pathwayid'].includes(looseKey(h))) meaning = { kind: 'pathway' };
    else if (looseKey(h).startsWith(STAGE_PREFIX)) {
      const stage = h.slice(STAGE_PREFIX.length).trim();
      if (allStages.has(stage)) meaning = { kind: 'stage', stage };
      else problem = `"${stage}" is not a stage of any pathway (stage ids are listed by: npm run admin -- templates --json)`;
    } else {
      const field = fieldNamed(h, fields);
      if (field) meaning = { kind: 'field', field };
      else problem = `unknown column "${h}": use a field of the child's details, pathway, or stage:<stage id>; start the header with # to leave the column out`;
    }
    if (meaning && meaning.kind !== 'ignored') {
      const key = meaning.kind === 'field' ? `field:${meaning.field.id}` : meaning.kind === 'stage' ? `stage:${meaning.stage}` : 'pathway';
      const other = claimed.get(key);
      if (other) problem = `holds the same as column ${other}; keep one of them`;
      else claimed.set(key, column);
    }
    if (problem) problems.push({ row: 1, column, problem });
    meanings.push(meaning ?? { kind: 'ignored' });
  }
  for (const [key, what] of [['field:name', "name (the child's name)"], ['pathway', 'pathway (a pathway template id, e.g. pathway-adoption)']] as const) {
    if (!claimed.has(key)) problems.push({ row: 1, problem: `no column for ${what}` });
  }
  return { meanings, problems };
}

function readRow(
  rowNumber: number,
  cells: readonly string[],
  header: readonly string[],
  meanings: readonly ColumnMeaning[],
  pathways: readonly PathwayTemplate[],
  options: TrackerOptions,
): { row?: TrackerRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const at = (i: number): string => `${columnLetter(i)} (${header[i]?.trim() || 'no header'})`; // headers were checked: no control characters
  const add = (i: number, problem: string): void => void problems.push({ row: rowNumber, column: at(i), problem });
  for (let i = header.length; i < cells.length; i++) if (cells[i]!.trim() !== '') add(i, 'a value beyond the last column with a header');

  const details: Record<string, string | boolean> = {};
  const stageCells: { index: number; stage: string; text: string }[] = [];
  let pathway: PathwayTemplate | undefined;
  for (const [i, meaning] of meanings.entries()) {
    const text = (cells[i] ?? '').trim();
    // Field cells are checked by readFieldText (a text field may hold new lines); a pathway or
    // stage cell is one line. Refused by code point, so a problem never echoes the character.
    if ((meaning.kind === 'pathway' || meaning.kind === 'stage') && hasControlCharacters(text)) {
      add(i, `the cell ${controlCharacterMessage(text)}`);
      continue;
    }
    if (meaning.kind === 'pathway') {
      if (text === '') add(i, 'the pathway is missing');
      else if (!(pathway = pathways.find((p) => p.id === looseKey(text)))) add(i, `"${text}" is not a pathway template; use one of: ${pathways.map((p) => p.id).join(', ')}`);
    } else if (text === '') continue;
    else if (meaning.kind === 'field') {
      const read = readFieldText(meaning.field, text);
      if (read.ok) details[meaning.field.id] = read.value;
      else add(i, read.problem);
    } else if (meaning.kind === 'stage') stageCells.push({ index: i, stage: meaning.stage, text });
  }
  const nameIndex = meanings.findIndex((m) => m.kind === 'field' && m.field.id === 'name');
  if (details.name === undefined && !problems.some((p) => p.column === at(nameIndex))) add(nameIndex, "the child's name is missing");

  const stages: StageReached[] = [];
  const note = `Imported from the tracker${options.source ? ` ${options.source}` : ''}, row ${rowNumber}`;
  for (const cell of stageCells) {
    if (pathway && !pathway.stages.some((s) => s.id === cell.stage)) {
      add(cell.index, `"${cell.stage}" is not a stage of ${pathway.id}; leave the cell empty for this child`);
      continue;
    }
    const dates = new Set<string>();
    for (const part of cell.text.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
      const date = readDate(part);
      if (!date.ok) add(cell.index, date.problem);
      else if ((date.value as string) > options.today) add(cell.index, `${date.value as string} is after today: a stage column records when a stage was reached, so leave planned dates out`);
      else dates.add(date.value as string);
    }
    for (const date of [...dates].sort()) stages.push({ stage: cell.stage, date, note });
  }
  if (problems.length > 0 || !pathway) return { problems };
  return { row: { row: rowNumber, name: details.name as string, pathwayId: pathway.id, details, stages }, problems };
}

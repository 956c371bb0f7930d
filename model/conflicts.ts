/**
 * The plan's open conflicts: every single-valued field (in any part, any meeting, any table row)
 * that holds two or more values written without seeing each other (DESIGN decision 4), with
 * where it is, so the page can list them and take a person to each field.
 *
 * A field's place is its **path**, `<part>/<recordId>/<fieldId>`, the same string the page puts
 * on the field's element as `data-field-path`: `part` is the plan's root (`child`, `ppms`,
 * `contingency`, `introduction`, `roles`, `pathway`, `assurance`), `recordId` the id of the record holding
 * the field (a meeting's id for `ppms`), `fieldId` the field's id, or `<tableId>.<columnId>` for
 * a table cell, whose row is `rowId` (the element's `data-row-id`). So a cell is found by
 * `[data-field-path="ppms/m1/decisions.targetDate"][data-row-id="r2"]`.
 */
import type { Plan } from './plan.ts';
import type { PlanPart } from './plan-spec.ts';
import type { RecordView } from './record-view.ts';
import type { RegisterEntry } from './register.ts';
import { formatValue } from './words.ts';

/** One field in conflict. */
export interface OpenConflict {
  /** `<part>/<recordId>/<fieldId>`: the field element's `data-field-path`. */
  readonly path: string;
  /** The field's label as the template gives it (the column's label for a cell). */
  readonly label: string;
  /** The record in words people use: "PPM of 3 November 2026", "Contingency plan", "Answer to …". */
  readonly where: string;
  readonly part: PlanPart;
  /** The record holding the field or the table (a meeting's id for `ppms`). */
  readonly recordId: string;
  /** The field id, `<tableId>.<columnId>` for a cell. */
  readonly fieldId: string;
  /** The table row, for a cell: the element's `data-row-id`. */
  readonly rowId?: string;
  /** The table's label, for a cell. */
  readonly table?: string;
  /** Every kept value: the one shown first, then the others, each with who wrote it and when. */
  readonly entries: readonly RegisterEntry[];
}

/** The path of a field, as `data-field-path` carries it. */
export function fieldPath(part: PlanPart, recordId: string, fieldId: string): string {
  return `${part}/${recordId}/${fieldId}`;
}

/** The path of a table cell (its row is told apart by `data-row-id`). */
export function cellPath(part: PlanPart, recordId: string, tableId: string, columnId: string): string {
  return fieldPath(part, recordId, `${tableId}.${columnId}`);
}

/**
 * Every open conflict of the plan, in reading order: the child's details, each meeting in the
 * order added, the contingency plan, the introduction plan, the role matrix, the pathway and
 * the task list and checklist answers;
 * within a record its fields, then its tables row by row.
 */
export function openConflicts(plan: Plan): OpenConflict[] {
  const found: OpenConflict[] = [];
  const visit = (part: PlanPart, record: RecordView, where: string): void => {
    for (const field of record.spec.fields) {
      if (field.kind === 'text') continue;
      const conflict = conflictOf(record, field.id);
      if (conflict) found.push({ path: fieldPath(part, record.id, field.id), label: field.label, where, part, recordId: record.id, fieldId: field.id, entries: conflict });
    }
    for (const table of record.spec.tables) {
      for (const row of record.table(table.id).rows()) {
        for (const column of table.columns) {
          if (column.kind === 'text') continue;
          const conflict = conflictOf(row, column.id);
          if (!conflict) continue;
          const fieldId = `${table.id}.${column.id}`;
          found.push({ path: fieldPath(part, record.id, fieldId), label: column.label, where, part, recordId: record.id, fieldId, rowId: row.id, table: table.label, entries: conflict });
        }
      }
    }
  };
  visit('child', plan.child, "Child's details");
  plan.ppms.rows().forEach((meeting, i) => {
    const date = meeting.spec.fields.some((f) => f.id === 'meetingDate') ? meeting.value('meetingDate') : undefined;
    visit('ppms', meeting, `PPM of ${date ? formatValue({ kind: 'date' }, date) : `meeting ${i + 1}`}`);
  });
  visit('contingency', plan.contingency, 'Contingency plan');
  visit('introduction', plan.introduction, 'Introduction plan');
  visit('roles', plan.record('roles'), 'Roles and responsibilities');
  visit('pathway', plan.pathway, 'Pathway and stages');
  for (const answer of plan.assurance.rows()) visit('assurance', answer, `Answer to ${String(answer.value('item') ?? 'an item')}`);
  return found;
}

function conflictOf(record: RecordView, fieldId: string): RegisterEntry[] | undefined {
  const state = record.get(fieldId);
  if (state.conflicts.length === 0 || !state.current) return undefined;
  return [state.current, ...state.conflicts];
}

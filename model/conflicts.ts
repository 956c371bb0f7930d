/**
 * The plan's open conflicts: every single-valued field (DESIGN decision 4) that keeps two or more
 * writes with different values, made without seeing each other. The workspace lists them so a
 * person with edit access can go to each and resolve it by choosing one (a new write).
 *
 * A field's `path` is where the page shows it: `<part>/<recordId>/<fieldId>` for a field of a
 * record (`part` is `child`, `ppm`, `contingency`, `introduction`, `roles`, `pathway` or `assurance`, as the
 * form parts and `data-field-path` name them), and `<part>/<recordId>/<tableId>/<rowId>/<columnId>`
 * for a cell of a table row. `label` says the same in the words people use.
 */
import type { Plan } from './plan.ts';
import type { RecordView } from './record-view.ts';
import type { RegisterEntry } from './register.ts';
import { formatValue } from './words.ts';

/** One field in conflict: where it is, what people call it, and every write kept (oldest first). */
export interface OpenConflict {
  readonly path: string;
  readonly label: string;
  readonly entries: RegisterEntry[];
}

/** Every field of the plan in conflict, in the order the workspace shows the parts. */
export function openConflicts(plan: Plan): OpenConflict[] {
  const out: OpenConflict[] = [];
  collect(plan.child, 'child', "Child's details", out);
  plan.ppms.rows().forEach((meeting, i) => {
    const date = meeting.spec.fields.some((f) => f.id === 'meetingDate') ? meeting.value('meetingDate') : undefined;
    const when = date ? formatValue({ kind: 'date' }, date) : `meeting ${i + 1}`;
    collect(meeting, 'ppm', `PPM of ${when}`, out);
  });
  collect(plan.contingency, 'contingency', 'Contingency plan', out);
  collect(plan.introduction, 'introduction', 'Introduction plan', out);
  collect(plan.record('roles'), 'roles', 'Roles and responsibilities', out);
  collect(plan.pathway, 'pathway', 'Pathway and stages', out);
  for (const answer of plan.assurance.rows()) collect(answer, 'assurance', `Answer to ${String(answer.value('item') ?? 'an item')}`, out);
  return out;
}

function collect(record: RecordView, part: string, where: string, out: OpenConflict[]): void {
  for (const field of record.spec.fields) {
    if (field.kind === 'text') continue;
    const state = record.get(field.id);
    if (state.conflicts.length > 0) out.push({ path: `${part}/${record.id}/${field.id}`, label: `${where}: ${field.label}`, entries: [...state.entries] });
  }
  for (const table of record.spec.tables) {
    record.table(table.id).rows().forEach((row, i) => {
      for (const column of table.columns) {
        if (column.kind === 'text') continue;
        const state = row.get(column.id);
        if (state.conflicts.length > 0) {
          out.push({ path: `${part}/${record.id}/${table.id}/${row.id}/${column.id}`, label: `${where}: ${table.label}, row ${i + 1}: ${column.label}`, entries: [...state.entries] });
        }
      }
    });
  }
}

/**
 * The adoption task list by role (003 Appendix 7) and the CPR quality-assurance checklist (003
 * Appendix 8) in a child's plan: which lists the child's pathway uses, and each item's answer
 * (Yes / No / Partly / Not applicable) with a comment, kept in the plan's `assurance` list.
 *
 * A list names the pathways whose children use it (`pathways` in its template: the adoption
 * pathway for both of 003's), so a local authority adds a list for its pathway by adding or
 * changing a template, not code. An item's record is made by the first person to answer
 * it; two people answering the same item for the first time at once (one offline) make two
 * records: both are kept (nothing is silently lost), the one first in the list is shown and
 * edited, and the other is reported beside it (`others`).
 */
import type { Plan } from './plan.ts';
import type { RecordView } from './record-view.ts';
import type { ChecklistTemplate } from './template/checklist.ts';
import type { PathwayTemplate } from './template/pathway.ts';
import type { TemplateRegistry } from './template/registry.ts';
import type { TaskListTemplate } from './template/task-list.ts';
import { ASSURANCE_ANSWERS } from './core-fields.ts';

/** An answer an item takes. */
export type AssuranceAnswer = (typeof ASSURANCE_ANSWERS)[number];

/** The task lists and checklists a pathway uses: those whose template names it. */
export function assuranceListsFor(pathway: PathwayTemplate, registry: TemplateRegistry): (TaskListTemplate | ChecklistTemplate)[] {
  return registry
    .all()
    .filter((t): t is TaskListTemplate | ChecklistTemplate => (t.kind === 'task-list' || t.kind === 'checklist') && t.pathways.includes(pathway.id));
}

/** An item's answer record (the first, when two were made at once) and any others. */
export function answerOf(plan: Plan, list: string, item: string): { record: RecordView | undefined; others: RecordView[] } {
  const rows = plan.assurance.rows().filter((r) => r.value('list') === list && r.value('item') === item);
  return { record: rows[0], others: rows.slice(1) };
}

/**
 * Writes an item's answer (null clears it) or comment, making its record first if it has none.
 * Returns the record written.
 */
export function writeAnswer(plan: Plan, list: string, item: string, change: { answer?: AssuranceAnswer | null; comment?: string }): RecordView {
  let record = answerOf(plan, list, item).record;
  plan.transact(() => {
    if (!record) {
      const id = plan.assurance.insert({ list, item, ...(change.answer ? { answer: change.answer } : {}), ...(change.comment !== undefined ? { comment: change.comment } : {}) });
      record = plan.assurance.row(id)!;
      return;
    }
    if (change.answer !== undefined && (change.answer ?? undefined) !== record.value('answer')) record.set('answer', change.answer);
    if (change.comment !== undefined) record.replaceText('comment', change.comment);
  });
  return record!;
}

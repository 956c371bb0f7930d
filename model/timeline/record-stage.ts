/**
 * Writing that a pathway stage happened, into the stage's own record (DESIGN decision 8: one
 * event, one record): a stage recorded in the PPM records becomes a PPM record with that meeting
 * date, one recorded in the introduction plan sets that date field, any other stage is a row of
 * the stage table. Everything that records stages for someone (the demo caseload, the tracker
 * import, test fixtures) goes through it, so no writer makes the second record the timeline
 * would not count.
 */
import type { Plan } from '../plan.ts';
import type { PathwayTemplate } from '../template/pathway.ts';

/** Where `recordStageDate` wrote: the PPM record's id, the introduction field, or the stage row's id. */
export type StageWrite = { readonly part: 'ppms'; readonly meetingId: string } | { readonly part: 'introduction'; readonly field: string } | { readonly part: 'pathway'; readonly rowId: string };

/**
 * Records `stage` of `pathway` as reached on `date` (YYYY-MM-DD) in its record. `note` goes with a
 * stage-table row only. Throws RangeError for a stage the pathway does not have or an
 * introduction field the plan lacks (a template error).
 */
export function recordStageDate(plan: Plan, pathway: PathwayTemplate, stage: string, date: string, note = ''): StageWrite {
  const s = pathway.stages.find((x) => x.id === stage);
  if (!s) throw new RangeError(`"${stage}" is not a stage of ${pathway.id}`);
  const where = s.recordedIn;
  if (where?.part === 'ppms') return { part: 'ppms', meetingId: plan.addMeeting({ meetingDate: date }) };
  if (where?.part === 'introduction') {
    if (!plan.introduction.spec.fields.some((f) => f.id === where.field)) throw new RangeError(`the introduction plan has no field "${where.field}" (stage "${stage}")`);
    plan.introduction.set(where.field, date);
    return { part: 'introduction', field: where.field };
  }
  return { part: 'pathway', rowId: plan.recordStage(stage, date, note) };
}

/**
 * A fictional child's plan held in memory: a test fixture, so element tests can show a real PPM
 * record and timeline without a sync server. Every person in it is invented. Its dates are set for late
 * November 2026: the timeline then has stages done on time and late, items due soon, an
 * overdue review and two dates recorded for one review.
 */
import * as Y from 'yjs';
import { liveContext } from '../../model/context.ts';
import { createPlanDoc, Plan } from '../../model/plan.ts';
import { planSpec } from '../../model/plan-spec.ts';
import { defaultForms, TemplateRegistry } from '../../model/template/registry.ts';
import { templates } from '../../templates/index.ts';
import type { OpenPlan } from '../binding/open-plan-context.ts';
import { openPlanFor } from './test-contexts.ts';

/**
 * Stages of the adoption pathway reached so far that the stage table records, with the dates they
 * were reached. The PPMs (the initial PPM of 19 August among them) are PPM records, not rows here:
 * one event, one record.
 */
const STAGES_REACHED: readonly (readonly [stage: string, date: string])[] = [
  ['threshold-assessment', '2026-07-20'],
  ['gateway-application', '2026-07-24'],
  ['became-looked-after', '2026-07-31'],
  ['legal-gateway', '2026-08-03'],
  ['legal-planning-meeting', '2026-08-06'],
  ['multi-track-decision', '2026-08-06'],
  ['family-finder-allocated', '2026-08-07'],
  ['adoption-tracker-entry', '2026-08-14'],
  ['adoption-medical-booked', '2026-08-20'],
  ['permanence-plan', '2026-08-21'],
  ['cla-review-1', '2026-08-25'],
  ['cpr-started', '2026-08-28'],
  ['tracker-meeting', '2026-09-03'],
  ['adoption-tracker-meeting', '2026-09-10'],
  ['tracker-meeting', '2026-10-01'],
  ['adoption-tracker-meeting', '2026-10-08'],
  ['tracker-meeting', '2026-11-05'],
  ['adoption-tracker-meeting', '2026-11-05'],
  ['final-care-planning-meeting', '2026-11-12'],
  ['adoption-medical-completed', '2026-11-18'],
];

/**
 * Makes the demo plan: one child on the adoption pathway, four PPMs, the latest with people
 * involved and decisions. Read-only unless `canEdit` (as a person with an edit grant sees it).
 */
export function demoPlan(canEdit = false): OpenPlan {
  const forms = defaultForms(templates);
  const spec = planSpec(forms);
  const ctx = liveContext('Demo: Asha Patel (Social Worker)');
  const doc = createPlanDoc(
    spec,
    {
      childId: 'demo-1',
      templates: [forms.ppm, forms.contingency, forms.introduction].map((t) => TemplateRegistry.ref(t)),
      child: {
        name: 'Rowan Example',
        dateOfBirth: '2024-06-14',
        jurisdiction: 'England',
        legalStatus: 'Interim care order',
        proceedings: 'Care proceedings',
        multiTrack: true,
      },
      roleMatrix: templates.ofKind('role-matrix')[0],
      pathwayId: 'pathway-adoption',
    },
    ctx,
  );
  const plan = new Plan(doc, spec, ctx);
  plan.transact(() => {
    for (const [stage, date] of STAGES_REACHED) plan.recordStage(stage, date);
    plan.addMeeting({ meetingDate: '2026-08-19', meetingType: 'Permanence Care Planning Meeting' });
    plan.addMeeting({ meetingDate: '2026-09-16', meetingType: 'Permanence Care Planning Meeting' });
    plan.addMeeting({ meetingDate: '2026-10-14', meetingType: 'Permanence Care Planning Meeting' });
  });
  changeDateConcurrently(plan, 'cla-review-1', '2026-08-26', '2026-08-27', 'Demo: Sam Lee (Independent Reviewing Officer)');
  const meetingId = plan.addMeeting({
    meetingDate: '2026-11-03',
    meetingType: 'Permanence Care Planning Meeting',
    iroConsulted: true,
    reasonForUpdate: 'The parenting assessment has concluded and the court timetable needs a confirmed plan.',
    significantEvents: 'Rowan has settled at nursery and enjoys weekly family time with their grandmother.',
    childView: 'Rowan is too young to give a view; their foster carer reports that Rowan is happy and settled.',
  });
  const meeting = plan.ppms.row(meetingId)!;
  const people = meeting.table('people');
  people.insert({ name: 'Asha Patel', organisation: 'Children in Care Team', role: "Child's Social Worker", invited: true, attended: true });
  people.insert({ name: 'Morgan Reed', organisation: 'Children in Care Team', role: 'Team Manager (chair)', invited: true, attended: true });
  people.insert({ name: 'Kai Fictional', organisation: 'Health Visiting Service', role: 'Health Visitor', invited: true, attended: false, sentApologies: true, reportExpected: true });
  const decisions = meeting.table('decisions');
  decisions.insert({ decision: 'Complete the viability assessment of the maternal grandmother.', reason: 'She has come forward as a connected carer.', responsible: 'Connected Persons Team', targetDate: '2026-12-01' });
  decisions.insert({ decision: 'Start early family finding in parallel.', reason: 'Multi-track plan: adoption is the contingency.', responsible: 'Family finder', targetDate: '2026-11-24' });
  return openPlanFor(plan, forms, canEdit);
}

/**
 * Two people correct the date of a recorded stage at the same time, one of them offline: the
 * merge keeps both dates as a conflict for the chair to resolve (DESIGN decision 4).
 */
function changeDateConcurrently(plan: Plan, stage: string, ours: string, theirs: string, theirActor: string): void {
  const row = plan.stages.rows().find((r) => r.value('stage') === stage);
  if (!row) throw new RangeError(`the demo plan has no stage "${stage}" recorded`);
  const offline = new Y.Doc();
  Y.applyUpdate(offline, Y.encodeStateAsUpdate(plan.doc));
  new Plan(offline, plan.spec, liveContext(theirActor)).stages.row(row.id)!.set('date', theirs);
  row.set('date', ours);
  Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(offline));
}

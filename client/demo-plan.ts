/**
 * A fictional child's plan held in memory, so the client shows a real PPM record before the
 * sync server exists. Every person in it is invented.
 */
import { liveContext } from '../model/context.ts';
import { createPlanDoc, Plan } from '../model/plan.ts';
import { planSpec } from '../model/plan-spec.ts';
import { defaultForms, TemplateRegistry } from '../model/template/registry.ts';
import { templates } from '../templates/index.ts';
import type { OpenPlan } from './plan-context.ts';

/** Makes the demo plan: one child, one meeting with people involved and decisions. */
export function demoPlan(): OpenPlan {
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
  return { plan, ppmForm: forms.ppm };
}

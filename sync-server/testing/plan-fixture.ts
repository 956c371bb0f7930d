/**
 * TEST AND BENCHMARK FIXTURE, not used by the server: real plan documents made by the model's
 * own `createPlanDoc` from the shipped templates, grown to a chosen size with an editing
 * history like a real one (text typed in short bursts, field writes, rows added), so that the
 * validator is measured and tested on documents of normal shape. Every person is fictional.
 */
import * as Y from 'yjs';
import { fixedContext, type PlanContext } from '../../model/context.ts';
import { createPlanDoc, Plan } from '../../model/plan.ts';
import { planSpec } from '../../model/plan-spec.ts';
import { createRestrictedDoc } from '../../model/restricted.ts';
import { defaultForms, TemplateRegistry } from '../../model/template/registry.ts';
import { templates } from '../../templates/index.ts';

const forms = defaultForms(templates);
const spec = planSpec(forms);
const refs = [forms.ppm, forms.contingency, forms.introduction].map((t) => TemplateRegistry.ref(t));

const WORDS = ['the', 'child', 'carer', 'review', 'placement', 'contact', 'plan', 'assessment', 'family', 'school', 'health', 'visit'];

/** Document names of a child's plan and restricted document, as the server names them. */
export { planDocumentName as planName, restrictedDocumentName as restrictedName } from '../../model/wire/index.ts';

/** A new plan of child `childId` made the way the server makes one (templates, role matrix, pathway). */
export function newPlan(childId: string, ctx: PlanContext = fixedContext('Server', `${childId}-s`)): Plan {
  const doc = createPlanDoc(
    spec,
    {
      childId,
      templates: refs,
      child: { name: 'Rowan Example', dateOfBirth: '2025-06-14', jurisdiction: 'England', legalStatus: 'Interim care order' },
      roleMatrix: templates.require('role-matrix', 'role-matrix-early-permanence'),
      pathwayId: 'pathway-adoption',
    },
    ctx,
  );
  return new Plan(doc, spec, ctx);
}

/** A new restricted document of child `childId`. */
export function newRestricted(childId: string): Y.Doc {
  return createRestrictedDoc(childId, refs, fixedContext('Server', `${childId}-r`));
}

/** Types `words` words into `text` at its end, a few words per transaction, as an editor would send them. */
function type(plan: Plan, text: Y.Text, words: number, seed: number): void {
  for (let i = 0; i < words; i += 3) {
    plan.transact(() => {
      const burst = [0, 1, 2].map((k) => WORDS[(seed + i + k) % WORDS.length]).join(' ');
      text.insert(text.length, `${text.length > 0 ? ' ' : ''}${burst}`);
    });
  }
}

/**
 * A plan of child `childId` whose full encoded state is at least `bytes` long, grown by edits
 * from several writers: PPM meetings with attendees and decisions, typed text, dates set.
 */
export function grownPlan(childId: string, bytes: number): Plan {
  const server = newPlan(childId);
  const writers = ['Asha Patel', 'Ben Okafor', 'Chris Doyle'].map((name, i) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.doc));
    return new Plan(doc, spec, fixedContext(name, `${childId}-w${i}`));
  });
  const sync = (from: Plan): void => Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(server.doc)));
  let n = 0;
  while (Y.encodeStateAsUpdate(server.doc).length < bytes) {
    const w = writers[n % writers.length]!;
    Y.applyUpdate(w.doc, Y.encodeStateAsUpdate(server.doc, Y.encodeStateVector(w.doc)));
    const meeting = w.ppms.row(w.addMeeting({ meetingDate: '2026-02-02', meetingType: 'Permanence Care Planning Meeting' }))!;
    for (let p = 0; p < 4; p++) meeting.table('people').insert({ name: `Person ${n}-${p}`, role: 'Social worker', invited: true });
    for (let d = 0; d < 3; d++) {
      const decisions = meeting.table('decisions');
      const decision = decisions.row(decisions.insert({ targetDate: '2026-03-01' }))!;
      type(w, decision.text('decision'), 30, n + d);
    }
    type(w, meeting.text('reasonForUpdate'), 60, n);
    type(w, w.contingency.text('contingencyPlan'), 9, n);
    meeting.set('planUpdated', true);
    w.child.set('placementType', null);
    sync(w);
    n++;
  }
  return server;
}

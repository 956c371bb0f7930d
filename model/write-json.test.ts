import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { exportDoc } from './doc-json.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { testSpec, testTemplates } from './testing/forms.ts';
import { validate } from './validate.ts';
import { writeJsonInto } from './write-json.ts';

// The cases on the shipped templates (people, the four views, conflicts, offline merges) run in
// sync-server/http/version-restore.test.ts, which has a plan made the way the server makes one.

function newPlan(): Plan {
  const ctx = fixedContext('Asha Patel', 'a');
  const doc = createPlanDoc(testSpec, { childId: 'child-1', templates: testTemplates, child: { name: 'Rowan Example' }, pathwayId: 'pathway-pace' }, ctx);
  return new Plan(doc, testSpec, ctx);
}

function replica(plan: Plan, actor: string, prefix: string): Plan {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc));
  return new Plan(doc, testSpec, fixedContext(actor, prefix));
}

describe('writing a plan in plain-JSON form into a live plan', () => {
  it('makes the content equal to the target after edits, removals and additions, keeping rows in place', () => {
    const plan = newPlan();
    const meetingId = plan.addMeeting({ meetingType: 'Permanence Care Planning Meeting' });
    const decisions = plan.ppms.row(meetingId)!.table('decisions');
    const kept = decisions.insert({ targetDate: '2026-12-01' });
    decisions.row(kept)!.replaceText('decision', 'Start family finding');
    const dropped = decisions.insert({ targetDate: '2027-01-15' });
    const target = exportDoc(plan.doc, plan.spec);

    const later = replica(plan, 'Ben Okafor', 'b');
    later.child.set('name', 'Rowan Renamed');
    const laterDecisions = later.ppms.row(meetingId)!.table('decisions');
    laterDecisions.remove(dropped);
    laterDecisions.insert({ targetDate: '2027-02-01' }, 0);
    later.addMeeting({});
    expect(exportDoc(later.doc, later.spec)).not.toEqual(target);

    const keptRow = later.ppms.row(meetingId)!.table('decisions').row(kept)!;
    writeJsonInto(later.doc, later.spec, target, fixedContext('Morgan Reed', 'r'));
    expect(exportDoc(later.doc, later.spec)).toEqual(target);
    expect(validate(later.doc, later.spec)).toEqual([]);
    expect(later.ppms.row(meetingId)!.table('decisions').row(kept)!.id).toBe(keptRow.id);
  });

  it('changes nothing when the plan already holds the target', () => {
    const plan = newPlan();
    plan.addMeeting({ meetingType: 'Permanence Care Planning Meeting' });
    const copy = replica(plan, 'Ben Okafor', 'b');
    const before = Y.encodeStateVector(copy.doc);
    writeJsonInto(copy.doc, copy.spec, exportDoc(plan.doc, plan.spec), fixedContext('Morgan Reed', 'r'));
    expect(Y.encodeStateVector(copy.doc)).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from '../../model/context.ts';
import { exportDoc, type DocJson } from '../../model/doc-json.ts';
import { Plan } from '../../model/plan.ts';
import { validate } from '../../model/validate.ts';
import { newPlan } from '../testing/plan-fixture.ts';
import { writeJsonInto } from '../../model/write-json.ts';
import { versionContent } from './version-restore.ts';

/** A replica of `plan` written by `actor` (ids prefixed so replicas never collide). */
function replica(plan: Plan, actor: string, prefix: string): Plan {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc));
  return new Plan(doc, plan.spec, fixedContext(actor, prefix));
}

function sync(from: Plan, to: Plan): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)));
}

/** A plan with a meeting, people, decisions and text, as a version would be saved. */
function planWithMeeting(): { plan: Plan; meetingId: string; keptDecision: string; droppedDecision: string } {
  const plan = replica(newPlan('crestore'), 'Asha Patel', 'a');
  const meetingId = plan.addMeeting({ meetingDate: '2026-11-03', meetingType: 'Permanence Care Planning Meeting' });
  const meeting = plan.ppms.row(meetingId)!;
  meeting.table('people').insert({ name: 'Jordan Blake', role: 'Independent Reviewing Officer', invited: true, attended: true });
  const decisions = meeting.table('decisions');
  const keptDecision = decisions.insert({ targetDate: '2026-12-01' });
  decisions.row(keptDecision)!.replaceText('decision', 'Start family finding');
  const droppedDecision = decisions.insert({ targetDate: '2027-01-15' });
  meeting.replaceText('childView', 'Rowan likes the garden at the foster home.');
  plan.contingency.replaceText(plan.contingency.spec.fields.find((f) => f.kind === 'text')!.id, 'Parallel plan: special guardianship.');
  return { plan, meetingId, keptDecision, droppedDecision };
}

describe('writing a version back into a plan', () => {
  it('makes the content equal to the version after edits, removals, additions and reordering', () => {
    const { plan, meetingId, keptDecision, droppedDecision } = planWithMeeting();
    const saved: DocJson = exportDoc(plan.doc, plan.spec);
    const version = Y.encodeStateAsUpdate(plan.doc);

    const later = replica(plan, 'Ben Okafor', 'b');
    later.child.set('name', 'Rowan Renamed');
    const meeting = later.ppms.row(meetingId)!;
    meeting.replaceText('childView', 'Rowan wants to stay near school.');
    meeting.table('decisions').remove(droppedDecision);
    meeting.table('decisions').insert({ targetDate: '2027-02-01' }, 0);
    meeting.table('people').remove(meeting.table('people').rows()[0]!.id);
    later.addMeeting({ meetingDate: '2026-12-10' });
    later.stages.remove(later.stages.rows()[0]?.id ?? '');
    later.recordStage('initial-ppm', '2026-11-03');
    expect(exportDoc(later.doc, later.spec)).not.toEqual(saved);

    const content = versionContent(version, later.doc.getMap('meta').toJSON());
    expect(content.ok).toBe(true);
    if (!content.ok) return;
    writeJsonInto(later.doc, later.spec, content.json, fixedContext('Morgan Reed', 'r'));
    expect(exportDoc(later.doc, later.spec)).toEqual(saved);
    expect(validate(later.doc, later.spec)).toEqual([]);
    // The decision kept throughout is the same row, not a copy.
    expect(later.ppms.row(meetingId)!.table('decisions').indexOf(keptDecision)).toBeGreaterThanOrEqual(0);
  });

  it('changes nothing when the plan already holds the version', () => {
    const { plan } = planWithMeeting();
    const copy = replica(plan, 'Ben Okafor', 'b');
    let updates = 0;
    copy.doc.on('update', () => updates++);
    writeJsonInto(copy.doc, copy.spec, exportDoc(plan.doc, plan.spec), fixedContext('Morgan Reed', 'r'));
    expect(updates).toBe(0);
  });

  it('is a change like any other: an offline edit made meanwhile still merges', () => {
    const { plan, meetingId } = planWithMeeting();
    const saved = exportDoc(plan.doc, plan.spec);
    plan.child.set('name', 'Rowan Renamed');
    const offline = replica(plan, 'Kai Morgan', 'k');
    writeJsonInto(plan.doc, plan.spec, saved, fixedContext('Morgan Reed', 'r'));
    const views = offline.ppms.row(meetingId)!.text('parentsView');
    offline.transact(() => views.insert(0, 'Parents agree with the plan.'));
    sync(offline, plan);
    sync(plan, offline);
    expect(plan.child.value('name')).toBe('Rowan Example');
    expect(plan.ppms.row(meetingId)!.text('parentsView').toString()).toBe('Parents agree with the plan.');
    expect(exportDoc(offline.doc, offline.spec)).toEqual(exportDoc(plan.doc, plan.spec));
  });

  it('brings back a conflict the version held, with its writers', () => {
    const { plan } = planWithMeeting();
    const a = replica(plan, 'Asha Patel', 'ca');
    const b = replica(plan, 'Ben Okafor', 'cb');
    a.child.set('legalStatus', 'Care order');
    b.child.set('legalStatus', 'Placement order');
    sync(a, b);
    const saved = exportDoc(b.doc, b.spec);
    b.child.set('legalStatus', 'Care order');
    expect(b.child.get('legalStatus').conflicts).toHaveLength(0);
    writeJsonInto(b.doc, b.spec, saved, fixedContext('Morgan Reed', 'r'));
    expect(b.child.get('legalStatus').conflicts.map((c) => c.by)).toHaveLength(1);
    expect(exportDoc(b.doc, b.spec)).toEqual(saved);
  });
});

describe('reading a version to restore', () => {
  it("refuses a version of another child's plan", () => {
    const other = newPlan('cother');
    const mine = newPlan('cmine');
    const result = versionContent(Y.encodeStateAsUpdate(other.doc), mine.doc.getMap('meta').toJSON());
    expect(result).toEqual({ ok: false, reason: "The saved version belongs to another child's plan." });
  });

  it('refuses a state that is not a plan', () => {
    const result = versionContent(Y.encodeStateAsUpdate(new Y.Doc()), newPlan('cmine').doc.getMap('meta').toJSON());
    expect(result.ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareDocJson, MAX_WORDS, valueWords } from './compare-json.ts';
import { fixedContext } from './context.ts';
import { exportDoc } from './doc-json.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { testSpec, testTemplates } from './testing/forms.ts';

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

const json = (plan: Plan) => exportDoc(plan.doc, plan.spec);

describe('comparing two plain-JSON plans by field', () => {
  it('finds nothing between a plan and itself', () => {
    const plan = newPlan();
    plan.addMeeting({ meetingType: 'Permanence Care Planning Meeting' });
    expect(compareDocJson(plan.spec, json(plan), json(plan))).toEqual({ changes: [], truncated: false });
  });

  it('names each changed field by its path and labels, with the values before and after in words', () => {
    const plan = newPlan();
    const meetingId = plan.addMeeting({ meetingType: 'Permanence Care Planning Meeting' });
    const decisions = plan.ppms.row(meetingId)!.table('decisions');
    const kept = decisions.insert({ targetDate: '2026-12-01' });
    decisions.row(kept)!.replaceText('decision', 'Start family finding');
    const dropped = decisions.insert({ targetDate: '2027-01-15' });
    const version = json(plan);

    const now = replica(plan, 'Ben Okafor', 'b');
    now.child.set('name', 'Rowan Renamed');
    const meeting = now.ppms.row(meetingId)!;
    meeting.set('iroConsulted', true);
    meeting.replaceText('significantEvents', 'Moved to a new school');
    meeting.table('decisions').remove(dropped);
    const added = meeting.table('decisions').insert({ targetDate: '2027-02-01' });
    meeting.table('decisions').row(kept)!.set('targetDate', '2026-12-15');

    const { changes, truncated } = compareDocJson(plan.spec, version, json(now));
    expect(truncated).toBe(false);
    const childId = version.child && !Array.isArray(version.child) ? (version.child as { id: string }).id : '';
    expect(changes).toContainEqual({ path: `child/${childId}/name`, label: "Child's details › Name", kind: 'changed', before: 'Rowan Example', after: 'Rowan Renamed' });
    const at = (path: string) => changes.find((c) => c.path === path);
    expect(at(`ppms/${meetingId}/iroConsulted`)).toMatchObject({ kind: 'changed', before: 'Not recorded', after: 'Yes' });
    expect(at(`ppms/${meetingId}/iroConsulted`)!.label).toMatch(/^Permanence Planning Meetings › Meeting 1.* › Has the IRO been consulted\?$/);
    expect(at(`ppms/${meetingId}/significantEvents`)).toMatchObject({ before: 'Not recorded', after: 'Moved to a new school' });
    expect(at(`ppms/${meetingId}/decisions/${kept}/targetDate`)).toMatchObject({ kind: 'changed', before: '1 December 2026', after: '15 December 2026' });
    expect(at(`ppms/${meetingId}/decisions/${kept}/targetDate`)!.label).toMatch(/› Decisions › Row 1 \(Start family finding\) › Target date$/);
    expect(at(`ppms/${meetingId}/decisions/${dropped}`)).toMatchObject({ kind: 'removed', before: 'Target date: 15 January 2027' });
    expect(at(`ppms/${meetingId}/decisions/${added}`)).toMatchObject({ kind: 'added', after: 'Target date: 1 February 2027' });
    expect(changes).toHaveLength(6);
  });

  it('says when a value is in conflict, and stops at the limit', () => {
    const plan = newPlan();
    const one = replica(plan, 'Ben Okafor', 'b');
    const two = replica(plan, 'Cara Lewis', 'c');
    one.child.set('religion', 'None');
    two.child.set('religion', 'Church of England');
    Y.applyUpdate(one.doc, Y.encodeStateAsUpdate(two.doc));
    const { changes } = compareDocJson(plan.spec, json(plan), json(one));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.after).toMatch(/in conflict with/);
    const limited = compareDocJson(plan.spec, json(plan), json(one), 0);
    expect(limited).toEqual({ changes: [], truncated: true });
  });

  it('cuts a long text and reads a missing part as empty', () => {
    expect(valueWords({ id: 't', label: 'T', kind: 'text' }, 'x'.repeat(1000))).toHaveLength(MAX_WORDS);
    const plan = newPlan();
    const { changes } = compareDocJson(plan.spec, {}, json(plan));
    expect(changes.some((c) => c.label === "Child's details › Name" && c.after === 'Rowan Example')).toBe(true);
  });
});

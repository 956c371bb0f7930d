import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cellPath, fieldPath, openConflicts } from './conflicts.ts';
import { fixedContext } from './context.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { testSpec, testTemplates } from './testing/forms.ts';

function pair(): [Plan, Plan, () => void] {
  const ctx = fixedContext('asha', 'a');
  const a = new Plan(createPlanDoc(testSpec, { childId: 'c1', templates: testTemplates, child: { name: 'Rowan' } }, ctx), testSpec, ctx);
  const docB = new Y.Doc();
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc));
  const b = new Plan(docB, testSpec, fixedContext('ben', 'b', new Date('2026-01-05T09:00:30Z')));
  const sync = (): void => {
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(docB)));
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(a.doc)));
  };
  return [a, b, sync];
}

describe('the open conflicts of a plan', () => {
  it('lists every field and table cell written concurrently, with its path, label and both writes', () => {
    const [a, b, sync] = pair();
    const meetingId = a.addMeeting({ meetingDate: '2026-11-03' });
    const rowId = a.ppms.row(meetingId)!.table('decisions').insert({ decision: 'Family finding', targetDate: '2026-12-01' });
    sync();
    expect(openConflicts(a)).toEqual([]);
    a.child.set('name', 'Rowan Example');
    b.child.set('name', 'Rowan Sample');
    a.ppms.row(meetingId)!.table('decisions').row(rowId)!.set('targetDate', '2026-12-08');
    b.ppms.row(meetingId)!.table('decisions').row(rowId)!.set('targetDate', '2026-12-15');
    sync();
    const found = openConflicts(a);
    expect(found.map((c) => [c.path, c.label, c.rowId])).toEqual([
      [fieldPath('child', a.child.id, 'name'), 'Name', undefined],
      [cellPath('ppms', meetingId, 'decisions', 'targetDate'), 'Target date', rowId],
    ]);
    expect(found[0]!.path).toBe(`child/${a.child.id}/name`);
    expect(found[1]!.fieldId).toBe('decisions.targetDate');
    expect(found[1]!.entries.map((e) => [e.value, e.by])).toEqual([
      ['2026-12-15', 'ben'],
      ['2026-12-08', 'asha'],
    ]);
    expect(openConflicts(b).map((c) => c.path)).toEqual(found.map((c) => c.path));
    // Choosing one value is a new write that has seen both: the conflict is gone everywhere.
    a.child.resolve('name', found[0]!.entries[1]!.id);
    sync();
    expect(openConflicts(b).map((c) => c.fieldId)).toEqual(['decisions.targetDate']);
    expect(b.child.value('name')).toBe('Rowan Example');
  });
});

describe('moving and restoring table rows', () => {
  it('moves a row keeping its id and content, and restores a removed row with its writes', () => {
    const [a, b, sync] = pair();
    const meetingId = a.addMeeting({});
    const table = a.ppms.row(meetingId)!.table('decisions');
    const [r1, r2, r3] = ['One', 'Two', 'Three'].map((d) => table.insert({ decision: d, targetDate: '2026-12-01' }));
    expect(table.move(r3!, 0)).toBe(true);
    expect(table.rows().map((r) => r.id)).toEqual([r3, r1, r2]);
    expect(table.row(r3!)!.text('decision').toString()).toBe('Three');
    const kept = table.row(r1!)!.toJSON();
    table.remove(r1!);
    expect(table.restore(kept, 1)).toBe(true);
    expect(table.restore(kept, 1)).toBe(false);
    expect(table.rows().map((r) => r.id)).toEqual([r3, r1, r2]);
    expect(table.row(r1!)!.get('targetDate').current?.by).toBe('asha');
    sync();
    expect(b.ppms.row(meetingId)!.table('decisions').rows().map((r) => r.text('decision').toString())).toEqual(['Three', 'One', 'Two']);
    expect(table.move('gone', 0)).toBe(false);
  });
});

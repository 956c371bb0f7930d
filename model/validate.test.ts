import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { testSpec, testTemplates } from './testing/forms.ts';
import { validate } from './validate.ts';
import { PLAN_LIMITS } from './wire/limits.ts';

function plan(): Plan {
  const ctx = fixedContext('Asha', 'a');
  return new Plan(createPlanDoc(testSpec, { childId: 'c1', templates: testTemplates }, ctx), testSpec, ctx);
}

/** Applies a change made by a (possibly hostile) replica and returns the problems on the result. */
function after(change: (doc: Y.Doc) => void): string[] {
  const p = plan();
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(p.doc));
  change(other);
  Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(other));
  return validate(p.doc, testSpec).map((x) => `${x.path}: ${x.message}`);
}

describe('validate', () => {
  it('accepts a freshly made plan', () => {
    expect(validate(plan().doc, testSpec)).toEqual([]);
  });

  it('finds unknown roots, unknown fields and replaced fields', () => {
    expect(after((d) => d.getMap('sneaky').set('x', 1))).toEqual(['sneaky: unknown part of the document']);
    expect(after((d) => d.getMap('child').set('shoeSize', 3))).toEqual(['child.shoeSize: unknown field']);
    expect(after((d) => d.getMap('child').set('name', new Y.Text('x')))).toEqual([
      'child.name: missing or not a single-valued string field',
    ]);
    expect(after((d) => d.getMap('child').delete('religion'))).toEqual(['child.religion: missing or not a single-valued string field']);
  });

  it('finds malformed writes of single-valued fields', () => {
    const reg = (d: Y.Doc, id: string) => d.getMap('child').get(id) as Y.Map<unknown>;
    expect(after((d) => reg(d, 'dateOfBirth').set('w1', { value: 'yesterday', by: 'x', at: '2026-01-01T00:00:00Z' }))[0]).toMatch(
      /child\.dateOfBirth\.w1: "Date of birth": a date as YYYY-MM-DD/,
    );
    expect(after((d) => reg(d, 'multiTrack').set('w1', { value: true }))[0]).toMatch(/child\.multiTrack\.w1: malformed write/);
    expect(after((d) => reg(d, 'jurisdiction').set('w1', { value: 'Mars', by: 'x', at: '2026-01-01T00:00:00Z' }))).toHaveLength(1);
  });

  it('finds formatting or embeds in text, and rows without ids', () => {
    const p = plan();
    p.addMeeting();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(p.doc));
    const meeting = other.getArray<Y.Map<unknown>>('ppms').get(0);
    (meeting.get('significantEvents') as Y.Text).insert(0, 'bold', { bold: true });
    other.getArray('ppms').push([new Y.Map()]);
    Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(other));
    const problems = validate(p.doc, testSpec).map((x) => `${x.path}: ${x.message}`);
    expect(problems).toContain('ppms.0.significantEvents: contains formatting; only plain text is allowed');
    expect(problems).toContain('ppms.1.id: must be text of 1 to 100 characters');
  });

  it('finds list content in a record root', () => {
    const problems = after((d) => {
      // an update that defines "contingency" as an array on another replica
      d.getArray('contingency').push([1]);
    });
    expect(problems.length).toBeGreaterThan(0);
  });

  it('refuses control characters in texts, values and writers, but newline and tab in texts', () => {
    const reg = (d: Y.Doc, id: string) => d.getMap('child').get(id) as Y.Map<unknown>;
    const text = (d: Y.Doc) => (d.getArray('ppms').get(0) as Y.Map<unknown> | undefined)?.get('significantEvents') as Y.Text | undefined;
    expect(after((d) => reg(d, 'name').set('w1', { value: 'Evil\u0000Name', by: 'x', at: '2026-01-01T00:00:00Z' }))[0]).toMatch(/child\.name\.w1: "Name": contains a control character/);
    expect(after((d) => reg(d, 'name').set('w1', { value: 'Name\u000b', by: 'x', at: '2026-01-01T00:00:00Z' }))[0]).toMatch(/control character/);
    expect(after((d) => reg(d, 'name').set('w1', { value: 'Name', by: 'x\u001b]0;', at: '2026-01-01T00:00:00Z' }))[0]).toMatch(/without control characters/);
    const p = plan();
    p.addMeeting();
    const t = text(p.doc)!;
    t.insert(0, 'line one\n\tindented');
    expect(validate(p.doc, testSpec)).toEqual([]);
    t.insert(0, 'bell\u0007');
    expect(validate(p.doc, testSpec).map((x) => `${x.path}: ${x.message}`)).toEqual([expect.stringMatching(/^ppms\.0\.significantEvents: .*U\+0007/)]);
  });

  it('marks size problems as limits: a text over the text limit, a table over the row limit', () => {
    const p = plan();
    p.addMeeting();
    const meeting = p.doc.getArray('ppms').get(0) as Y.Map<unknown>;
    (meeting.get('significantEvents') as Y.Text).insert(0, 'x'.repeat(PLAN_LIMITS.textChars + 1));
    expect(validate(p.doc, testSpec).map((x) => [x.path, x.limit, /100000/.test(x.message)])).toEqual([['ppms.0.significantEvents', true, true]]);
    (meeting.get('significantEvents') as Y.Text).delete(0, 1);
    expect(validate(p.doc, testSpec)).toEqual([]);
    const decisions = meeting.get('decisions') as Y.Array<Y.Map<unknown>>;
    const table = p.ppms.row(meeting.get('id') as string)!.table('decisions');
    p.doc.transact(() => {
      for (let i = 0; i <= PLAN_LIMITS.rowsPerTable; i++) table.insert({});
    });
    expect(decisions.length).toBe(PLAN_LIMITS.rowsPerTable + 1);
    const problems = validate(p.doc, testSpec);
    expect(problems.map((x) => [x.path, x.limit, /2001 rows/.test(x.message)])).toEqual([['ppms.0.decisions', true, true]]);
  });
});

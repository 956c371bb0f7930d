import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { testSpec, testTemplates } from './testing/forms.ts';
import { validate } from './validate.ts';

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
});

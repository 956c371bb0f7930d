import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { docJsonSchemaDocument, exportDoc, importDoc } from './doc-json.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { createRestrictedDoc, restrictedRecord } from './restricted.ts';
import { RESTRICTED_SPEC } from './restricted-spec.ts';
import { testSpec, testTemplates } from './testing/forms.ts';
import { validate } from './validate.ts';

function richPlan(): Plan {
  const ctx = fixedContext('Asha', 'a');
  const plan = new Plan(createPlanDoc(testSpec, { childId: 'c1', templates: testTemplates, child: { name: 'Rowan Example' } }, ctx), testSpec, ctx);
  const m = plan.addMeeting({ meetingType: 'Permanence Care Planning Meeting', significantEvents: 'Line one\nLine two ✓' });
  plan.ppms.row(m)!.table('decisions').insert({ decision: 'Refer', targetDate: '2026-05-01' });
  plan.recordStage('initial-ppm', '2026-01-20');
  // a conflict, made by a second replica offline
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(plan.doc));
  new Plan(other, testSpec, fixedContext('Ben', 'b')).child.set('religion', 'Buddhist');
  plan.child.set('religion', 'Christian');
  Y.applyUpdate(plan.doc, Y.encodeStateAsUpdate(other));
  return plan;
}

describe('plain-JSON form', () => {
  it('round-trips exactly, conflicts and ids included', () => {
    const plan = richPlan();
    expect(plan.child.get('religion').conflicts).toHaveLength(1);
    const json = exportDoc(plan.doc, testSpec);
    const imported = importDoc(json, testSpec);
    if (!imported.ok) throw new Error(imported.problems.join('\n'));
    expect(exportDoc(imported.doc, testSpec)).toEqual(json);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(validate(imported.doc, testSpec)).toEqual([]);
    expect(new Plan(imported.doc, testSpec, fixedContext('x', 'x')).child.get('religion').conflicts).toHaveLength(1);
  });

  it('refuses JSON that is not a plan, naming each problem by path', () => {
    const json = exportDoc(richPlan().doc, testSpec) as Record<string, unknown>;
    const bad = structuredClone(json) as { child: Record<string, unknown>; extra?: number; ppms: { decisions: unknown[] }[] };
    bad.child.dateOfBirth = [{ id: 'w1', value: '31/12/2020', by: 'Asha', at: '2026-01-01T00:00:00Z' }];
    bad.extra = 1;
    bad.ppms[0]!.decisions.push(bad.ppms[0]!.decisions[0]);
    const result = importDoc(bad, testSpec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/child\.dateOfBirth\.0\.value: a date as YYYY-MM-DD/);
    expect(result.problems.join('\n')).toMatch(/extra/);
    expect(result.problems.join('\n')).toMatch(/ppms\.0\.decisions: row ids must be unique/);
    expect(importDoc({ meta: { format: 'permanence-plan-restricted' } }, testSpec).ok).toBe(false);
  });

  it('publishes a JSON Schema that names every field', () => {
    const schema = docJsonSchemaDocument(testSpec);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const text = JSON.stringify(schema);
    for (const id of ['dateOfBirth', 'meetingType', 'targetDate', 'pathwayId', 'responsibilities']) expect(text).toContain(`"${id}"`);
  });

  it('makes and round-trips the restricted document separately', () => {
    const ctx = fixedContext('Asha', 'a');
    const doc = createRestrictedDoc('c1', [], ctx);
    const record = restrictedRecord(doc, ctx);
    record.table('prospectiveAdopters').insert({ name: 'Sam Fictional', approvalDate: '2025-11-02' });
    record.set('carersConfidentiality', true);
    expect(validate(doc, RESTRICTED_SPEC)).toEqual([]);
    const json = exportDoc(doc, RESTRICTED_SPEC);
    const again = importDoc(json, RESTRICTED_SPEC);
    expect(again.ok && exportDoc(again.doc, RESTRICTED_SPEC)).toEqual(json);
    expect(validate(doc, testSpec).length).toBeGreaterThan(0); // a restricted doc is not a plan
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { templates } from '../templates/index.ts';
import { answerOf, assuranceListsFor, writeAnswer } from './assurance.ts';
import { fixedContext } from './context.ts';
import { exportDoc, importDoc } from './doc-json.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { planSpec } from './plan-spec.ts';
import { defaultForms, TemplateRegistry } from './template/registry.ts';
import type { PathwayTemplate } from './template/pathway.ts';
import { validate } from './validate.ts';

const forms = defaultForms(templates);
const spec = planSpec(forms);
const pathway = (id: string) => templates.get(id) as PathwayTemplate;

function newPlan(prefix = 'a'): Plan {
  const ctx = fixedContext(`Test ${prefix}`, prefix);
  const doc = createPlanDoc(spec, { childId: 'c-1', templates: [forms.ppm, forms.contingency, forms.introduction].map((t) => TemplateRegistry.ref(t)), pathwayId: 'pathway-adoption' }, ctx);
  return new Plan(doc, spec, ctx);
}

describe('task list and checklist answers', () => {
  it('finds the lists of the same source document as the pathway', () => {
    expect(assuranceListsFor(pathway('pathway-adoption'), templates).map((t) => t.id).sort()).toEqual(['adoption-task-list', 'cpr-checklist']);
    expect(assuranceListsFor(pathway('pathway-reunification'), templates)).toEqual([]);
  });

  it('makes an item’s record on the first answer, then writes the answer and the comment as the writer', () => {
    const plan = newPlan();
    expect(answerOf(plan, 'cpr-checklist', 's/i').record).toBeUndefined();
    writeAnswer(plan, 'cpr-checklist', 's/i', { answer: 'Partly' });
    writeAnswer(plan, 'cpr-checklist', 's/i', { comment: 'Chronology needs updating.' });
    const { record, others } = answerOf(plan, 'cpr-checklist', 's/i');
    expect(record!.get('answer').current).toMatchObject({ value: 'Partly', by: 'Test a' });
    expect(record!.text('comment').toString()).toBe('Chronology needs updating.');
    expect(others).toEqual([]);
    expect(plan.assurance.length).toBe(1);
    expect(validate(plan.doc, spec)).toEqual([]);
  });

  it('keeps both first answers made at once on two devices', () => {
    const a = newPlan('a');
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc));
    const b = new Plan(docB, spec, fixedContext('Test b', 'b'));
    writeAnswer(a, 'cpr-checklist', 's/i', { answer: 'Yes' });
    writeAnswer(b, 'cpr-checklist', 's/i', { answer: 'No' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(docB));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc));
    const seenA = answerOf(a, 'cpr-checklist', 's/i');
    const seenB = answerOf(b, 'cpr-checklist', 's/i');
    expect([seenA.record!.value('answer'), ...seenA.others.map((o) => o.value('answer'))].sort()).toEqual(['No', 'Yes']);
    expect(seenB.record!.id).toBe(seenA.record!.id);
  });

  it('opens a plan made before the list existed: valid, and its export without the list imports', () => {
    const plan = newPlan();
    const json = exportDoc(plan.doc, spec) as Record<string, unknown>;
    delete json.assurance;
    const imported = importDoc(json, spec);
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(validate(imported.doc, spec)).toEqual([]);
  });
});

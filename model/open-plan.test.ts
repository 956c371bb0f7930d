import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { openPlan } from './open-plan.ts';
import { createPlanDoc } from './plan.ts';
import { planSpec } from './plan-spec.ts';
import { FormTemplate } from './template/form.ts';
import { TemplateRegistry } from './template/registry.ts';
import { testContingency, testIntroduction, testPpm, testSpec, testTemplates } from './testing/forms.ts';

const registry = new TemplateRegistry([testPpm, testContingency, testIntroduction]);

describe('openPlan', () => {
  it('opens a plan document with the forms its meta names', () => {
    const ctx = fixedContext('Asha Patel', 'a');
    const doc = createPlanDoc(testSpec, { childId: 'child-1', templates: testTemplates, child: { name: 'Rowan Example' } }, ctx);
    const opened = openPlan(doc, registry, ctx);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.meta.childId).toBe('child-1');
    expect(opened.forms.ppm.id).toBe('test-ppm');
    expect(opened.forms.introduction.id).toBe('test-introduction');
    expect(opened.plan.child.value('name')).toBe('Rowan Example');
  });

  it('says why a document cannot be opened', () => {
    const ctx = fixedContext('Asha Patel', 'a');
    expect(openPlan(new Y.Doc(), registry, ctx)).toMatchObject({ ok: false, reason: 'no-meta' });
    const doc = createPlanDoc(testSpec, { childId: 'child-1', templates: testTemplates }, ctx);
    const opened = openPlan(doc, new TemplateRegistry([testPpm]), ctx);
    expect(opened).toMatchObject({ ok: false, reason: 'unknown-templates' });
    expect(opened.ok ? '' : opened.message).toContain('contingency-plan');
  });
});

describe('Plan.latestMeeting', () => {
  const dated = FormTemplate.parse({
    ...testPpm,
    sections: [...testPpm.sections, { id: 'when', title: 'When', fields: [{ id: 'meetingDate', label: 'Date of meeting', kind: 'date' }] }],
  });
  const spec = planSpec({ ppm: dated, contingency: testContingency, introduction: testIntroduction });

  it('is the latest by date of meeting, and among equal or undated ones the one added last', () => {
    const ctx = fixedContext('Asha Patel', 'a');
    const doc = createPlanDoc(spec, { childId: 'child-1', templates: testTemplates }, ctx);
    const opened = openPlan(doc, new TemplateRegistry([dated, testContingency, testIntroduction]), ctx);
    if (!opened.ok) throw new Error(opened.message);
    const plan = opened.plan;
    expect(plan.latestMeeting()).toBeUndefined();
    const march = plan.addMeeting({ meetingDate: '2026-03-02' });
    plan.addMeeting({ meetingDate: '2026-01-12' });
    expect(plan.latestMeeting()).toMatchObject({ index: 0, count: 2 });
    expect(plan.latestMeeting()?.meeting.id).toBe(march);
    const sameDay = plan.addMeeting({ meetingDate: '2026-03-02' });
    expect(plan.latestMeeting()?.meeting.id).toBe(sameDay);
  });
});

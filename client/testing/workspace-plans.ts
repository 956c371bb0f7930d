/**
 * Plans for the workspace's element tests: an empty plan (made from the shipped templates with
 * the role matrix, no pathway, no meeting) and two replicas of one plan wired together, as two
 * people's devices joined by the server: every update of one is applied to the other at once,
 * with the writer's own context on each side. Every person is fictional.
 */
import * as Y from 'yjs';
import { fixedContext, type PlanContext } from '../../model/context.ts';
import { createPlanDoc, Plan } from '../../model/plan.ts';
import { planSpec } from '../../model/plan-spec.ts';
import { defaultForms, TemplateRegistry } from '../../model/template/registry.ts';
import { templates } from '../../templates/index.ts';
import type { OpenPlan } from '../binding/open-plan-context.ts';
import { openPlanFor } from './test-contexts.ts';

const forms = defaultForms(templates);
const spec = planSpec(forms);

/** A new plan with every field created and nothing recorded; `pathwayId` names its pathway, if any. */
export function emptyPlan(pathwayId?: string, ctx: PlanContext = fixedContext('Test: Ada Fictional (Social Worker)', 'e')): OpenPlan {
  const doc = createPlanDoc(
    spec,
    {
      childId: 'empty-1',
      templates: [forms.ppm, forms.contingency, forms.introduction].map((t) => TemplateRegistry.ref(t)),
      child: { name: 'Alex Blank' },
      roleMatrix: templates.ofKind('role-matrix')[0],
      ...(pathwayId ? { pathwayId } : {}),
    },
    ctx,
  );
  return openPlanFor(new Plan(doc, spec, ctx), forms);
}

/** Two people's replicas of one plan, kept in step both ways. */
export function twoPeople(pathwayId = 'pathway-adoption'): [OpenPlan, OpenPlan] {
  const a = emptyPlan(pathwayId, fixedContext('Test: Ada Fictional (Social Worker)', 'a'));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(a.plan.doc));
  const ctxB = fixedContext('Test: Bo Fictional (Team Manager)', 'b');
  const b = openPlanFor(new Plan(doc, spec, ctxB), forms);
  a.plan.doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') Y.applyUpdate(doc, u, 'wire');
  });
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'wire') Y.applyUpdate(a.plan.doc, u, 'wire');
  });
  return [a, b];
}

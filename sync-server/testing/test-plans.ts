/**
 * Real plans for the admin command tests, made with the model's own functions and written to a
 * temporary folder in their plain-JSON form, exactly as `exportDoc` writes them. Every person
 * in them is fictional.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedContext } from '../../model/context.ts';
import { exportDoc, type DocJson } from '../../model/doc-json.ts';
import { createPlanDoc, Plan } from '../../model/plan.ts';
import { planSpec } from '../../model/plan-spec.ts';
import { defaultForms, TemplateRegistry } from '../../model/template/registry.ts';
import { templates } from '../../templates/index.ts';

/** The Legal Gateway decision of the sample plan; its week-1 stages are due 7 days later. */
export const GATEWAY = '2026-10-01';

/**
 * A child on the adoption pathway, 6-weekly PPMs (not multi-track): referral and gateway
 * recorded, an initial PPM on 12 October 2026 with two actions, the family finder allocated.
 * On 2026-10-05 it is on track (week-1 stages due soon); by 2026-10-20 the Legal Planning
 * Meeting is overdue.
 */
export function samplePlan(): Plan {
  const forms = defaultForms(templates);
  const spec = planSpec(forms);
  const ctx = fixedContext('Asha Patel (Social Worker)', 'sample');
  const doc = createPlanDoc(
    spec,
    {
      childId: 'child-0042',
      templates: [forms.ppm, forms.contingency, forms.introduction].map((t) => TemplateRegistry.ref(t)),
      child: {
        name: 'Rowan Example',
        dateOfBirth: '2025-06-14',
        jurisdiction: 'England',
        legalStatus: 'Interim care order',
        proceedings: 'Care proceedings',
        multiTrack: false,
      },
      pathwayId: 'pathway-adoption',
    },
    ctx,
  );
  const plan = new Plan(doc, spec, ctx);
  plan.recordStage('threshold-assessment', '2026-09-01');
  plan.recordStage('gateway-application', '2026-09-10');
  plan.recordStage('became-looked-after', '2026-09-20');
  plan.recordStage('legal-gateway', GATEWAY);
  plan.recordStage('family-finder-allocated', '2026-10-02');
  const meeting = plan.addMeeting({ meetingDate: '2026-10-12', meetingType: 'Permanence Care Planning Meeting' });
  const decisions = plan.ppms.row(meeting)!.table('decisions');
  decisions.insert({
    decision: 'Complete the viability assessment of the maternal grandmother; she has come forward as a connected carer, and the court expects the outcome before the IRH.',
    responsible: 'Connected Persons Team',
    targetDate: '2026-11-30',
  });
  decisions.insert({ decision: 'Book the adoption medical.', responsible: 'Asha Patel', targetDate: '2026-10-16' });
  return plan;
}

/** The plain-JSON form of a plan, as `exportDoc` writes it. */
export function exported(plan: Plan): DocJson {
  return exportDoc(plan.doc, plan.spec);
}

/** A temporary folder for plan files; `cleanup` removes it. */
export function tempFolder(): { dir: string; write(name: string, content: unknown): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'admin-plans-'));
  return {
    dir,
    write(name, content) {
      const file = join(dir, name);
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedContext } from '../model/context.ts';
import { exportDoc, importDoc } from '../model/doc-json.ts';
import { rootOf } from '../model/doc-spec.ts';
import { createPlanDoc, Plan } from '../model/plan.ts';
import { planSpec } from '../model/plan-spec.ts';
import type { Condition } from '../model/template/pathway.ts';
import { defaultForms, loadTemplates, TemplateRegistry } from '../model/template/registry.ts';
import type { Template } from '../model/template/template.ts';
import { validate } from '../model/validate.ts';
import { citesListedSections } from '../model/template/source-list.ts';
import { SOURCES, sourceDocument, TEMPLATE_FILES, templates } from './index.ts';

/** The source documents as the repository lists them (templates/sources.json). */
const seeds = SOURCES.map((s) => s.file);
/** The source documents themselves, where they sit beside the clone (../shared/seeds); not in every clone. */
const seedsDir = fileURLToPath(new URL('../../shared/seeds/', import.meta.url));

/** Every source object anywhere in a template. */
function sources(value: unknown, out: { seed: string; section: string }[] = []): { seed: string; section: string }[] {
  if (Array.isArray(value)) for (const v of value) sources(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.seed === 'string' && typeof o.section === 'string') out.push({ seed: o.seed, section: o.section });
    for (const v of Object.values(o)) sources(v, out);
  }
  return out;
}

function conditions(value: unknown, out: Condition[] = []): Condition[] {
  if (Array.isArray(value)) for (const v of value) conditions(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('fact' in o) out.push(o as Condition);
    for (const v of Object.values(o)) conditions(v, out);
  }
  return out;
}

describe('shipped templates', () => {
  it('all parse against their schemas', () => {
    const result = loadTemplates(TEMPLATE_FILES);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(templates.all()).toHaveLength(TEMPLATE_FILES.length);
  });

  it('cover every kind the product needs', () => {
    for (const kind of ['ppm', 'contingency-plan', 'introduction-plan', 'role-matrix', 'pathway', 'task-list', 'checklist'] as const) {
      expect(templates.ofKind(kind).length, kind).toBeGreaterThan(0);
    }
    expect(templates.ofKind('pathway').length).toBeGreaterThanOrEqual(8);
  });

  it('take every seed document as the source of at least one template', () => {
    const used = new Set(templates.all().map((t) => t.source.seed));
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) expect(used, seed).toContain(seed);
  });

  it('name only seed files that exist, in every rule and stage', () => {
    for (const t of templates.all()) {
      for (const s of sources(t)) expect(seeds, `${t.id}: ${s.seed}`).toContain(s.seed);
    }
  });

  it('cite only sections their source document lists', () => {
    for (const t of templates.all()) {
      for (const s of sources(t)) {
        const doc = sourceDocument(s.seed);
        expect(doc && citesListedSections(doc, s.section), `${t.id}: ${s.seed} § ${s.section}`).toBe(true);
      }
    }
  });

  it.runIf(existsSync(seedsDir))('list exactly the source documents beside the clone (../shared/seeds)', () => {
    const present = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort();
    expect([...seeds].sort()).toEqual(present);
  });

  it('give every pathway rule its source clause and a real stage to anchor on', () => {
    for (const p of templates.ofKind('pathway')) {
      for (const stage of p.stages) {
        expect(stage.source.section.length, `${p.id}/${stage.id}`).toBeGreaterThan(0);
        for (const d of stage.deadlines) expect(d.rule.length, `${p.id}/${stage.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('write conditions only on facts the child record has, with values it allows', () => {
    const child = rootOf(planSpec(defaultForms(templates)), 'child').record;
    for (const t of templates.all()) {
      for (const c of conditions(t)) {
        if (!('fact' in c)) continue;
        const field = child.fields.find((f) => f.id === c.fact);
        expect(field, `${t.id}: fact "${c.fact}"`).toBeDefined();
        const values = 'equals' in c ? [c.equals] : c.in;
        for (const v of values) {
          if (field!.kind === 'boolean') expect(typeof v, `${t.id}: ${c.fact}`).toBe('boolean');
          if (field!.kind === 'choice') expect(field!.options, `${t.id}: ${c.fact}`).toContain(v);
        }
      }
    }
  });

  it('point pathways at permanence options the contingency plan offers', () => {
    const options = new Set(templates.ofKind('contingency-plan').flatMap((t) => (t.options ?? []).map((o) => o.id)));
    for (const p of templates.ofKind('pathway')) for (const o of p.options) expect(options, p.id).toContain(o);
  });

  it('contain no e-mail addresses or telephone numbers', () => {
    for (const t of templates.all()) {
      const text = JSON.stringify(t);
      expect(text, t.id).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      expect(text, t.id).not.toMatch(/\b0\d{3,4}[ -]?\d{3}[ -]?\d{3,4}\b/);
    }
  });

  it('make a plan that validates and round-trips through its plain-JSON form', () => {
    const forms = defaultForms(templates);
    const spec = planSpec(forms);
    const ctx = fixedContext('Asha Patel', 'a');
    const refs = [forms.ppm, forms.contingency, forms.introduction].map((t: Template) => TemplateRegistry.ref(t));
    const doc = createPlanDoc(
      spec,
      { childId: 'c1', templates: refs, child: { name: 'Rowan Example' }, roleMatrix: templates.ofKind('role-matrix')[0], pathwayId: 'pathway-adoption' },
      ctx,
    );
    expect(validate(doc, spec)).toEqual([]);
    const plan = new Plan(doc, spec, ctx);
    expect(plan.roles.length).toBe(templates.ofKind('role-matrix')[0]!.roles.length);
    const meeting = plan.addMeeting({ meetingDate: '2026-02-02' });
    plan.ppms.row(meeting)!.table('people').insert({ name: 'Kai Fictional', role: 'Health Visitor', invited: true });
    plan.ppms.row(meeting)!.table('decisions').insert({ decision: 'Start family finding', targetDate: '2026-03-01' });
    const json = exportDoc(doc, spec);
    const again = importDoc(json, spec);
    expect(again.ok ? exportDoc(again.doc, spec) : again.problems).toEqual(json);
    expect(templates.specFor(plan.meta()!)).toEqual(spec);
  });

  it('name as each stage\'s record (recordedIn) a part and a date field the plan has', () => {
    const spec = planSpec(defaultForms(templates));
    const ppmFields = rootOf(spec, 'ppms').record.fields;
    const introduction = rootOf(spec, 'introduction').record;
    let named = 0;
    for (const p of templates.ofKind('pathway')) {
      for (const s of p.stages) {
        const r = s.recordedIn;
        if (!r) continue;
        named++;
        if (r.part === 'ppms') expect(ppmFields.find((f) => f.id === 'meetingDate')?.kind, `${p.id} ${s.id}`).toBe('date');
        else expect(introduction.fields.find((f) => f.id === r.field)?.kind, `${p.id} ${s.id}: introduction.${r.field}`).toBe('date');
      }
      // Every PPM stage is read from the PPM records (one event, one record).
      for (const id of ['initial-ppm', 'ppm']) {
        const s = p.stages.find((x) => x.id === id);
        if (s) expect(s.recordedIn?.part, `${p.id} ${id}`).toBe('ppms');
      }
    }
    expect(named).toBeGreaterThan(10);
  });
});

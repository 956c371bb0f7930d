import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { observeDoc, type DocChange } from './observe.ts';
import { createPlanDoc, Plan } from './plan.ts';
import { RoleMatrixTemplate } from './template/role-matrix.ts';
import { testSpec, testTemplates } from './testing/forms.ts';
import { validate } from './validate.ts';

const roleMatrix = RoleMatrixTemplate.parse({
  id: 'roles',
  version: '1.0.0',
  title: 'Roles',
  kind: 'role-matrix',
  jurisdiction: ['England'],
  source: { seed: '000_23456ba59919e0d5.txt', section: 'Roles and responsibilities' },
  roles: [
    { id: 'iro', title: 'Independent Reviewing Officer (IRO)', responsibilities: ["Oversees the child's care plan", 'Raises delay'] },
    { id: 'health-visitor', title: 'Health Visitor', responsibilities: ['Oversees health'], sharedItems: ['Attends CLA reviews'] },
  ],
});

function newPlan(actor = 'Asha Patel', prefix = 'a') {
  const ctx = fixedContext(actor, prefix);
  const doc = createPlanDoc(
    testSpec,
    {
      childId: 'child-1',
      templates: testTemplates,
      child: { name: 'Rowan Example', jurisdiction: 'Scotland', multiTrack: true, legalStatus: 'Interim care order' },
      roleMatrix,
      pathwayId: 'pathway-pace',
    },
    ctx,
  );
  return new Plan(doc, testSpec, ctx);
}

function replica(plan: Plan, actor: string, prefix: string): Plan {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(plan.doc));
  return new Plan(doc, testSpec, fixedContext(actor, prefix));
}

function sync(...docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

describe('a plan made from templates', () => {
  it('creates every field and table up front and validates', () => {
    const plan = newPlan();
    expect(validate(plan.doc, testSpec)).toEqual([]);
    expect(plan.meta()).toMatchObject({ format: 'permanence-plan', childId: 'child-1', createdBy: 'Asha Patel' });
    for (const f of testSpec.roots.find((r) => r.name === 'child')!.record.fields) {
      expect(plan.doc.getMap('child').has(f.id), f.id).toBe(true);
    }
    expect(plan.childFacts()).toEqual({ name: 'Rowan Example', jurisdiction: 'Scotland', multiTrack: true, legalStatus: 'Interim care order' });
    expect(plan.pathway.value('pathwayId')).toBe('pathway-pace');
  });

  it('pre-fills the role matrix from its template', () => {
    const rows = newPlan().roles.rows();
    expect(rows.map((r) => r.value('role'))).toEqual(['Independent Reviewing Officer (IRO)', 'Health Visitor']);
    expect(rows[0]!.text('responsibilities').toString()).toContain("Oversees the child's care plan");
    expect(rows[1]!.text('sharedItems').toString()).toBe('• Attends CLA reviews');
  });

  it('refuses a value a field cannot hold, and a field it does not have', () => {
    const plan = newPlan();
    expect(() => plan.child.set('dateOfBirth', '2026-02-30')).toThrow(/not a real calendar date/);
    expect(() => plan.child.set('jurisdiction', 'Atlantis')).toThrow(RangeError);
    expect(() => plan.child.set('favouriteColour', 'blue')).toThrow(/no field "favouriteColour"/);
    expect(() => plan.child.text('name')).toThrow(TypeError);
  });

  it('adds meetings and decisions as rows with stable ids', () => {
    const plan = newPlan();
    const meeting = plan.addMeeting({ meetingType: 'Permanence Care Planning Meeting', significantEvents: 'Started nursery.' });
    const decisions = plan.ppms.row(meeting)!.table('decisions');
    const d1 = decisions.insert({ decision: 'Refer to family finding', responsible: 'Family finder', targetDate: '2026-02-01' });
    decisions.insert({ decision: 'Viability assessment of aunt' }, 0);
    expect(decisions.rows().map((r) => r.text('decision').toString())).toEqual(['Viability assessment of aunt', 'Refer to family finding']);
    expect(decisions.row(d1)!.value('targetDate')).toBe('2026-02-01');
    expect(decisions.remove(d1)).toBe(true);
    expect(decisions.remove(d1)).toBe(false);
    expect(validate(plan.doc, testSpec)).toEqual([]);
  });

  it('records stages reached with who recorded them', () => {
    const plan = newPlan('Ben Okafor', 'b');
    plan.recordStage('became-looked-after', '2026-01-05', 'Placed with foster carers');
    const [row] = plan.stages.rows();
    expect(row!.value('stage')).toBe('became-looked-after');
    expect(row!.value('recordedBy')).toBe('Ben Okafor');
  });
});

describe('concurrent editing of a plan', () => {
  it('keeps rows inserted concurrently on both replicas, in the same order', () => {
    const a = newPlan();
    const b = replica(a, 'Ben', 'b');
    a.addMeeting({ significantEvents: 'meeting from A' });
    b.addMeeting({ significantEvents: 'meeting from B' });
    sync(a.doc, b.doc);
    const texts = (p: Plan) => p.ppms.rows().map((r) => r.text('significantEvents').toString());
    expect(texts(a).sort()).toEqual(['meeting from A', 'meeting from B']);
    expect(texts(a)).toEqual(texts(b));
  });

  it('merges concurrent text edits character by character', () => {
    const a = newPlan();
    const id = a.addMeeting({ significantEvents: 'Rowan started nursery.' });
    const b = replica(a, 'Ben', 'b');
    a.ppms.row(id)!.replaceText('significantEvents', 'Rowan started nursery in May.');
    b.ppms.row(id)!.replaceText('significantEvents', 'Rowan happily started nursery.');
    sync(a.doc, b.doc);
    expect(a.ppms.row(id)!.text('significantEvents').toString()).toBe('Rowan happily started nursery in May.');
  });

  it('removes a row removed on one replica while edited on another (removal wins), and converges', () => {
    const a = newPlan();
    const id = a.addMeeting();
    const b = replica(a, 'Ben', 'b');
    a.ppms.remove(id);
    b.ppms.row(id)!.set('iroConsulted', true);
    sync(a.doc, b.doc);
    expect(a.ppms.length).toBe(0);
    expect(b.ppms.length).toBe(0);
  });
});

describe('observing a plan', () => {
  it('reports the parts each transaction touched and whether it was local', () => {
    const a = newPlan();
    const b = replica(a, 'Ben', 'b');
    const seen: DocChange[] = [];
    const stop = observeDoc(b.doc, testSpec, (c) => seen.push(c));
    b.child.set('religion', 'None stated');
    a.addMeeting();
    sync(a.doc, b.doc);
    stop();
    b.child.set('religion', 'Not recorded');
    expect(seen.map((c) => [[...c.parts], c.local])).toEqual([
      [['child'], true],
      [['ppms'], false],
    ]);
    expect(seen[0]!.origin).toBe(b.ctx);
  });
});

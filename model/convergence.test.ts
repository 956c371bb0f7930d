/**
 * Property: 3 to 5 replicas make random edits of every kind (text, rows, single-valued fields,
 * resolutions) and exchange updates in random order, with duplicates and delays. After all
 * updates are delivered: every replica has the same document; each single-valued field keeps
 * exactly the writes that no later write had seen (none silently dropped, none resurrected);
 * and the document still validates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fixedContext } from './context.ts';
import { exportDoc } from './doc-json.ts';
import { createPlanDoc, Plan } from './plan.ts';
import type { RecordView } from './record-view.ts';
import { testSpec, testTemplates } from './testing/forms.ts';
import { validate } from './validate.ts';

const Action = fc.record({
  op: fc.integer({ min: 0, max: 9 }),
  replica: fc.nat(),
  a: fc.nat(),
  b: fc.nat(),
  text: fc.string({ maxLength: 6 }),
  deliver: fc.nat(),
  duplicate: fc.boolean(),
});
type Action = typeof Action extends fc.Arbitrary<infer T> ? T : never;

const CHILD_VALUES: Record<string, (n: number) => string | boolean | null> = {
  religion: (n) => (n % 5 === 0 ? null : `religion ${n % 4}`),
  multiTrack: (n) => n % 2 === 0,
  jurisdiction: (n) => ['England', 'Wales', 'Scotland', 'Northern Ireland'][n % 4]!,
  dateOfBirth: (n) => `20${10 + (n % 10)}-0${1 + (n % 9)}-1${n % 10}`,
};

interface Write {
  path: string;
  id: string;
}

function run(replicaCount: number, actions: Action[]): void {
  const origin = createPlanDoc(testSpec, { childId: 'c', templates: testTemplates }, fixedContext('server', 's'));
  const seed = new Plan(origin, testSpec, fixedContext('server', 's2'));
  const m = seed.addMeeting();
  seed.ppms.row(m)!.table('decisions').insert({ decision: 'first' });
  const base = Y.encodeStateAsUpdate(origin);

  const plans = Array.from({ length: replicaCount }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    Y.applyUpdate(doc, base);
    return new Plan(doc, testSpec, fixedContext(`person ${i}`, `r${i}`));
  });
  const inbox: Uint8Array[][] = plans.map(() => []);
  plans.forEach((p, i) =>
    p.doc.on('update', (update: Uint8Array, from: unknown) => {
      if (from === 'remote') return;
      inbox.forEach((box, j) => j !== i && box.push(update));
    }),
  );

  const writes: Write[] = [];
  const superseded = new Set<string>();
  const track = (path: string, reg: RecordView, field: string, write: () => { id: string }): void => {
    for (const e of reg.get(field).entries) superseded.add(e.id);
    writes.push({ path, id: write().id });
  };

  const rowsOf = (p: Plan) =>
    p.ppms.rows().flatMap((meeting) => meeting.table('decisions').rows().map((row) => ({ meeting, row })));

  for (const act of actions) {
    const p = plans[act.replica % replicaCount]!;
    const me = act.replica % replicaCount;
    switch (act.op) {
      case 0:
      case 1: {
        const fields = Object.keys(CHILD_VALUES);
        const field = fields[act.a % fields.length]!;
        track(`child.${field}`, p.child, field, () => p.child.set(field, CHILD_VALUES[field]!(act.b)));
        break;
      }
      case 2: {
        const rows = rowsOf(p);
        const pick = rows[act.a % Math.max(rows.length, 1)];
        if (pick) track(`row.${pick.row.id}.targetDate`, pick.row, 'targetDate', () => pick.row.set('targetDate', `2026-0${1 + (act.b % 9)}-01`));
        break;
      }
      case 3: {
        const state = p.child.get('religion');
        const chosen = state.entries[act.a % Math.max(state.entries.length, 1)];
        if (chosen) track('child.religion', p.child, 'religion', () => p.child.set('religion', chosen.value));
        break;
      }
      case 4:
      case 5: {
        const meeting = p.ppms.rows()[act.a % Math.max(p.ppms.length, 1)];
        if (!meeting) break;
        const t = meeting.text('significantEvents');
        const at = act.b % (t.length + 1);
        if (act.op === 4 || t.length === 0) p.transact(() => t.insert(at, act.text || 'x'));
        else p.transact(() => t.delete(at % t.length, Math.min(3, t.length - (at % t.length))));
        break;
      }
      case 6: {
        const meeting = p.ppms.rows()[act.a % Math.max(p.ppms.length, 1)];
        meeting?.table('decisions').insert({ decision: `d${me}`, responsible: `Worker ${act.b % 3}` }, act.b % 3);
        break;
      }
      case 7: {
        const rows = rowsOf(p);
        const pick = rows[act.a % Math.max(rows.length, 1)];
        if (pick && act.b % 3 === 0) pick.meeting.table('decisions').remove(pick.row.id);
        else if (act.b % 7 === 0) p.addMeeting({ significantEvents: `m${me}` });
        break;
      }
      default: {
        // deliver a random pending update to this replica, sometimes keeping it for a duplicate later
        const box = inbox[me]!;
        if (box.length === 0) break;
        const i = act.deliver % box.length;
        const update = box[i]!;
        if (!act.duplicate) box.splice(i, 1);
        Y.applyUpdate(p.doc, update, 'remote');
      }
    }
  }
  // deliver everything still pending, in reverse order to stress out-of-order integration
  plans.forEach((p, i) => {
    for (const u of inbox[i]!.reverse()) Y.applyUpdate(p.doc, u, 'remote');
  });

  const states = plans.map((p) => exportDoc(p.doc, testSpec));
  for (const s of states.slice(1)) expect(s).toEqual(states[0]);

  const first = plans[0]!;
  const live = new Map<string, RecordView>([['child', first.child]]);
  for (const { row } of rowsOf(first)) live.set(`row.${row.id}`, row);
  const byPath = new Map<string, Set<string>>();
  for (const w of writes) {
    if (!superseded.has(w.id)) (byPath.get(w.path) ?? byPath.set(w.path, new Set()).get(w.path)!).add(w.id);
  }
  for (const [path, expected] of byPath) {
    const [owner, field] = [path.slice(0, path.lastIndexOf('.')), path.slice(path.lastIndexOf('.') + 1)];
    const view = live.get(owner);
    if (!view) continue; // the row was removed
    const kept = new Set(view.get(field).entries.map((e) => e.id));
    expect(kept, path).toEqual(expected);
  }
  for (const p of plans) expect(validate(p.doc, testSpec)).toEqual([]);
}

describe('convergence under concurrent editing', () => {
  it('converges, keeps every concurrent write and stays valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 5 }), fc.array(Action, { minLength: 5, maxLength: 80 }), (n, actions) => run(n, actions)),
      { numRuns: 150 },
    );
  }, 30_000);
});

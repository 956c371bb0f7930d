/**
 * Benchmark (figures only, no pass/fail): the cost of `UpdateValidator.check` for a one-character
 * text insert on a plan of about 100 KB, against the naive check (a fresh Y.Doc from the full
 * state, apply, validate), and the parts that make up each. The server loop is simulated: each
 * accepted update is applied to the live document, which feeds it back to the worker.
 *
 *   npm run bench:validation -- [bytes=100000] [checks=1000]
 */
import * as Y from 'yjs';
import { fixedContext } from '../../model/context.ts';
import { DocMeta } from '../../model/doc-spec.ts';
import { Plan } from '../../model/plan.ts';
import { validate } from '../../model/validate.ts';
import { templates } from '../../templates/index.ts';
import { grownPlan, planName } from '../../sync-server/testing/plan-fixture.ts';
import { UpdateValidator } from '../../sync-server/validation/update-validator.ts';

const bytes = Number(process.argv[2] ?? 100_000);
const checks = Number(process.argv[3] ?? 1000);

function stats(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): string => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3);
  console.log(`${label.padEnd(58)} median ${at(0.5).padStart(7)} ms   p99 ${at(0.99).padStart(7)} ms   (n=${times.length})`);
}

async function timeAsync(n: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return times;
}

function timeSync(n: number, run: (i: number) => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    run(i);
    times.push(performance.now() - t);
  }
  return times;
}

const server = grownPlan('bench', bytes);
const full = Y.encodeStateAsUpdate(server.doc);
const spec = templates.specFor(DocMeta.parse(server.doc.getMap('meta').toJSON()));
console.log(`plan: ${full.length} bytes, ${server.ppms.length} PPM meetings; ${checks} checks each\n`);

const client = new Plan(new Y.Doc(), server.spec, fixedContext('Asha Patel', 'bench-client'));
Y.applyUpdate(client.doc, full);
/** A one-character insert into a text of `where`, as the update a provider sends. */
function keystroke(where: 'ppm' | 'contingency', i: number): Uint8Array {
  const text = where === 'ppm' ? client.ppms.rows()[0]!.text('reasonForUpdate') : client.contingency.text('contingencyPlan');
  const before = Y.encodeStateVector(client.doc);
  client.transact(() => text.insert(i % Math.max(1, text.length), 'x'));
  return Y.encodeStateAsUpdate(client.doc, before);
}

const validator = new UpdateValidator({ workers: 1 });
const name = planName('bench');
for (const where of ['ppm', 'contingency'] as const) {
  // Warm up (first check sends the full state), then measure.
  for (let i = 0; i < 50; i++) {
    const u = keystroke(where, i);
    if ((await validator.check(name, server.doc, u)).ok) Y.applyUpdate(server.doc, u, 'client');
  }
  const blocking: number[] = [];
  const times = await timeAsync(checks, async (i) => {
    const u = keystroke(where, i);
    const t = performance.now();
    const pending = validator.check(name, server.doc, u);
    blocking.push(performance.now() - t);
    const verdict = await pending;
    if (!verdict.ok) throw new Error(`refused: ${JSON.stringify(verdict)}`);
    Y.applyUpdate(server.doc, u, 'client');
  });
  stats(`check: 1-char insert in ${where === 'ppm' ? 'a PPM meeting (ppms root)' : 'the contingency plan'}`, times);
  stats(`  of which main thread blocked`, blocking);
}
{
  // A refused update: the worker rebuilds its replica from what it kept (O(document)).
  const attacker = new Y.Doc();
  Y.applyUpdate(attacker, Y.encodeStateAsUpdate(server.doc));
  const refused: number[] = [];
  for (let i = 0; i < Math.min(checks, 200); i++) {
    const before = Y.encodeStateVector(attacker);
    attacker.getMap('contingency').set(`unknown${i}`, i);
    const bad = Y.encodeStateAsUpdate(attacker, before);
    attacker.getMap('contingency').delete(`unknown${i}`);
    const t = performance.now();
    if ((await validator.check(name, server.doc, bad)).ok) throw new Error('accepted an unknown field');
    refused.push(performance.now() - t);
  }
  stats('check: refused update (unknown field; replica rolled back)', refused);
}
await validator.close();

const u = keystroke('ppm', 1);
Y.applyUpdate(server.doc, u);
const now = Y.encodeStateAsUpdate(server.doc);
console.log('');
stats('naive: new Y.Doc + apply full state + update + validate', timeSync(Math.min(checks, 300), () => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, now);
  Y.applyUpdate(doc, u);
  if (validate(doc, spec).length > 0) throw new Error('invalid');
}));
console.log('\nparts (main thread, same process):');
stats('  validate, whole document', timeSync(300, () => void validate(server.doc, spec)));
stats('  validate, contingency root only', timeSync(300, () => void validate(server.doc, { ...spec, roots: spec.roots.filter((r) => r.name === 'contingency') })));
stats('  Y.encodeStateAsUpdate (snapshot before each check)', timeSync(300, () => void Y.encodeStateAsUpdate(server.doc)));
stats('  new Y.Doc + apply full state (copy, or rebuild)', timeSync(300, () => void Y.applyUpdate(new Y.Doc(), now)));
